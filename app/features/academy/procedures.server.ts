import { adminProcedure, router } from "~/trpc/init.server";
import { errorResponses } from "~/trpc/rest-meta";
import { agreementAttempts, agreementReport, setMentorConfirmsPasses } from "./agreement.server";
import { auditLog } from "./audit.server";
import { listUsers, setUserRole, userDetail } from "./people.server";
import { auditLogFilters, auditLogSchema, roleChangeSchema, setRoleInput, userDetailSchema, userIdInput, userListFilters, userListSchema } from "./people-schemas";
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

  users: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/users",
        protect: true,
        tags: ["Admin"],
        summary: "Users, a page at a time",
        description:
          "In e-mail order, 50 a page. `q` finds users whose e-mail address or name starts with it (any case); `role` keeps one role; `after` is the previous page's `next` (the last e-mail address on it).",
        successDescription: "A page of users",
        errorResponses: errorResponses(["VALIDATION_FAILED", "`role` is not a role, or `q` is too long"], "UNAUTHENTICATED", ADMIN_ONLY),
      },
    })
    .input(userListFilters.optional())
    .output(userListSchema)
    .query(({ ctx, input }) => listUsers(ctx.db, ctx.user, input ?? {})),

  user: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/users/{userId}",
        protect: true,
        tags: ["Admin"],
        summary: "One user, read-only",
        description: "The account, the plan in force and where it comes from, a mentor's tracks, and a student's missions with their latest attempt's totals.",
        successDescription: "The user",
        errorResponses: errorResponses("VALIDATION_FAILED", "UNAUTHENTICATED", ADMIN_ONLY, ["NOT_FOUND", "no user has this id"]),
      },
    })
    .input(userIdInput)
    .output(userDetailSchema)
    .query(({ ctx, input }) => userDetail(ctx.db, ctx.user, input)),

  setRole: adminProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/admin/users/{userId}/role",
        protect: true,
        tags: ["Admin"],
        summary: "Change a user's role",
        description: "Make a student a mentor, a mentor an administrator, or any of them a student again. Written to the audit log. An administrator cannot change their own role.",
        successDescription: "The user's role",
        errorResponses: errorResponses(
          ["VALIDATION_FAILED", "`role` is not a role"],
          "UNAUTHENTICATED",
          ADMIN_ONLY,
          ["NOT_FOUND", "no user has this id"],
          ["INVALID_STATE", "the caller tried to change their own role"],
        ),
      },
    })
    .input(setRoleInput)
    .output(roleChangeSchema)
    .mutation(({ ctx, input }) => setUserRole(ctx.db, ctx.user, input)),

  audit: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/audit",
        protect: true,
        tags: ["Admin"],
        summary: "The audit log of administrators' changes",
        description:
          "Newest first, 50 a page: who changed what and when, with the record before and after. Filters: `action`, `actor` (an administrator's e-mail address), `target` (the id of the record changed); `after` is the previous page's `next`.",
        successDescription: "A page of the log",
        errorResponses: errorResponses(["VALIDATION_FAILED", "`action` is not one the log records"], "UNAUTHENTICATED", ADMIN_ONLY),
      },
    })
    .input(auditLogFilters.optional())
    .output(auditLogSchema)
    .query(({ ctx, input }) => auditLog(ctx.db, ctx.user, input ?? {})),
});
