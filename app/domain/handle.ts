/**
 * A student's handle is the last part of their public page's address (`/u/<handle>`): short,
 * lowercase, and safe in a URL without escaping. Sign-up derives one from the e-mail address
 * (app/features/accounts/signup.server.ts); the student may choose another.
 */

export const HANDLE_MIN_LENGTH = 3;
export const HANDLE_MAX_LENGTH = 30;

/** Lowercase letters, digits and single hyphens, starting and ending with a letter or digit. */
const HANDLE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Words that read as the platform speaking rather than a student. */
const RESERVED = new Set(["admin", "administrator", "api", "dashboard", "help", "login", "logout", "mentor", "mxp", "root", "signup", "staff", "support", "system"]);

/** What a person typed, as the handle it would be: surrounding space dropped, lowercase. */
export function normaliseHandle(value: string): string {
  return value.trim().toLowerCase();
}

/** Why a (normalised) handle cannot be used, in words for the person choosing it; null when it can. */
export function handleProblem(handle: string): string | null {
  if (handle.length < HANDLE_MIN_LENGTH) return `Use at least ${HANDLE_MIN_LENGTH} characters.`;
  if (handle.length > HANDLE_MAX_LENGTH) return `Use at most ${HANDLE_MAX_LENGTH} characters.`;
  if (!HANDLE_PATTERN.test(handle)) return "Use lowercase letters, digits and single hyphens, starting and ending with a letter or digit.";
  if (RESERVED.has(handle)) return "That name is reserved. Choose another.";
  return null;
}
