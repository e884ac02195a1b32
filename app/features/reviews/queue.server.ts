import type { Queryable } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { enqueueJob } from "#jobs/enqueue.server";
import { aiReviewQueueName, reviewerConfig } from "./reviewer-config.server";

/** Runs of the review job before a failure is final (graphile-worker retries with back-off in between). */
export const AI_REVIEW_MAX_ATTEMPTS = 5;

/** Queues the review of one attempt (in the caller's transaction): one job key per attempt, so it is reviewed once at a time. */
export async function enqueueAiReview(db: Queryable, submissionId: string): Promise<void> {
  await enqueueJob(
    db,
    "ai-review",
    { submissionId },
    { jobKey: `ai-review:${submissionId}`, maxAttempts: AI_REVIEW_MAX_ATTEMPTS, queueName: aiReviewQueueName(reviewerConfig(getEnv()), submissionId) },
  );
}
