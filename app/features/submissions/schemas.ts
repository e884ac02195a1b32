import { z } from "zod";
import { idSchema, storableText } from "~/utils/validation";

export const submitInput = z.object({
  reflection: storableText({ message: "Write a reflection" }).max(20_000, "Keep the reflection under 20,000 characters"),
});

export const checklistInput = z.object({ progressId: idSchema, reflection: storableText().nullable().default(null) });

/** One thing that still stands between the work and a submission (MissingItem). */
export const missingItemSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("subtask-incomplete"), subtaskId: z.string(), message: z.string() }),
    z.object({ kind: z.literal("evidence-missing"), subtaskId: z.string(), message: z.string() }),
    z.object({ kind: z.literal("reflection-too-short"), message: z.string() }),
  ])
  .meta({ id: "MissingItem" });

export const checklistOutput = z.array(missingItemSchema);

/** INCOMPLETE_SUBMISSION's details. */
export const incompleteSubmissionDetails = z.object({ missing: z.array(missingItemSchema) });

/** A new attempt, as a submission answers it. */
export const submissionOutput = z
  .object({
    id: z.string(),
    progressId: z.string(),
    attempt: z.number().int(),
    reflection: z.string(),
    createdAt: z.iso.datetime(),
    status: z.literal("SUBMITTED"),
    aiReview: z.object({ status: z.literal("PENDING") }),
  })
  .meta({ id: "Submission" });
