import { completionPercent, evidenceCountBySubtask } from "~/domain/mission-progress";
import type { ValuesMap } from "./autosave/autosave-store";

/** The element id of a step on the mission page (the tracker, the checklist and the no-JavaScript save link to it). */
export function stepAnchor(subtaskId: string): string {
  return `step-${subtaskId}`;
}

export interface WorkSubtask {
  id: string;
  position: number;
  title: string;
  evidenceRequired: boolean;
}

/** How a step is named wherever it stands alone (the conflict dialog, notices). */
export function stepTitle(subtask: Pick<WorkSubtask, "position" | "title">): string {
  return `Step ${subtask.position}: ${subtask.title}`;
}

export interface StepProgress {
  id: string;
  position: number;
  title: string;
  done: boolean;
  evidenceCount: number;
  /** The step asks for evidence and has none yet. */
  needsEvidence: boolean;
  /** The first step not marked complete: where the work continues. */
  current: boolean;
}

export interface WorkView {
  /** Share of steps marked complete, 0–100. */
  percent: number;
  steps: StepProgress[];
  /** Step titles by subtask id. */
  titles: Record<string, string>;
  /** The first step not marked complete, or null when every step is. */
  currentStepId: string | null;
}

/** The state of the work as the page shows it: what the editors hold now (saved or not) and the files attached. */
export function workView(subtasks: readonly WorkSubtask[], values: ValuesMap, files: readonly { subtaskId: string }[]): WorkView {
  const counts = evidenceCountBySubtask(files);
  const steps = subtasks.map((subtask) => {
    const evidenceCount = counts[subtask.id] ?? 0;
    return {
      id: subtask.id,
      position: subtask.position,
      title: subtask.title,
      done: values[subtask.id]?.completed ?? false,
      evidenceCount,
      needsEvidence: subtask.evidenceRequired && evidenceCount === 0,
      current: false,
    };
  });
  const current = steps.find((step) => !step.done);
  if (current) current.current = true;
  return {
    percent: completionPercent(
      subtasks.map((subtask) => subtask.id),
      values,
    ),
    steps,
    titles: Object.fromEntries(subtasks.map((subtask) => [subtask.id, stepTitle(subtask)])),
    currentStepId: current?.id ?? null,
  };
}
