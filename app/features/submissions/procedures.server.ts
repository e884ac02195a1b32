import { authedProcedure, router } from "~/trpc/init.server";
import { errorResponses } from "~/trpc/rest-meta";
import { progressIdInput } from "~/features/progress/schemas";
import { checklistInput, checklistOutput, submissionOutput, submitInput } from "./schemas";
import { getSubmissionChecklist, submitProgress } from "./service.server";

export const submissionsRouter = router({
  /** What still stands between the work and a submission (the page's checklist). */
  checklist: authedProcedure
    .input(checklistInput)
    .output(checklistOutput)
    .query(({ ctx, input }) => getSubmissionChecklist(ctx.db, ctx.user, input.progressId, input.reflection)),

  submit: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/mission-progress/{progressId}/submit",
        protect: true,
        tags: ["Progress"],
        summary: "Submit the work for review",
        description: "Freezes a snapshot of the work as a new attempt, locks its files and queues the AI review.",
        successDescription: "The new attempt; its AI review is queued",
        errorResponses: errorResponses(
          "VALIDATION_FAILED",
          "UNAUTHENTICATED",
          "NOT_FOUND",
          ["INVALID_STATE", "this attempt is submitted already"],
          ["INCOMPLETE_SUBMISSION", "a subtask is not complete, lacks its evidence, or the reflection is under 50 characters; `details.missing` lists each"],
        ),
      },
      rest: { successStatus: 202 },
    })
    .input(submitInput.extend(progressIdInput.shape))
    .output(submissionOutput)
    .mutation(({ ctx, input: { progressId, ...body } }) => submitProgress(ctx.db, ctx.user, progressId, body)),
});
