import { z } from "zod";
import { authedProcedure, router } from "~/trpc/init.server";
import { errorResponses } from "~/trpc/rest-meta";
import { skillSignalsOutput } from "./schemas";
import { listSkillSignals } from "./service.server";

export const skillsRouter = router({
  signals: authedProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/skill-signals",
        protect: true,
        tags: ["Skills"],
        summary: "The caller's skill signals (TalentScope)",
        description:
          "Per skill the caller's approved work exercised: mastery (0–100) and its level, confidence (0–1, also in a word), how many approvals back it and the latest one. Folded from the approved attempts in approval order, so a withdrawn approval leaves no trace.",
        successDescription: "The caller's skill signals",
        errorResponses: errorResponses("UNAUTHENTICATED"),
      },
    })
    .input(z.void())
    .output(skillSignalsOutput)
    .query(({ ctx }) => listSkillSignals(ctx.db, ctx.user)),
});
