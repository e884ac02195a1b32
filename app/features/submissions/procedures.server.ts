import { z } from "zod";
import { authedProcedure, router } from "~/trpc/init.server";
import { idSchema } from "~/utils/validation";
import { submitInput } from "./schemas";
import { getSubmissionChecklist, submitProgress } from "./service.server";

export const submissionsRouter = router({
  checklist: authedProcedure
    .input(z.object({ progressId: idSchema, reflection: z.string().nullable().default(null) }))
    .query(({ ctx, input }) => getSubmissionChecklist(ctx.db, ctx.user, input.progressId, input.reflection)),
  submit: authedProcedure
    .input(submitInput.extend({ progressId: idSchema }))
    .mutation(({ ctx, input: { progressId, ...body } }) => submitProgress(ctx.db, ctx.user, progressId, body)),
});
