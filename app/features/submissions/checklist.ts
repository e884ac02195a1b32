import { MIN_REFLECTION_LENGTH, type MissingItem } from "~/domain/mission-progress";

/** What the submit form says before anything else: the rules of a submission (PRODUCT.md, "Submit"). */
export const SUBMISSION_RULES: readonly string[] = [
  "Every step must be marked complete, and the steps that ask for evidence need at least one file.",
  `Write a reflection of at least ${MIN_REFLECTION_LENGTH} characters: what you did, what you learned, what you would do differently.`,
  "Submitting freezes this attempt: your notes, files and reflection are kept exactly as they are and the AI review starts. Earlier attempts stay readable.",
  "If changes are requested, you can edit your work and submit again.",
];

export interface ReflectionCount {
  /** Characters that count (leading and trailing whitespace does not). */
  length: number;
  enough: boolean;
  text: string;
}

/** The counter under the reflection field; counts the way the server's check does. */
export function reflectionCount(reflection: string): ReflectionCount {
  const length = reflection.trim().length;
  const enough = length >= MIN_REFLECTION_LENGTH;
  return { length, enough, text: `${length} / ${MIN_REFLECTION_LENGTH} characters${enough ? " — long enough" : ` minimum (${MIN_REFLECTION_LENGTH - length} to go)`}` };
}

/** What a screen reader hears as the checklist changes. */
export function checklistAnnouncement(missing: readonly MissingItem[]): string {
  if (missing.length === 0) return "Everything is ready to submit.";
  return `${missing.length} item${missing.length === 1 ? "" : "s"} still to do before you can submit.`;
}

/** A stable key for a missing item (one per kind and step). */
export function missingItemKey(item: MissingItem): string {
  return `${item.kind}-${"subtaskId" in item ? item.subtaskId : ""}`;
}
