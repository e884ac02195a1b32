import type { ReviewFlag } from "~/domain/rubric";

/**
 * The flags a review can carry, in one table: a model may raise any of the first four, the
 * deterministic checks raise them too, and `needs_human` marks a result no reviewer could settle.
 * Blocking flags stop an AI approval whatever the total (PRODUCT.md).
 */
export const REVIEW_FLAG_CODES = ["prompt_injection", "missing_evidence", "off_topic", "note", "needs_human"] as const;
export type ReviewFlagCode = (typeof REVIEW_FLAG_CODES)[number];

export const BLOCKING_FLAG_CODES: readonly ReviewFlagCode[] = ["prompt_injection", "missing_evidence", "off_topic", "needs_human"];

export function reviewFlag(code: ReviewFlagCode, message: string): ReviewFlag {
  return { code, message, blocking: BLOCKING_FLAG_CODES.includes(code) };
}

/** What the student reads for a blocking flag: plain words and what to do about it. */
export const FLAG_EXPLANATIONS: Record<ReviewFlagCode, string> = {
  prompt_injection:
    "Your work contains text that reads like instructions to the reviewer (for example “ignore previous instructions” or a made-up score). Work that tries to steer the grader is never approved automatically. If you were quoting a payload as evidence, put it in a code block or an evidence file and say in your notes that it is a quoted sample; then submit again.",
  missing_evidence: "The evidence does not show what the steps ask for. Add the files the instructions name and submit again.",
  off_topic: "The work does not address this mission's objectives. Check the brief and the success criteria, then submit again.",
  note: "A remark from the reviewer.",
  needs_human: "The automatic review could not settle this attempt, so a person will look at it.",
};
