import { createCallerFactory, router } from "./init.server";
import { accountRouter } from "./routers/account";
import { missionsRouter, progressRouter } from "./routers/missions";
import { notificationsRouter } from "./routers/notifications";

export const appRouter = router({
  account: accountRouter,
  notifications: notificationsRouter,
  missions: missionsRouter,
  progress: progressRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller, for tests and loaders that want the exact tRPC behaviour. */
export const createCaller = createCallerFactory(appRouter);
