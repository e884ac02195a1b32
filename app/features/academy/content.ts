/**
 * Rules across the academy's documents (pure): prerequisite cycles, references between
 * documents, what changed between two versions of a mission, and the weighted total explained
 * for the rubric editor.
 */
import type { AcademyDocuments, MissionDocument } from "./content-schemas";

/** A problem found in the academy's documents, at a field of one document. */
export interface ContentProblem {
  /** Which document: a mission's or track's slug, or "skills". */
  document: { kind: "mission" | "track" | "skills"; slug: string };
  /** The field's path in that document, e.g. ["prerequisites", 0]. */
  path: (string | number)[];
  message: string;
}

/**
 * The first cycle in the prerequisite graph, as the slugs met along it with the first repeated
 * at the end (["a", "b", "a"]), or null when there is none. Prerequisites naming missions that
 * are not in the list are ignored here (another check reports them). A cycle through a mission of
 * `startAt` is told from that mission.
 */
export function prerequisiteCycle(missions: readonly { slug: string; prerequisites: readonly string[] }[], startAt: readonly string[] = []): string[] | null {
  const needs = new Map(missions.map((mission) => [mission.slug, mission.prerequisites]));
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (slug: string): string[] | null => {
    const seen = state.get(slug);
    if (seen === "done") return null;
    if (seen === "visiting") return [...path.slice(path.indexOf(slug)), slug];
    state.set(slug, "visiting");
    path.push(slug);
    for (const required of needs.get(slug) ?? []) {
      if (!needs.has(required)) continue;
      const cycle = visit(required);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(slug, "done");
    return null;
  };
  // Missions named in `startAt` first: a cycle through one of them is told from it (the mission being edited).
  for (const slug of [...startAt.filter((candidate) => needs.has(candidate)), ...missions.map((mission) => mission.slug)]) {
    const cycle = visit(slug);
    if (cycle) return cycle;
  }
  return null;
}

/** "a → b → a": a cycle as a person reads it. */
export function describeCycle(cycle: readonly string[]): string {
  return `These missions require each other in a circle: ${cycle.join(" → ")}. Remove one of these prerequisites.`;
}

/**
 * Problems between documents that each are valid on their own: skills, tracks and prerequisites
 * that do not exist, missions two tracks (or no track) list, slugs used twice and prerequisite
 * cycles. Empty when the academy can be written.
 */
export function academyProblems(academy: AcademyDocuments, options: { tellCyclesFrom?: readonly string[] } = {}): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const skillKeys = new Set<string>();
  academy.skills.forEach((skill, index) => {
    if (skillKeys.has(skill.key)) problems.push({ document: { kind: "skills", slug: "skills" }, path: [index, "key"], message: `The skill “${skill.key}” is listed twice` });
    skillKeys.add(skill.key);
  });
  const missionSlugs = new Set<string>();
  for (const mission of academy.missions) {
    const at = { kind: "mission", slug: mission.slug } as const;
    if (missionSlugs.has(mission.slug)) problems.push({ document: at, path: ["slug"], message: `Two missions use the slug “${mission.slug}”` });
    missionSlugs.add(mission.slug);
  }
  const trackOf = new Map<string, string>();
  const trackSlugs = new Set<string>();
  for (const track of academy.tracks) {
    const at = { kind: "track", slug: track.slug } as const;
    if (trackSlugs.has(track.slug)) problems.push({ document: at, path: ["slug"], message: `Two tracks use the slug “${track.slug}”` });
    trackSlugs.add(track.slug);
    track.missions.forEach((slug, index) => {
      if (!missionSlugs.has(slug)) problems.push({ document: at, path: ["missions", index], message: `There is no mission “${slug}”` });
      else if (trackOf.has(slug)) problems.push({ document: at, path: ["missions", index], message: `“${slug}” is already listed by the track “${trackOf.get(slug)}”` });
      else trackOf.set(slug, track.slug);
    });
  }
  for (const mission of academy.missions) {
    const at = { kind: "mission", slug: mission.slug } as const;
    if (!trackSlugs.has(mission.track)) problems.push({ document: at, path: ["track"], message: `There is no track “${mission.track}”` });
    else if (trackOf.get(mission.slug) !== mission.track) problems.push({ document: at, path: ["track"], message: `The track “${mission.track}” does not list this mission` });
    mission.prerequisites.forEach((slug, index) => {
      if (!missionSlugs.has(slug)) problems.push({ document: at, path: ["prerequisites", index], message: `There is no mission “${slug}”` });
    });
    mission.skills.forEach((entry, index) => {
      if (!skillKeys.has(entry.skill)) problems.push({ document: at, path: ["skills", index, "skill"], message: `There is no skill “${entry.skill}”` });
    });
    mission.recipes.forEach((recipe, index) => {
      if (!skillKeys.has(recipe.skill)) problems.push({ document: at, path: ["recipes", index, "skill"], message: `There is no skill “${recipe.skill}”` });
    });
  }
  const cycle = prerequisiteCycle(academy.missions, options.tellCyclesFrom);
  if (cycle) problems.push({ document: { kind: "mission", slug: cycle[0]! }, path: ["prerequisites"], message: describeCycle(cycle) });
  return problems;
}

/** The parts of a mission an author recognises, in the editor's order, with the fields each covers. */
const MISSION_PARTS: { label: string; fields: (keyof MissionDocument)[] }[] = [
  { label: "title and summary", fields: ["title", "summary", "slug"] },
  { label: "track", fields: ["track"] },
  { label: "story", fields: ["story"] },
  { label: "objectives", fields: ["objectives"] },
  { label: "success criteria", fields: ["successCriteria"] },
  { label: "settings", fields: ["difficulty", "tierRequired", "isCapstone", "estimatedMinutes"] },
  { label: "prerequisites", fields: ["prerequisites"] },
  { label: "skills", fields: ["skills"] },
  { label: "steps", fields: ["subtasks"] },
  { label: "rubric", fields: ["rubric", "passThreshold"] },
  { label: "recipes", fields: ["recipes"] },
];

/** The parts that differ between two versions of a mission ("story", "rubric", …); every part for a new mission. */
export function changedParts(before: MissionDocument | null, after: MissionDocument): string[] {
  return MISSION_PARTS.filter((part) => !before || part.fields.some((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))).map((part) => part.label);
}

/** Whether the rubric students are judged against differs (criteria or pass threshold). */
export function rubricChanged(before: MissionDocument | null, after: MissionDocument): boolean {
  return !before || JSON.stringify([before.rubric, before.passThreshold]) !== JSON.stringify([after.rubric, after.passThreshold]);
}

/** One criterion's part of the weighted total, for the rubric editor. */
export interface CriterionShare {
  key: string;
  /** Percentage points of the total this criterion is worth at its maximum score. */
  points: number;
  /** What one level of it is worth, in points of the total. */
  pointsPerLevel: number;
}

/**
 * How the weighted total comes about, in numbers an author can check while typing: each
 * criterion contributes weight / (sum of weights) of 100 points, in equal steps per level. Only
 * criteria with a usable weight and maximum score count; null when none has.
 */
export function weightedTotalShares(criteria: readonly { key: string; weight: number; maxScore: number }[]): CriterionShare[] | null {
  const usable = criteria.filter((criterion) => criterion.weight > 0 && Number.isFinite(criterion.weight) && Number.isInteger(criterion.maxScore) && criterion.maxScore >= 1);
  const total = usable.reduce((sum, criterion) => sum + criterion.weight, 0);
  if (usable.length === 0 || total <= 0) return null;
  return usable.map((criterion) => {
    const points = (criterion.weight / total) * 100;
    return { key: criterion.key, points: round(points), pointsPerLevel: round(points / criterion.maxScore) };
  });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
