import { diffWords } from "diff";

/** One stretch of text in a comparison: unchanged, added in this attempt, or removed since the last. */
export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

/** This attempt's text against the previous attempt's, word by word (the mentor's "what changed"). */
export function diffText(previous: string, current: string): DiffPart[] {
  return diffWords(previous, current).map((change) => ({ kind: change.added ? "added" : change.removed ? "removed" : "same", text: change.value }));
}

/** Whether a comparison has any change at all. */
export function hasChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((part) => part.kind !== "same");
}
