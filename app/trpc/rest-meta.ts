import { ERROR_CODES, type AppErrorCode } from "~/utils/errors";

/** What each error code means to an API client, unless an operation says more precisely. */
const MEANINGS: Record<AppErrorCode, string> = {
  VALIDATION_FAILED: "the request is not valid; `details.fieldErrors` names each field that is wrong",
  UNAUTHENTICATED: "no valid session: send `Authorization: Bearer <token>` or the session cookie",
  TWO_FACTOR_REQUIRED: "the e-mail and password are right, and the account asks for a code from its authenticator app (or a recovery code): send it again with `code`",
  QUOTA_EXCEEDED: "the month's mission starts are used up",
  TIER_REQUIRED: "the caller's plan does not include this",
  FORBIDDEN: "the caller may not do this",
  EMAIL_NOT_VERIFIED: "the password is right but the account's e-mail address is not confirmed yet: open the link e-mailed to it (a new one has been sent)",
  NOT_FOUND: "no such record, or it belongs to someone else",
  METHOD_NOT_ALLOWED: "this path does not take this method",
  VERSION_CONFLICT: "the record changed since the version sent; `details.current` holds the saved state",
  INVALID_STATE: "the record is not in a state that allows this",
  ALREADY_EXISTS: "the record exists already",
  FILE_TOO_LARGE: "the file is larger than the limit, or the caller's evidence storage is full",
  PAYLOAD_TOO_LARGE: "the request body is larger than the limit (`details.maxBytes`); the server closes the connection after this answer",
  UNSUPPORTED_FILE_TYPE: "the file's content is not an accepted kind of evidence",
  INCOMPLETE_SUBMISSION: "the work is not ready; `details.missing` lists what is missing",
  RATE_LIMITED: "too many attempts; retry after the `Retry-After` header's seconds",
  INTERNAL: "something failed on the server",
  UNAVAILABLE: "the service is unavailable for a moment",
};

export type DocumentedError = AppErrorCode | readonly [AppErrorCode, string];

/** The 403 of every admin operation. */
export const ADMIN_ONLY = ["FORBIDDEN", "the caller is not an administrator"] as const satisfies DocumentedError;

/**
 * trpc-to-openapi's `errorResponses` for the error codes an operation answers with: one entry
 * per status, naming each code in backticks with what it means here. The OpenAPI document's
 * error schemas are built from the codes named (app/server/openapi.server.ts), so the codes an
 * operation documents are written once, in its meta.
 */
export function errorResponses(...errors: DocumentedError[]): Record<number, string> {
  const byStatus: Record<number, string[]> = {};
  for (const entry of errors) {
    const [code, meaning] = typeof entry === "string" ? [entry, MEANINGS[entry]] : entry;
    (byStatus[ERROR_CODES[code].status] ??= []).push(`\`${code}\`: ${meaning}.`);
  }
  return Object.fromEntries(Object.entries(byStatus).map(([status, lines]) => [status, lines.join(" ")]));
}

/** The error codes an `errorResponses` description names. */
export function codesNamedIn(description: string): AppErrorCode[] {
  return [...description.matchAll(/`([A-Z][A-Z_]+)`/g)].map((match) => match[1]!).filter((code): code is AppErrorCode => code in ERROR_CODES);
}
