import { z } from "zod";
import { adminProcedure, authedProcedure, router } from "~/trpc/init.server";
import { idSchema } from "~/utils/validation";
import { listFailedReviews, retryReview } from "./operations.server";
import { ADMIN_ONLY, errorResponses } from "~/trpc/rest-meta";
import { progressIdInput } from "~/features/progress/schemas";
import { attemptReviewSchema, failedReviewsSchema, retriedReviewSchema } from "./schemas";
import { latestAttemptReview } from "./view.server";

export const reviewsRouter = router({
  latest: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/mission-progress/{progressId}/ai-review",
        protect: true,
        tags: ["Reviews"],
        summary: "The AI review of the latest attempt",
        description:
          "`status` is `pending` (queued), `running`, `completed` or `failed`. When completed, `review` holds the weighted total, whether it passed, who scored it (a model, or the built-in heuristic reviewer when no AI model is configured), the flags and, per criterion, the score, its maximum, the level reached, the justification and a quote from the work. When failed, `failure` says whether another try is scheduled.",
        successDescription: "The latest attempt's review",
        errorResponses: errorResponses("VALIDATION_FAILED", "UNAUTHENTICATED", ["NOT_FOUND", "no such record, it belongs to someone else, or nothing has been submitted yet"]),
      },
    })
    .input(progressIdInput)
    .output(attemptReviewSchema)
    .query(({ ctx, input }) => latestAttemptReview(ctx.db, ctx.user, input.progressId)),

  /** Admins: reviews whose tries are used up, with what went wrong. */
  failed: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/reviews/failed",
        protect: true,
        tags: ["Admin"],
        summary: "AI reviews whose tries are used up",
        description: "The latest 100, newest first: the attempt, the student, the reviewer, how many runs it had and the last error.",
        successDescription: "The failed reviews",
        errorResponses: errorResponses("UNAUTHENTICATED", ADMIN_ONLY),
      },
    })
    .input(z.void())
    .output(failedReviewsSchema)
    .query(({ ctx }) => listFailedReviews(ctx.db)),

  /** Admins: send a failed review back to the queue with a fresh set of tries. */
  retry: adminProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/admin/reviews/{submissionId}/retry",
        protect: true,
        tags: ["Admin"],
        summary: "Try a failed AI review again",
        description: "The review goes back to the queue at once with a fresh set of tries; the student's page shows it pending again.",
        successDescription: "The review, queued again",
        errorResponses: errorResponses(
          "VALIDATION_FAILED",
          "UNAUTHENTICATED",
          ADMIN_ONLY,
          ["NOT_FOUND", "no review has this submission id"],
          ["INVALID_STATE", "the review has not failed"],
        ),
      },
    })
    .input(z.object({ submissionId: idSchema }))
    .output(retriedReviewSchema)
    .mutation(({ ctx, input }) => retryReview(ctx.db, ctx.user, input.submissionId)),
});
