import { z } from "zod";
import { AppError } from "./errors";

/** A record id in a path, a form or a body. */
export const idSchema = z.string({ message: "An id is required" }).trim().min(1, "An id is required").max(64, "That id is too long");

/** Parses untrusted input with a zod schema; a failure is a VALIDATION_FAILED AppError with field details. */
export function parseOrThrow<T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: z.ZodError } }, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.fromZod(result.error);
  return result.data;
}
