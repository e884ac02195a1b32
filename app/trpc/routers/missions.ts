import { z } from "zod";
import { dashboardFilters, idSchema, saveProgressInput, submitInput } from "~/services/missions.schemas";
import { getMissionDashboard, getMissionDetail, startMission } from "~/services/missions.server";
import { completeOnboarding, onboardingInput } from "~/services/onboarding.server";
import { getProgress, saveProgress } from "~/services/progress.server";
import { getSubmissionChecklist, submitProgress } from "~/services/submissions.server";
import { deleteEvidence } from "~/services/evidence.server";
import { getEvidenceStorage } from "~/adapters/storage/storage.server";
import { authedProcedure, router } from "../init.server";

// Inputs are parsed again by the services (the same schemas), which keeps REST, pages and
// tRPC on one set of rules; here they give tRPC typed inputs.
export const missionsRouter = router({
  dashboard: authedProcedure.input(dashboardFilters.optional()).query(({ ctx, input }) => getMissionDashboard(ctx.db, ctx.user, input ?? {})),
  get: authedProcedure.input(z.object({ missionId: idSchema })).query(({ ctx, input }) => getMissionDetail(ctx.db, ctx.user, input.missionId)),
  start: authedProcedure.input(z.object({ missionId: idSchema })).mutation(({ ctx, input }) => startMission(ctx.db, ctx.user, input.missionId)),
  onboarding: authedProcedure.input(onboardingInput).mutation(({ ctx, input }) => completeOnboarding(ctx.db, ctx.user, input)),
});

export const progressRouter = router({
  get: authedProcedure.input(z.object({ progressId: idSchema })).query(({ ctx, input }) => getProgress(ctx.db, ctx.user, input.progressId)),
  save: authedProcedure
    .input(saveProgressInput.extend({ progressId: idSchema }))
    .mutation(({ ctx, input: { progressId, ...change } }) => saveProgress(ctx.db, ctx.user, progressId, change)),
  checklist: authedProcedure
    .input(z.object({ progressId: idSchema, reflection: z.string().nullable().default(null) }))
    .query(({ ctx, input }) => getSubmissionChecklist(ctx.db, ctx.user, input.progressId, input.reflection)),
  /** Uploads go through /api/evidence-upload (multipart with progress events); deletions can come here. */
  deleteFile: authedProcedure
    .input(z.object({ progressId: idSchema, fileId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      await deleteEvidence(ctx.db, getEvidenceStorage(), ctx.user, input.fileId, { progressId: input.progressId });
      return { deleted: input.fileId };
    }),
  submit: authedProcedure
    .input(submitInput.extend({ progressId: idSchema }))
    .mutation(({ ctx, input: { progressId, ...body } }) => submitProgress(ctx.db, ctx.user, progressId, body)),
});
