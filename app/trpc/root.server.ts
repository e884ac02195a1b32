import { academyRouter } from "~/features/academy/procedures.server";
import { accountRouter } from "~/features/accounts/procedures.server";
import { billingAdminRouter } from "~/features/billing/admin-procedures.server";
import { billingRouter } from "~/features/billing/procedures.server";
import { evidenceRouter } from "~/features/evidence/procedures.server";
import { mentoringRouter } from "~/features/mentoring/procedures.server";
import { missionsRouter } from "~/features/missions/procedures.server";
import { notificationsRouter } from "~/features/notifications/procedures.server";
import { onboardingRouter } from "~/features/onboarding/procedures.server";
import { portfolioRouter } from "~/features/portfolio/procedures.server";
import { progressRouter } from "~/features/progress/procedures.server";
import { reviewsRouter } from "~/features/reviews/procedures.server";
import { skillsRouter } from "~/features/skills/procedures.server";
import { submissionsRouter } from "~/features/submissions/procedures.server";
import { createCallerFactory, router } from "./init.server";

/** One router per feature; each feature's procedures are defined in its own folder. */
export const appRouter = router({
  account: accountRouter,
  notifications: notificationsRouter,
  missions: missionsRouter,
  onboarding: onboardingRouter,
  progress: progressRouter,
  evidence: evidenceRouter,
  submissions: submissionsRouter,
  reviews: reviewsRouter,
  mentoring: mentoringRouter,
  portfolio: portfolioRouter,
  skills: skillsRouter,
  billing: billingRouter,
  billingAdmin: billingAdminRouter,
  academy: academyRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side caller, for tests and loaders that want the exact tRPC behaviour. */
export const createCaller = createCallerFactory(appRouter);
