import { listNotifications, markNotificationsRead } from "./service.server";
import { authedProcedure, router } from "~/trpc/init.server";
import { listNotificationsInput, markReadInput, markReadOutput, notificationsOutput } from "./schemas";

export const notificationsRouter = router({
  list: authedProcedure
    .input(listNotificationsInput)
    .output(notificationsOutput)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.user.id, input)),
  markRead: authedProcedure
    .input(markReadInput)
    .output(markReadOutput)
    .mutation(async ({ ctx, input }) => ({ updated: await markNotificationsRead(ctx.db, ctx.user.id, input.ids) })),
});
