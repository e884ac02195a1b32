import { z } from "zod";
import { DIFFICULTIES } from "~/domain/difficulty";
import { MAX_NOTES_LENGTH } from "~/domain/mission-progress";

export const idSchema = z.string({ message: "An id is required" }).trim().min(1, "An id is required").max(64, "That id is too long");

export const dashboardFilters = z.object({
  track: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z0-9-]*$/, "Use a track's slug, e.g. defender-ops")
    .optional()
    .transform((value) => value || undefined),
  difficulty: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.enum(DIFFICULTIES, { message: `Use one of ${DIFFICULTIES.join(", ")}` }).optional()),
});
export type DashboardFilters = z.output<typeof dashboardFilters>;

export const subtaskPatch = z
  .object({
    notes: z.string().max(MAX_NOTES_LENGTH, `Notes can be at most ${MAX_NOTES_LENGTH.toLocaleString("en")} characters`).optional(),
    completed: z.boolean({ message: "completed must be true or false" }).optional(),
  })
  .strict();

export const saveProgressInput = z.object({
  version: z.number({ message: "Send the version your change is based on" }).int().min(1),
  subtasks: z
    .record(idSchema, subtaskPatch)
    .refine((value) => Object.keys(value).length > 0, "Send at least one subtask change")
    .refine((value) => Object.keys(value).length <= 50, "Send at most 50 subtask changes at once"),
});
export type SaveProgressInput = z.input<typeof saveProgressInput>;

export const submitInput = z.object({
  reflection: z.string({ message: "Write a reflection" }).max(20_000, "Keep the reflection under 20,000 characters"),
});
