import { getEvidenceStorage } from "~/adapters/storage/storage.server";
import { authedProcedure, router } from "~/trpc/init.server";
import { errorResponses } from "~/trpc/rest-meta";
import { deleteEvidenceOutput, evidenceFileParams } from "./schemas";
import { deleteEvidence } from "./service.server";

// Uploads (multipart, streamed) and downloads (binary) are HTTP handlers of their own
// (rest.server.ts); deletion is a plain procedure.
export const evidenceRouter = router({
  delete: authedProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/mission-progress/{progressId}/files/{fileId}",
        protect: true,
        tags: ["Evidence"],
        summary: "Delete an evidence file",
        description: "Only the student, only while the work is editable; files of a submitted attempt are kept.",
        successDescription: "The file is deleted",
        errorResponses: errorResponses("VALIDATION_FAILED", "UNAUTHENTICATED", "NOT_FOUND", ["INVALID_STATE", "the file is part of a submitted attempt, or the work is submitted"]),
      },
      rest: { successStatus: 204 },
    })
    .input(evidenceFileParams)
    .output(deleteEvidenceOutput)
    .mutation(async ({ ctx, input }) => {
      await deleteEvidence(ctx.db, getEvidenceStorage(), ctx.user, input.fileId, { progressId: input.progressId });
      return { deleted: input.fileId };
    }),
});
