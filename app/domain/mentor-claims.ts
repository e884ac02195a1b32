/**
 * The rules of a mentor's claim on a review (PRODUCT.md, "A mission's life"): a claim is
 * exclusive, lasts 30 minutes unless extended, and a mentor holds at most four at a time.
 * Pure: the database applies the same rules in the statements that claim.
 */

export const CLAIM_MINUTES = 30;
export const MAX_CLAIMS_PER_MENTOR = 4;

export type MentorReviewState = "REQUESTED" | "CLAIMED" | "COMPLETED";

export interface ClaimableReview {
  status: MentorReviewState;
  mentorId: string | null;
  claimExpiresAt: Date | null;
}

/** When a claim made (or extended) now runs out. */
export function claimExpiry(now: Date): Date {
  return new Date(now.getTime() + CLAIM_MINUTES * 60_000);
}

/** Whether someone holds the review right now (a claim past its time holds nothing). */
export function isHeld(review: ClaimableReview, now: Date): boolean {
  return review.status === "CLAIMED" && review.mentorId !== null && review.claimExpiresAt !== null && review.claimExpiresAt.getTime() > now.getTime();
}

export type ClaimRefusal = "completed" | "held-by-another" | "too-many-claims";

/**
 * Whether this mentor may claim (or keep working on) the review now. Holding it already is
 * fine (a claim is extended, not doubled); `heldByMentor` counts the mentor's live claims on
 * other reviews.
 */
export function claimRefusal(review: ClaimableReview, mentorId: string, heldByMentor: number, now: Date): ClaimRefusal | null {
  if (review.status === "COMPLETED") return "completed";
  if (isHeld(review, now)) return review.mentorId === mentorId ? null : "held-by-another";
  return heldByMentor >= MAX_CLAIMS_PER_MENTOR ? "too-many-claims" : null;
}

/** A mentor assigned to no track reviews every track; otherwise only the assigned ones. */
export function mentorCoversTrack(assignedTrackIds: readonly string[], trackId: string): boolean {
  return assignedTrackIds.length === 0 || assignedTrackIds.includes(trackId);
}

/** A mentor may read a request's work while nobody else holds it, and the reviews they hold or decided. */
export function mentorMayRead(review: ClaimableReview, mentorId: string, now: Date): boolean {
  if (review.mentorId === mentorId) return true;
  if (review.status === "COMPLETED") return false;
  return !isHeld(review, now);
}
