import { emailSettings, listNotifications, markNotificationsRead, updateEmailSettings } from "./service.server";
import { authedProcedure, router } from "~/trpc/init.server";
import { emailSettingsOutput, listNotificationsInput, markReadInput, markReadOutput, notificationsOutput, updateEmailSettingsInput } from "./schemas";

export const notificationsRouter = router({
  list: authedProcedure
    .input(listNotificationsInput)
    .output(notificationsOutput)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.user.id, input)),
  markRead: authedProcedure
    .input(markReadInput)
    .output(markReadOutput)
    .mutation(async ({ ctx, input }) => ({ updated: await markNotificationsRead(ctx.db, ctx.user.id, input.ids) })),
  /** The notification e-mails the caller can receive and whether each is on. */
  emailSettings: authedProcedure.output(emailSettingsOutput).query(({ ctx }) => emailSettings(ctx.db, ctx.user)),
  /** Switches kinds of notification e-mail on or off; answers with all of them. */
  updateEmailSettings: authedProcedure
    .input(updateEmailSettingsInput)
    .output(emailSettingsOutput)
    .mutation(({ ctx, input }) => updateEmailSettings(ctx.db, ctx.user, input)),
});
