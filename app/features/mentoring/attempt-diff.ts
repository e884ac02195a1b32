import { diffWords } from "diff";

/** One stretch of text in a comparison: unchanged, only in the later text (added), or only in the earlier one (removed). */
export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

/**
 * The later text against the earlier one, word by word: a mentor's "what changed" between two
 * attempts, and the two sides of an autosave conflict on the mission page.
 */
export function diffText(previous: string, current: string): DiffPart[] {
  return diffWords(previous, current).map((change) => ({ kind: change.added ? "added" : change.removed ? "removed" : "same", text: change.value }));
}

/** Whether a comparison has any change at all. */
export function hasChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((part) => part.kind !== "same");
}
