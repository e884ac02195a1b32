import { authedProcedure, router } from "~/trpc/init.server";
import { errorResponses } from "~/trpc/rest-meta";
import { progressIdInput, progressViewSchema, saveProgressInput, savedProgressSchema } from "./schemas";
import { getProgress, saveProgress } from "./service.server";

export const progressRouter = router({
  get: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/mission-progress/{progressId}",
        protect: true,
        tags: ["Progress"],
        summary: "A mission progress record",
        description: "Status, version, subtask state, files and submissions. Other students' records answer 404, as if they did not exist.",
        successDescription: "The progress record",
        errorResponses: errorResponses("VALIDATION_FAILED", "UNAUTHENTICATED", "NOT_FOUND"),
      },
    })
    .input(progressIdInput)
    .output(progressViewSchema)
    .query(({ ctx, input }) => getProgress(ctx.db, ctx.user, input.progressId)),

  /** The autosave: the hottest operation (docs/decisions/009-autosave-hot-path.md). */
  save: authedProcedure
    .meta({
      openapi: {
        method: "PATCH",
        path: "/mission-progress/{progressId}",
        protect: true,
        tags: ["Progress"],
        summary: "Save subtask notes and completion (autosave)",
        description:
          "Merges the changed subtasks into the record if `version` is the saved one, and answers the new version. A stale version is refused with the saved state, so the client can show both.",
        successDescription: "The saved state and its new version",
        errorResponses: errorResponses(
          ["VALIDATION_FAILED", "the body is not a valid change (`details.fieldErrors`, e.g. `subtasks.<id>.notes`), not JSON, or names a subtask of another mission"],
          "UNAUTHENTICATED",
          "NOT_FOUND",
          ["VERSION_CONFLICT", "the record was saved since `version`; `details.current` holds the saved state"],
          ["INVALID_STATE", "the work is submitted and cannot change until changes are requested"],
        ),
      },
    })
    .input(saveProgressInput.extend(progressIdInput.shape))
    .output(savedProgressSchema)
    .mutation(({ ctx, input: { progressId, ...change } }) => saveProgress(ctx.db, ctx.user, progressId, change)),
});
