import { z } from "zod";
import { MAX_NOTES_LENGTH } from "~/domain/mission-progress";
import { idSchema } from "~/utils/validation";

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
