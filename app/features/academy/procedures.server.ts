import { adminProcedure, router } from "~/trpc/init.server";
import { errorResponses } from "~/trpc/rest-meta";
import { agreementAttempts, agreementReport, setMentorConfirmsPasses } from "./agreement.server";
import {
  agreementAttemptsInput,
  agreementAttemptsSchema,
  agreementPeriodInput,
  agreementReportSchema,
  mentorConfirmsPassesInput,
  mentorConfirmsPassesSchema,
} from "./agreement-schemas";

const ADMIN_ONLY = ["FORBIDDEN", "the caller is not an administrator"] as const;

/** The academy's back office (administrators only). */
export const academyRouter = router({
  agreement: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/agreement",
        protect: true,
        tags: ["Admin"],
        summary: "How far the AI reviewer agrees with mentors",
        description:
          "Over the attempts reviewed by both the AI and a mentor whose mentor decision falls in the period (UTC days, `from` and `to` inclusive; the last 90 days by default): per criterion and per mission, worst-agreeing first, exact and within-one agreement, quadratic weighted kappa (null when every score sits in one level), the mean signed difference (AI minus mentor, in levels: above 0 the AI is kinder) and pass/fail agreement.",
        successDescription: "The report",
        errorResponses: errorResponses(["VALIDATION_FAILED", "a date is not YYYY-MM-DD, or the period ends before it starts"], "UNAUTHENTICATED", ADMIN_ONLY),
      },
    })
    .input(agreementPeriodInput.optional())
    .output(agreementReportSchema)
    .query(({ ctx, input }) => agreementReport(ctx.db, ctx.user, input ?? {})),

  agreementAttempts: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/agreement/missions/{missionId}",
        protect: true,
        tags: ["Admin"],
        summary: "The attempts behind a mission's agreement figures",
        description:
          "The attempts of one mission reviewed by both in the period (with `criterion`, only those where both scored it, with both scores), newest decision first, at most 200.",
        successDescription: "The attempts",
        errorResponses: errorResponses("VALIDATION_FAILED", "UNAUTHENTICATED", ADMIN_ONLY, ["NOT_FOUND", "no mission has this id"]),
      },
    })
    .input(agreementAttemptsInput)
    .output(agreementAttemptsSchema)
    .query(({ ctx, input }) => agreementAttempts(ctx.db, ctx.user, input)),

  setMentorConfirmsPasses: adminProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/admin/missions/{missionId}/mentor-confirms-passes",
        protect: true,
        tags: ["Admin"],
        summary: "Whether a passing AI review approves by itself",
        description:
          "With `mentorConfirmsPasses: true`, a passing AI review on this mission goes to the mentor queue instead of approving the attempt (capstones always do). Attempts already reviewed are not changed.",
        successDescription: "The mission's setting",
        errorResponses: errorResponses("VALIDATION_FAILED", "UNAUTHENTICATED", ADMIN_ONLY, ["NOT_FOUND", "no mission has this id"]),
      },
    })
    .input(mentorConfirmsPassesInput)
    .output(mentorConfirmsPassesSchema)
    .mutation(({ ctx, input }) => setMentorConfirmsPasses(ctx.db, ctx.user, input)),
});
