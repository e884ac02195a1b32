import { z } from "zod";
import { AppError } from "./errors";

/** What a person reads when text holds a NUL character or half of a surrogate pair, which PostgreSQL cannot store. */
export const UNSTORABLE_TEXT_MESSAGE = "This text contains characters that cannot be stored (a NUL character or a broken Unicode character)";

// With the u flag a surrogate pair is one code point, so \p{Cs} matches only a half standing alone.
// eslint-disable-next-line no-control-regex -- NUL is exactly the character PostgreSQL refuses in text
const UNSTORABLE_CHARACTER = /[\u0000\p{Cs}]/u;

/** Whether PostgreSQL can store the text: no NUL character and no lone half of a UTF-16 surrogate pair. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE_CHARACTER.test(value);
}

/**
 * Text that may reach the database. Every string a schema takes from outside is built on this,
 * so a NUL or a broken Unicode character is the sender's mistake (400), not a database failure.
 */
export function storableText(params?: { message?: string }) {
  return z.string(params).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
}

/** The largest value of a PostgreSQL integer (INT4) column. */
export const INT4_MAX = 2_147_483_647;

/** A whole number that fits an integer column. */
export function storableInt(params?: { message?: string }) {
  return z.number(params).int().max(INT4_MAX, "That number is too large");
}

/** A record id in a path, a form or a body. */
export const idSchema = storableText({ message: "An id is required" }).trim().min(1, "An id is required").max(64, "That id is too long");

/** Parses untrusted input with a zod schema; a failure is a VALIDATION_FAILED AppError with field details. */
export function parseOrThrow<T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: z.ZodError } }, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw AppError.fromZod(result.error);
  return result.data;
}
