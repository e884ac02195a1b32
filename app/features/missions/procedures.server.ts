import { z } from "zod";
import { authedProcedure, router } from "~/trpc/init.server";
import { idSchema } from "~/utils/validation";
import { dashboardFilters } from "./schemas";
import { getMissionDashboard, getMissionDetail, startMission } from "./service.server";

// Inputs are parsed again by the services (the same schemas), which keeps pages and procedures
// on one set of rules; here they give the procedures typed inputs.
export const missionsRouter = router({
  dashboard: authedProcedure.input(dashboardFilters.optional()).query(({ ctx, input }) => getMissionDashboard(ctx.db, ctx.user, input ?? {})),
  get: authedProcedure.input(z.object({ missionId: idSchema })).query(({ ctx, input }) => getMissionDetail(ctx.db, ctx.user, input.missionId)),
  start: authedProcedure.input(z.object({ missionId: idSchema })).mutation(({ ctx, input }) => startMission(ctx.db, ctx.user, input.missionId)),
});
