import { z } from "zod";
import { getEvidenceStorage } from "~/adapters/storage/storage.server";
import { authedProcedure, router } from "~/trpc/init.server";
import { idSchema } from "~/utils/validation";
import { deleteEvidence } from "./service.server";

export const evidenceRouter = router({
  /** Uploads are multipart (see the feature's HTTP handler); deletions are a plain procedure. */
  delete: authedProcedure
    .input(z.object({ progressId: idSchema, fileId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      await deleteEvidence(ctx.db, getEvidenceStorage(), ctx.user, input.fileId, { progressId: input.progressId });
      return { deleted: input.fileId };
    }),
});
