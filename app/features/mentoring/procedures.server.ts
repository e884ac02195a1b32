import { z } from "zod";
import { adminProcedure, authedProcedure, mentorProcedure, router } from "~/trpc/init.server";
import { ADMIN_ONLY, errorResponses } from "~/trpc/rest-meta";
import { progressIdInput } from "~/features/progress/schemas";
import { idSchema } from "~/utils/validation";
import {
  assignedTracksSchema,
  mentoringOverviewSchema,
  mentorQueueFilters,
  mentorReviewCompleteInput,
  mentorReviewRequestInput,
  mentorReviewRequestOutput,
  mentorReviewResultOutput,
} from "./schemas";
import { assignMentorTracks, assignTracksInput, mentoringOverview } from "./admin.server";
import { claimMentorReview, completeMentorReview, mentorQueue, releaseMentorReview, requestMentorReview } from "./service.server";

export const mentoringRouter = router({
  request: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/mission-progress/{progressId}/mentor-review",
        protect: true,
        tags: ["Reviews"],
        summary: "Ask a mentor to review the latest attempt (Premium)",
        description:
          "Once per attempt, after its AI review whatever the verdict. `reason` says why (optional); `disputedCriteria` names the rubric criteria the student thinks were scored wrong (a regrade request). Work the AI asked to change waits for the mentor; an AI approval stands until the mentor decides.",
        successDescription: "The request, queued for mentors",
        errorResponses: errorResponses(
          ["VALIDATION_FAILED", "the body is not valid, or `disputedCriteria` names a key the mission's rubric does not have"],
          "UNAUTHENTICATED",
          ["TIER_REQUIRED", "mentor reviews come with the Premium plan; `details.required` and `details.current` name the plans"],
          "NOT_FOUND",
          ["INVALID_STATE", "the latest attempt has no completed AI review yet, or already has a mentor review"],
        ),
      },
      rest: { successStatus: 202 },
    })
    .input(mentorReviewRequestInput.extend(progressIdInput.shape))
    .output(mentorReviewRequestOutput)
    .mutation(({ ctx, input: { progressId, ...body } }) => requestMentorReview(ctx.db, ctx.user, progressId, body)),

  complete: mentorProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/mission-progress/{progressId}/mentor-review/complete",
        protect: true,
        tags: ["Reviews"],
        summary: "Complete the mentor review of the latest attempt (mentors)",
        description:
          "Scores every rubric criterion (`scores`: criterion key → whole number from 0 to its maximum), with an overall comment (`comments`, one text) and optional comments per criterion, and decides. Claims the review if nobody holds it. The decision overrides the AI's: `changes_requested` after an AI approval withdraws the portfolio item and the skill signals drop the attempt.",
        successDescription: "The completed mentor review",
        errorResponses: errorResponses(
          ["VALIDATION_FAILED", "a score names an unknown criterion, a criterion has no score, or a score is out of range; `details.fieldErrors.scores` lists each"],
          "UNAUTHENTICATED",
          ["FORBIDDEN", "the caller is not a mentor, or the review is in a track the mentor is not assigned to"],
          "NOT_FOUND",
          ["INVALID_STATE", "another mentor holds the review, it is already completed, or no mentor review was requested for the latest attempt"],
        ),
      },
    })
    .input(mentorReviewCompleteInput.extend(progressIdInput.shape))
    .output(mentorReviewResultOutput)
    .mutation(({ ctx, input: { progressId, ...body } }) => completeMentorReview(ctx.db, ctx.user, progressId, body)),

  /** Mentors: what they hold and the oldest requests they may take. */
  queue: mentorProcedure.input(mentorQueueFilters.optional()).query(({ ctx, input }) => mentorQueue(ctx.db, ctx.user, input ?? {})),

  /** Mentors: claim a request for 30 minutes, or extend one's own claim. */
  claim: mentorProcedure.input(z.object({ reviewId: idSchema })).mutation(({ ctx, input }) => claimMentorReview(ctx.db, ctx.user, input.reviewId)),

  /** Mentors: give a claim back to the queue. */
  release: mentorProcedure.input(z.object({ reviewId: idSchema })).mutation(({ ctx, input }) => releaseMentorReview(ctx.db, ctx.user, input.reviewId)),

  /** Admins: mentors with their tracks, claims and completed reviews, and how long reviews wait. */
  overview: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/mentors",
        protect: true,
        tags: ["Admin"],
        summary: "Mentors, their tracks and load, and how long reviews wait",
        description:
          "Each mentor with the tracks they review (none: every track), the reviews they hold and those they completed (in all and over 7 days); the tracks to assign; the median and 90th percentile wait from request to decision over 7 days, and the requests still open.",
        successDescription: "The overview",
        errorResponses: errorResponses("UNAUTHENTICATED", ADMIN_ONLY),
      },
    })
    .input(z.void())
    .output(mentoringOverviewSchema)
    .query(({ ctx }) => mentoringOverview(ctx.db)),

  /** Admins: the tracks a mentor reviews (an empty list: every track). */
  assignTracks: adminProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/admin/mentors/{mentorId}/tracks",
        protect: true,
        tags: ["Admin"],
        summary: "Set the tracks a mentor reviews",
        description: "Replaces the mentor's tracks; an empty list means every track. Written to the audit log.",
        successDescription: "The mentor's tracks",
        errorResponses: errorResponses(["VALIDATION_FAILED", "`trackIds` is not a list of ids, or names a track that does not exist"], "UNAUTHENTICATED", ADMIN_ONLY, [
          "NOT_FOUND",
          "no mentor has this id",
        ]),
      },
    })
    .input(assignTracksInput)
    .output(assignedTracksSchema)
    .mutation(({ ctx, input }) => assignMentorTracks(ctx.db, ctx.user, input)),
});
