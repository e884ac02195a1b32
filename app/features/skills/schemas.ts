import { z } from "zod";
import { DIFFICULTIES } from "~/domain/difficulty";

export const skillSignalSchema = z
  .object({
    skill: z.object({ key: z.string(), name: z.string(), category: z.string() }),
    mastery: z.number().meta({ description: "0–100, folded from the approved work that exercised the skill" }),
    level: z.enum(DIFFICULTIES).meta({ description: "The profiler's band of the mastery (0–19 Novice … 80–100 Elite)" }),
    confidence: z.number().meta({ description: "0–1: how much approved evidence backs the mastery (a mentor's approval counts more than the AI's)" }),
    confidenceLabel: z.enum(["low", "moderate", "high"]).meta({ description: "The confidence in a word" }),
    evidenceCount: z.number().int().meta({ description: "Approved attempts that exercised the skill" }),
    lastEvidenceAt: z.string().nullable(),
  })
  .meta({ id: "SkillSignal" });
export type SkillSignalView = z.infer<typeof skillSignalSchema>;

export const skillSignalsOutput = z.object({ signals: z.array(skillSignalSchema).meta({ description: "Highest mastery first" }) }).meta({ id: "SkillSignals" });
export type SkillSignalsView = z.infer<typeof skillSignalsOutput>;
