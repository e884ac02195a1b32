import { isEditable, type ProgressStatus } from "~/domain/mission-progress";

/**
 * How a progress status reads, everywhere it is shown: `label` where space is short (a mission
 * card, the progress tracker), `sentence` where the student needs to know what happens next
 * (the status line of the mission page). One table, so a new status cannot be worded on one
 * page and forgotten on another.
 */
export interface StatusWording {
  label: string;
  sentence: string;
}

export const PROGRESS_STATUS_WORDING: Record<ProgressStatus, StatusWording> = {
  IN_PROGRESS: { label: "In progress", sentence: "In progress" },
  SUBMITTED: { label: "Submitted", sentence: "Submitted — waiting for the AI review" },
  AI_REVIEWED: { label: "AI reviewed", sentence: "Reviewed by the AI" },
  CHANGES_REQUESTED: { label: "Changes requested", sentence: "Changes requested — edit your work and submit again" },
  MENTOR_REVIEW_REQUESTED: { label: "Mentor review requested", sentence: "Waiting for a mentor to pick up your review" },
  IN_MENTOR_REVIEW: { label: "In mentor review", sentence: "A mentor is reviewing your work" },
  APPROVED: { label: "Approved", sentence: "Approved" },
};

export function statusLabel(status: ProgressStatus): string {
  return PROGRESS_STATUS_WORDING[status].label;
}

export function statusSentence(status: ProgressStatus): string {
  return PROGRESS_STATUS_WORDING[status].sentence;
}

/** Statuses during which the mission page checks back every 5 s for the result (PRODUCT.md). */
export const WAITING_STATUSES: readonly ProgressStatus[] = ["SUBMITTED", "MENTOR_REVIEW_REQUESTED", "IN_MENTOR_REVIEW"];

export function isWaitingForReview(status: ProgressStatus): boolean {
  return WAITING_STATUSES.includes(status);
}

/** The colour family of a status line: done, the student's turn, or someone else's. */
export type StatusTone = "done" | "yours" | "waiting";

export function statusTone(status: ProgressStatus): StatusTone {
  if (status === "APPROVED") return "done";
  return isEditable(status) ? "yours" : "waiting";
}
