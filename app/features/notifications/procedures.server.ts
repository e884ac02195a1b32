import { z } from "zod";
import { listNotifications, markNotificationsRead } from "./service.server";
import { authedProcedure, router } from "~/trpc/init.server";

export const notificationsRouter = router({
  list: authedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 }))
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.user.id, input)),
  markRead: authedProcedure
    .input(z.object({ ids: z.array(z.string().min(1)).max(100).optional() }))
    .mutation(async ({ ctx, input }) => ({ updated: await markNotificationsRead(ctx.db, ctx.user.id, input.ids) })),
});
