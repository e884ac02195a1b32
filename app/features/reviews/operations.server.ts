import { assertRole } from "~/features/accounts/auth.server";
import type { PublicUser } from "~/features/accounts/service.server";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { idSchema, parseOrThrow } from "~/utils/validation";
import { getEnv } from "~/utils/env.server";
import { publishReviewChange } from "./queries.server";
import { enqueueAiReview } from "./queue.server";

export interface ReviewPipelineHealth {
  ok: boolean;
  /** Reviews queued or running now. */
  waiting: number;
  /** How long the oldest of them has waited (0 when none). */
  oldestWaitingSeconds: number;
  /** Reviews whose tries are used up, waiting for an admin. */
  failed: number;
  /** Why the pipeline is not ok, in words. */
  problem?: string;
}

/**
 * The review pipeline's health: stuck when a review has waited (queued, running, or failed with
 * another try due) longer than REVIEW_STUCK_AFTER_SECONDS, so /healthz does not say "ok" while
 * students wait for nothing.
 */
export async function reviewPipelineHealth(db: Db, now: Date, stuckAfterSeconds = getEnv().REVIEW_STUCK_AFTER_SECONDS): Promise<ReviewPipelineHealth> {
  const [waiting, oldest, failed] = await Promise.all([
    db.aiReview.count({ where: { OR: [{ status: { in: ["PENDING", "RUNNING"] } }, { status: "FAILED", retryAt: { not: null } }] } }),
    db.aiReview.findFirst({
      where: { OR: [{ status: { in: ["PENDING", "RUNNING"] } }, { status: "FAILED", retryAt: { not: null } }] },
      orderBy: { queuedAt: "asc" },
      select: { queuedAt: true },
    }),
    db.aiReview.count({ where: { status: "FAILED", retryAt: null } }),
  ]);
  const oldestWaitingSeconds = oldest ? Math.max(0, Math.round((now.getTime() - oldest.queuedAt.getTime()) / 1000)) : 0;
  const stuck = oldestWaitingSeconds > stuckAfterSeconds;
  return {
    ok: !stuck,
    waiting,
    oldestWaitingSeconds,
    failed,
    ...(stuck ? { problem: `The oldest review has waited ${oldestWaitingSeconds} s (more than ${stuckAfterSeconds} s): check the workers and the reviewer's provider.` } : {}),
  };
}

/** Reviews whose tries are used up (or whose answers failed the checks twice), newest first, with what went wrong. */
export async function listFailedReviews(db: Db) {
  const rows = await db.aiReview.findMany({
    where: { status: "FAILED" },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      submissionId: true,
      error: true,
      attempts: true,
      retryAt: true,
      reviewer: true,
      createdAt: true,
      submission: { select: { attempt: true, progress: { select: { user: { select: { name: true, email: true } }, mission: { select: { title: true } } } } } },
    },
  });
  return rows.map((row) => ({
    submissionId: row.submissionId,
    error: row.error ?? "No error was recorded.",
    runs: row.attempts,
    retryAt: row.retryAt?.toISOString() ?? null,
    reviewer: row.reviewer,
    queuedAt: row.createdAt.toISOString(),
    attempt: row.submission.attempt,
    missionTitle: row.submission.progress.mission.title,
    student: row.submission.progress.user.name,
    studentEmail: row.submission.progress.user.email,
  }));
}

/**
 * An admin's "try again": a failed review goes back to the queue at once, with a fresh set of
 * tries. Only failed reviews: a completed one is never re-scored, a queued one is already coming.
 */
export async function retryReview(db: Db, admin: PublicUser, rawSubmissionId: unknown): Promise<{ submissionId: string; status: "pending" }> {
  assertRole(admin, "ADMIN");
  const submissionId = parseOrThrow(idSchema, rawSubmissionId);
  return await db.$transaction(async (tx) => {
    const review = await tx.aiReview.findUnique({ where: { submissionId }, select: { status: true, submission: { select: { progressId: true } } } });
    if (!review) throw AppError.notFound("This review");
    if (review.status !== "FAILED") throw new AppError("INVALID_STATE", "Only a failed review can be tried again; this one is not failed.", { status: review.status });
    await tx.aiReview.update({ where: { submissionId }, data: { status: "PENDING", error: null, retryAt: null, queuedAt: new Date() } });
    await enqueueAiReview(tx, submissionId);
    await publishReviewChange(tx, review.submission.progressId);
    return { submissionId, status: "pending" as const };
  });
}
