import { z } from "zod";
import { DIFFICULTIES } from "~/domain/difficulty";
import { PROFILER_QUESTIONS } from "~/domain/profiler";
import { storableText } from "~/utils/validation";

export const onboardingInput = z.object({
  answers: z.object(
    Object.fromEntries(PROFILER_QUESTIONS.map((question) => [question.id, z.coerce.number({ message: "Pick an answer" }).int().min(0).max(4)])) as Record<
      string,
      z.ZodType<number>
    >,
    { message: "Answer the questions" },
  ),
  tracks: z.array(storableText().trim().min(1).max(100)).max(20).default([]),
});

export const onboardingOutput = z.object({ profilerScore: z.number().int(), level: z.enum(DIFFICULTIES) });
