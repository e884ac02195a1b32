import { z } from "zod";
import { authedProcedure, router } from "~/trpc/init.server";
import { idSchema } from "~/utils/validation";
import { saveProgressInput } from "./schemas";
import { getProgress, saveProgress } from "./service.server";

export const progressRouter = router({
  get: authedProcedure.input(z.object({ progressId: idSchema })).query(({ ctx, input }) => getProgress(ctx.db, ctx.user, input.progressId)),
  save: authedProcedure
    .input(saveProgressInput.extend({ progressId: idSchema }))
    .mutation(({ ctx, input: { progressId, ...change } }) => saveProgress(ctx.db, ctx.user, progressId, change)),
});
