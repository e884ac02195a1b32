import { z } from "zod";
import { adminProcedure, authedProcedure, router } from "~/trpc/init.server";
import { idSchema } from "~/utils/validation";
import { listFailedReviews, retryReview } from "./operations.server";
import { errorResponses } from "~/trpc/rest-meta";
import { progressIdInput } from "~/features/progress/schemas";
import { attemptReviewSchema } from "./schemas";
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
  failed: adminProcedure.query(({ ctx }) => listFailedReviews(ctx.db)),

  /** Admins: send a failed review back to the queue with a fresh set of tries. */
  retry: adminProcedure
    .input(z.object({ submissionId: idSchema }))
    .output(z.object({ submissionId: z.string(), status: z.literal("pending") }))
    .mutation(({ ctx, input }) => retryReview(ctx.db, ctx.user, input.submissionId)),
});
