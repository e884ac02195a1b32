/**
 * The first-run checklist of a new student (the dashboard's overview): three steps, each ticked
 * from what the student has really done, shown until all three are.
 */
export interface FirstRunFacts {
  /** Follows at least one track (from the profiler, the checklist or a first start). */
  trackPicked: boolean;
  /** Has started at least one mission. */
  started: boolean;
  /** Has submitted work at least once (whatever its review said since). */
  submitted: boolean;
}

export type FirstRunStep = "track" | "start" | "submit";

export interface FirstRunChecklist {
  steps: { id: FirstRunStep; done: boolean }[];
  /** The first step not done yet: the one the page offers to do now. */
  next: FirstRunStep | null;
}

/** The checklist, or null once every step is done (the dashboard then shows the student's numbers). */
export function firstRunChecklist(facts: FirstRunFacts): FirstRunChecklist | null {
  const steps: FirstRunChecklist["steps"] = [
    // Starting a mission enrols its track, so a start ticks the first step too.
    { id: "track", done: facts.trackPicked || facts.started },
    { id: "start", done: facts.started },
    { id: "submit", done: facts.submitted },
  ];
  const next = steps.find((step) => !step.done)?.id ?? null;
  return next === null ? null : { steps, next };
}

/** The stats worth showing: a new student sees no row of zeros, only what has a number to it. */
export function nonZeroStats<T extends { value: number }>(stats: readonly T[]): T[] {
  return stats.filter((stat) => stat.value > 0);
}
