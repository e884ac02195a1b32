import type { ZodError } from "zod";

/** The message of an error answer ({error: {message}}, or plain text), if it has one. Safe in the browser. */
export function errorBodyMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body || undefined;
  const message = (body as { error?: { message?: unknown } } | null | undefined)?.error?.message;
  return typeof message === "string" && message ? message : undefined;
}

/** Every failure a person can cause, with the HTTP status and tRPC code it maps to. */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, trpc: "BAD_REQUEST" },
  UNAUTHENTICATED: { status: 401, trpc: "UNAUTHORIZED" },
  TWO_FACTOR_REQUIRED: { status: 401, trpc: "UNAUTHORIZED" },
  QUOTA_EXCEEDED: { status: 402, trpc: "FORBIDDEN" },
  TIER_REQUIRED: { status: 402, trpc: "FORBIDDEN" },
  FORBIDDEN: { status: 403, trpc: "FORBIDDEN" },
  EMAIL_NOT_VERIFIED: { status: 403, trpc: "FORBIDDEN" },
  NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  METHOD_NOT_ALLOWED: { status: 405, trpc: "METHOD_NOT_SUPPORTED" },
  VERSION_CONFLICT: { status: 409, trpc: "CONFLICT" },
  INVALID_STATE: { status: 409, trpc: "CONFLICT" },
  ALREADY_EXISTS: { status: 409, trpc: "CONFLICT" },
  FILE_TOO_LARGE: { status: 413, trpc: "PAYLOAD_TOO_LARGE" },
  PAYLOAD_TOO_LARGE: { status: 413, trpc: "PAYLOAD_TOO_LARGE" },
  UNSUPPORTED_FILE_TYPE: { status: 415, trpc: "UNSUPPORTED_MEDIA_TYPE" },
  INCOMPLETE_SUBMISSION: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  RATE_LIMITED: { status: 429, trpc: "TOO_MANY_REQUESTS" },
  INTERNAL: { status: 500, trpc: "INTERNAL_SERVER_ERROR" },
  UNAVAILABLE: { status: 503, trpc: "INTERNAL_SERVER_ERROR" },
} as const;

export type AppErrorCode = keyof typeof ERROR_CODES;
export type TrpcErrorCode = (typeof ERROR_CODES)[AppErrorCode]["trpc"];

/** Field-level details, e.g. {fieldErrors: {email: ["Enter a valid e-mail address"]}}. */
export type AppErrorDetails = Record<string, unknown>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details?: AppErrorDetails;
  /** Seconds after which a retry may succeed (rate limits). */
  readonly retryAfter?: number;

  constructor(code: AppErrorCode, message: string, details?: AppErrorDetails, options: { retryAfter?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = details;
    this.retryAfter = options.retryAfter;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  get trpcCode(): TrpcErrorCode {
    return ERROR_CODES[this.code].trpc;
  }

  toJSON(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }

  static notFound(what = "This record"): AppError {
    return new AppError("NOT_FOUND", `${what} was not found.`);
  }

  static fromZod(error: ZodError, message = "Some fields need attention."): AppError {
    const fieldErrors: Record<string, string[]> = {};
    const formErrors: string[] = [];
    for (const issue of error.issues) {
      const key = issue.path.map(String).join(".");
      if (!key) formErrors.push(issue.message);
      else (fieldErrors[key] ??= []).push(issue.message);
    }
    return new AppError("VALIDATION_FAILED", message, { fieldErrors, ...(formErrors.length ? { formErrors } : {}) });
  }
}

export interface ErrorBody {
  error: { code: AppErrorCode; message: string; details?: AppErrorDetails };
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError || (typeof error === "object" && error !== null && (error as { name?: string }).name === "AppError" && "code" in error);
}

/**
 * PostgreSQL's refusals of a value that came from the request (SQLSTATE class 22, data
 * exception), with what the sender reads. Input schemas refuse such values first (storableText and
 * storableInt in ./validation.ts); this is the safety net for a field that missed them, so the
 * answer is still the sender's mistake and not a 500.
 */
const REFUSED_INPUT_BY_SQLSTATE: Record<string, string> = {
  // character_not_in_repertoire: a NUL character in text.
  "22021": "Some text in this request contains characters that cannot be stored (a NUL character or a broken Unicode character).",
  // untranslatable_character
  "22P05": "Some text in this request contains characters that cannot be stored (a NUL character or a broken Unicode character).",
  // numeric_value_out_of_range
  "22003": "A number in this request is too large.",
};

/**
 * The SQLSTATE of a database error, wherever the driver put it: pg's error has it as `code`,
 * Prisma's driver-adapter errors as `originalCode` of the error's `cause`, and its request errors
 * inside `meta.driverAdapterError` (their own `code` is Prisma's, e.g. P2020, not a SQLSTATE).
 */
export function sqlStateOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== "object" || error === null || depth > 4) return undefined;
  const { code, originalCode, cause, meta } = error as { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (typeof originalCode === "string" && SQLSTATE.test(originalCode)) return originalCode;
  const nested = sqlStateOf(meta?.driverAdapterError, depth + 1) ?? sqlStateOf(cause, depth + 1);
  if (nested) return nested;
  const fromPrisma = "clientVersion" in error;
  return !fromPrisma && typeof code === "string" && SQLSTATE.test(code) ? code : undefined;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** Anything thrown → an AppError a person may see; unknown errors become a generic 500 (logged by the caller). */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const sqlState = sqlStateOf(error);
  const refusedInput = sqlState ? REFUSED_INPUT_BY_SQLSTATE[sqlState] : undefined;
  if (refusedInput) return new AppError("VALIDATION_FAILED", refusedInput, undefined, { cause: error });
  return new AppError("INTERNAL", "Something went wrong on our side. Your work is safe; please try again in a moment.", undefined, { cause: error });
}

export function errorResponse(error: unknown, init: { headers?: HeadersInit } = {}): Response {
  const appError = toAppError(error);
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  if (appError.retryAfter) headers.set("Retry-After", String(appError.retryAfter));
  return new Response(JSON.stringify(appError.toJSON()), { status: appError.status, headers });
}
