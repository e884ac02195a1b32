import { ProgressStatus, ReviewStatus } from "@prisma/client";
import { z } from "zod";
import { MAX_NOTES_LENGTH } from "~/domain/mission-progress";
import { idSchema, storableInt, storableText } from "~/utils/validation";
import { evidenceFileSchema } from "~/features/evidence/schemas";
import { submissionSnapshotSchema } from "~/features/submissions/snapshot";

export const subtaskPatch = z
  .object({
    notes: storableText()
      .max(MAX_NOTES_LENGTH, `Notes can be at most ${MAX_NOTES_LENGTH.toLocaleString("en")} characters`)
      .optional(),
    completed: z.boolean({ message: "completed must be true or false" }).optional(),
  })
  .strict();

export const saveProgressInput = z.object({
  version: storableInt({ message: "Send the version your change is based on" }).min(1),
  subtasks: z
    .record(idSchema, subtaskPatch)
    .refine((value) => Object.keys(value).length > 0, "Send at least one subtask change")
    .refine((value) => Object.keys(value).length <= 50, "Send at most 50 subtask changes at once"),
});
export type SaveProgressInput = z.input<typeof saveProgressInput>;

export const progressIdInput = z.object({ progressId: idSchema });

export const progressStatusSchema = z.enum(ProgressStatus).meta({ id: "ProgressStatus" });

export const subtaskStateSchema = z
  .object({ notes: z.string(), completed: z.boolean(), updatedAt: z.string().optional().meta({ description: "When this subtask was last saved (ISO 8601)" }) })
  .meta({ id: "SubtaskState" });

/** Subtask id → its state. */
export const subtaskStateMapSchema = z.record(z.string(), subtaskStateSchema);

/** A mission progress record as its student (or a reviewer) reads it (ProgressView). */
export const progressViewSchema = z
  .object({
    id: z.string(),
    missionId: z.string(),
    status: progressStatusSchema,
    version: z.number().int().meta({ description: "Send it back with the next change (PATCH); a stale one is a 409" }),
    editable: z.boolean(),
    subtasks: subtaskStateMapSchema,
    currentAttempt: z.number().int(),
    startedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    submittedAt: z.iso.datetime().nullable(),
    files: z.array(evidenceFileSchema),
    submissions: z.array(
      z.object({
        id: z.string(),
        attempt: z.number().int(),
        reflection: z.string(),
        createdAt: z.iso.datetime(),
        snapshot: submissionSnapshotSchema.meta({
          id: "SubmissionSnapshot",
          description: "What was submitted in this attempt: the subtasks' state, the evidence files and the reflection, frozen at submission",
        }),
        // The service types the status as a string; the values are the ReviewStatus enum's.
        aiReview: z
          .object({ status: z.string().meta({ description: Object.values(ReviewStatus).join(", ") }), total: z.number().nullable(), passed: z.boolean().nullable() })
          .nullable(),
      }),
    ),
  })
  .meta({ id: "MissionProgress" });

/** What an autosave answers (SavedProgress); a VERSION_CONFLICT's `details.current` has the same shape. */
export const savedProgressSchema = z
  .object({ id: z.string(), status: progressStatusSchema, version: z.number().int(), subtasks: subtaskStateMapSchema, updatedAt: z.iso.datetime() })
  .meta({ id: "SavedProgress" });

/** VERSION_CONFLICT's details: the saved state, to show beside the caller's change. */
export const versionConflictDetails = z.object({ current: savedProgressSchema, yourVersion: z.number().int() });
