import { progressViewSchema } from "~/features/progress/schemas";
import { authedProcedure, router } from "~/trpc/init.server";
import { errorResponses } from "~/trpc/rest-meta";
import { dashboardFilters, missionDashboardSchema, missionDetailSchema, missionIdInput } from "./schemas";
import { getMissionDashboard, getMissionDetail, startMission } from "./service.server";

// Inputs are parsed again by the services (the same schemas), which keeps pages and procedures
// on one set of rules; here they give the procedures typed inputs and the API its document.
// REST routes are matched in the order procedures are defined: `/missions/dashboard` must come
// before `/missions/{missionId}`, which would otherwise take it as a mission id.
export const missionsRouter = router({
  dashboard: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/missions/dashboard",
        protect: true,
        tags: ["Missions"],
        summary: "The caller's mission dashboard",
        description: "The missions of the caller's tracks (or of one track), split into available, in progress and completed, with locks, recommendations and the month's quota.",
        successDescription: "The dashboard",
        errorResponses: errorResponses(["VALIDATION_FAILED", "a filter is not valid: an unknown track or difficulty"], "UNAUTHENTICATED"),
      },
    })
    .input(dashboardFilters.optional())
    .output(missionDashboardSchema)
    .query(({ ctx, input }) => getMissionDashboard(ctx.db, ctx.user, input ?? {})),

  get: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/missions/{missionId}",
        protect: true,
        tags: ["Missions"],
        summary: "A mission",
        description: "The whole mission (story, objectives, subtasks, recipes, success criteria, rubric), the caller's progress and what locks it.",
        successDescription: "The mission",
        errorResponses: errorResponses("VALIDATION_FAILED", "UNAUTHENTICATED", ["NOT_FOUND", "no published mission has this id or slug"]),
      },
    })
    .input(missionIdInput)
    .output(missionDetailSchema)
    .query(({ ctx, input }) => getMissionDetail(ctx.db, ctx.user, input.missionId)),

  start: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/missions/{missionId}/start",
        protect: true,
        tags: ["Missions"],
        summary: "Start a mission",
        description:
          "Checks plan, quota and prerequisites and creates the caller's progress record; starting a mission already started answers the existing record and uses no quota.",
        successDescription: "The new progress record",
        errorResponses: errorResponses(
          "VALIDATION_FAILED",
          "UNAUTHENTICATED",
          ["QUOTA_EXCEEDED", "the month's mission starts are used up; `details.locks` says why"],
          ["TIER_REQUIRED", "the mission needs a higher plan; `details.locks` says which"],
          ["FORBIDDEN", "a prerequisite mission is not approved yet (`details.locks`), or the caller is not a student"],
          ["NOT_FOUND", "no published mission has this id or slug"],
        ),
      },
      rest: { successStatus: 201, otherSuccess: { 200: "The mission was started before: the existing progress record" } },
    })
    .input(missionIdInput)
    .output(progressViewSchema)
    .mutation(async ({ ctx, input }) => {
      const { created, progress } = await startMission(ctx.db, ctx.user, input.missionId);
      ctx.response.status = created ? 201 : 200;
      return progress;
    }),
});
