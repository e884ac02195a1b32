import { z } from "zod";
import { adminProcedure, router } from "~/trpc/init.server";
import { ADMIN_ONLY, errorResponses } from "~/trpc/rest-meta";
import { agreementAttempts, agreementReport, setMentorConfirmsPasses } from "./agreement.server";
import { auditLog } from "./audit.server";
import { operationsReport, retryJobs } from "./operations.server";
import { operationsReportSchema, retriedJobsSchema, retryJobsInput } from "./operations-schemas";
import {
  authoringOverview,
  createMissionDraft,
  createTrack,
  saveTrack,
  trackEditor,
  discardMissionDraft,
  missionEditor,
  missionHistory,
  previewMission,
  publishMissionDraft,
  saveMissionDraft,
  setMissionPublished,
} from "./authoring.server";
import {
  authoringOverviewSchema,
  createdDraftSchema,
  discardedDraftSchema,
  editorMissionSchema,
  missionEditorSchema,
  missionHistorySchema,
  missionPreviewSchema,
  missionSlugInput,
  missionVisibilitySchema,
  newMissionInput,
  previewInput,
  publishedMissionSchema,
  savedDraftSchema,
  saveTrackInput,
  setPublishedInput,
  trackEditorSchema,
  trackSlugInput,
} from "./authoring-schemas";
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
          "The attempts of one mission reviewed by both in the period (with `criterion`, only those where both scored it, with both scores), newest decision first, 25 a page: pass the answer's `olderBefore` as `before` for the next page.",
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

  missions: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/missions",
        protect: true,
        tags: ["Admin"],
        summary: "Every track's missions for authoring",
        description:
          "Published or not, with whether each has unsaved-to-students changes (a draft), its number of versions and how many students started it; and new missions that are still drafts.",
        successDescription: "The academy's missions",
        errorResponses: errorResponses("UNAUTHENTICATED", ADMIN_ONLY),
      },
    })
    .input(z.void())
    .output(authoringOverviewSchema)
    .query(({ ctx }) => authoringOverview(ctx.db, ctx.user)),

  createMission: adminProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/admin/missions",
        protect: true,
        tags: ["Admin"],
        summary: "Start a new mission as a draft",
        description: "Creates a draft at the end of a track. Students see nothing until it is published. The slug is the mission's address and cannot change later.",
        successDescription: "The new draft's slug",
        errorResponses: errorResponses(["VALIDATION_FAILED", "a field is missing or malformed, or the track does not exist"], "UNAUTHENTICATED", ADMIN_ONLY, [
          "ALREADY_EXISTS",
          "another mission or draft uses the slug",
        ]),
      },
    })
    .input(newMissionInput)
    .output(createdDraftSchema)
    .mutation(({ ctx, input }) => createMissionDraft(ctx.db, ctx.user, input)),

  missionEditor: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/missions/{slug}/draft",
        protect: true,
        tags: ["Admin"],
        summary: "A mission as the editor opens it",
        description:
          "The draft (or, without one, the published mission) as the editor holds it (numbers as typed), the messages per field that stand between it and publishing, its history, and the tracks, skills and missions its fields can name.",
        successDescription: "The editor's state",
        errorResponses: errorResponses("VALIDATION_FAILED", "UNAUTHENTICATED", ADMIN_ONLY, ["NOT_FOUND", "no mission or draft has this slug"]),
      },
    })
    .input(missionSlugInput)
    .output(missionEditorSchema)
    .query(({ ctx, input }) => missionEditor(ctx.db, ctx.user, input)),

  saveMissionDraft: adminProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/admin/missions/{slug}/draft",
        protect: true,
        tags: ["Admin"],
        summary: "Save a mission's draft",
        description:
          "Saves the editor's state as the draft, whatever it still lacks (returned in `fieldErrors`, empty when it can be published): unfinished work is never refused. Students keep seeing the published version.",
        successDescription: "Saved, with what still needs attention",
        errorResponses: errorResponses(["VALIDATION_FAILED", "the draft is not the editor's shape, or a field is far too long"], "UNAUTHENTICATED", ADMIN_ONLY, [
          "NOT_FOUND",
          "no mission or draft has this slug",
        ]),
      },
    })
    .input(editorMissionSchema)
    .output(savedDraftSchema)
    .mutation(({ ctx, input }) => saveMissionDraft(ctx.db, ctx.user, input)),

  discardMissionDraft: adminProcedure
    .meta({
      openapi: {
        method: "DELETE",
        path: "/admin/missions/{slug}/draft",
        protect: true,
        tags: ["Admin"],
        summary: "Discard a mission's draft",
        description: "The published mission, if any, stays as it is; a new mission's draft is gone.",
        successDescription: "Discarded",
        errorResponses: errorResponses(
          "VALIDATION_FAILED",
          "UNAUTHENTICATED",
          ADMIN_ONLY,
          ["NOT_FOUND", "no mission or draft has this slug"],
          ["INVALID_STATE", "the mission has no draft"],
        ),
      },
    })
    .input(missionSlugInput)
    .output(discardedDraftSchema)
    .mutation(({ ctx, input }) => discardMissionDraft(ctx.db, ctx.user, input)),

  publishMission: adminProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/admin/missions/{slug}/publish",
        protect: true,
        tags: ["Admin"],
        summary: "Publish a mission's draft",
        description:
          "Checks the draft like an import (every field's message at once), writes it with a line in the mission's history and the audit log, and removes the draft. A changed rubric becomes a new rubric version: attempts already scored keep theirs.",
        successDescription: "The version published",
        errorResponses: errorResponses(
          ["VALIDATION_FAILED", "the draft is incomplete or refers to what does not exist (e.g. a prerequisite cycle, named)"],
          "UNAUTHENTICATED",
          ADMIN_ONLY,
          ["NOT_FOUND", "no mission or draft has this slug"],
          ["INVALID_STATE", "there is no draft to publish"],
        ),
      },
    })
    .input(missionSlugInput)
    .output(publishedMissionSchema)
    .mutation(({ ctx, input }) => publishMissionDraft(ctx.db, ctx.user, input)),

  setMissionPublished: adminProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/admin/missions/{slug}/published",
        protect: true,
        tags: ["Admin"],
        summary: "Unpublish a mission, or publish it again",
        description: "`published: false` stops new starts; students who started the mission keep it, their work and its reviews. Written to the history and the audit log.",
        successDescription: "Whether students may start it",
        errorResponses: errorResponses(["VALIDATION_FAILED", "`published` is not true or false"], "UNAUTHENTICATED", ADMIN_ONLY, ["NOT_FOUND", "no mission has this slug"]),
      },
    })
    .input(setPublishedInput)
    .output(missionVisibilitySchema)
    .mutation(({ ctx, input }) => setMissionPublished(ctx.db, ctx.user, input)),

  missionHistory: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/missions/{slug}/history",
        protect: true,
        tags: ["Admin"],
        summary: "A mission's version history",
        description: "Newest first: each version with what changed, who changed it (null: imported from files) and when.",
        successDescription: "The history",
        errorResponses: errorResponses("VALIDATION_FAILED", "UNAUTHENTICATED", ADMIN_ONLY, ["NOT_FOUND", "no mission has this slug"]),
      },
    })
    .input(missionSlugInput)
    .output(missionHistorySchema)
    .query(({ ctx, input }) => missionHistory(ctx.db, ctx.user, input)),

  previewMission: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/missions/{slug}/preview",
        protect: true,
        tags: ["Admin"],
        summary: "A draft as a student of a chosen plan would see it",
        description:
          "The mission page's data for a student on `tier` (FREE by default) who has not started it, has no approved missions and no starts this month: the draft's content with the locks and start quota that student would meet.",
        successDescription: "The preview",
        errorResponses: errorResponses(["VALIDATION_FAILED", "`tier` is not a plan, or the draft is not complete enough to show"], "UNAUTHENTICATED", ADMIN_ONLY, [
          "NOT_FOUND",
          "no mission or draft has this slug",
        ]),
      },
    })
    .input(previewInput)
    .output(missionPreviewSchema)
    .query(({ ctx, input }) => previewMission(ctx.db, ctx.user, input)),

  track: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/tracks/{slug}",
        protect: true,
        tags: ["Admin"],
        summary: "A track with its missions in order",
        successDescription: "The track",
        errorResponses: errorResponses("VALIDATION_FAILED", "UNAUTHENTICATED", ADMIN_ONLY, ["NOT_FOUND", "no track has this slug"]),
      },
    })
    .input(trackSlugInput)
    .output(trackEditorSchema)
    .query(({ ctx, input }) => trackEditor(ctx.db, ctx.user, input)),

  createTrack: adminProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/admin/tracks",
        protect: true,
        tags: ["Admin"],
        summary: "Create a track",
        description: "The new track comes after the others and is not published: students see it once an admin publishes it.",
        successDescription: "The new track",
        errorResponses: errorResponses(["VALIDATION_FAILED", "a field is missing or malformed"], "UNAUTHENTICATED", ADMIN_ONLY, ["ALREADY_EXISTS", "another track uses the slug"]),
      },
    })
    .input(saveTrackInput)
    .output(trackEditorSchema)
    .mutation(({ ctx, input }) => createTrack(ctx.db, ctx.user, input)),

  saveTrack: adminProcedure
    .meta({
      openapi: {
        method: "PUT",
        path: "/admin/tracks/{slug}",
        protect: true,
        tags: ["Admin"],
        summary: "Change a track: its texts, whether students see it, the order of its missions",
        description: "`missions` lists all of the track's missions in their new order (omit it to keep the order). Written to the audit log.",
        successDescription: "The track",
        errorResponses: errorResponses(["VALIDATION_FAILED", "a field is missing or malformed, or `missions` is not exactly the track's missions"], "UNAUTHENTICATED", ADMIN_ONLY, [
          "NOT_FOUND",
          "no track has this slug",
        ]),
      },
    })
    .input(saveTrackInput)
    .output(trackEditorSchema)
    .mutation(({ ctx, input }) => saveTrack(ctx.db, ctx.user, input)),

  operations: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/operations",
        protect: true,
        tags: ["Admin"],
        summary: "The pipeline's health",
        description:
          "Background jobs per task (due, later, running, out of tries, the latest error) and the jobs out of tries; AI reviews per UTC day and reviewer over 30 days with tokens and cost at list prices, and per provider; the median and 90th percentile of submission → AI review and request → mentor review over 7 days; each mentor's load; the latest reviews flagged for a person.",
        successDescription: "The report",
        errorResponses: errorResponses("UNAUTHENTICATED", ADMIN_ONLY),
      },
    })
    .input(z.void())
    .output(operationsReportSchema)
    .query(({ ctx }) => operationsReport(ctx.db, ctx.user)),

  retryJobs: adminProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/admin/operations/jobs/retry",
        protect: true,
        tags: ["Admin"],
        summary: "Retry jobs that are out of tries",
        description:
          "Puts the jobs back in the queue now with a fresh set of tries, and writes it to the audit log. Jobs a worker holds, jobs not out of tries and review jobs (retry those with the failed review, which resets the review too) are left alone.",
        successDescription: "How many jobs went back in the queue",
        errorResponses: errorResponses(["VALIDATION_FAILED", "`jobIds` is empty, too long or not job ids"], "UNAUTHENTICATED", ADMIN_ONLY),
      },
    })
    .input(retryJobsInput)
    .output(retriedJobsSchema)
    .mutation(({ ctx, input }) => retryJobs(ctx.db, ctx.user, input)),
});
