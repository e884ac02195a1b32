import { initTRPC, TRPCError } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError } from "zod";
import type { Role } from "~/domain/roles";
import { roleSatisfies } from "~/domain/roles";
import { authFromHeaders } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { AppError, isAppError, toAppError, type AppErrorCode } from "~/utils/errors";
import { logger } from "~/server/logger.server";

/** What a procedure may tell the HTTP transport about its answer; callers without HTTP ignore it. */
export interface ResponseControl {
  /** A success status other than the operation's usual one (201 for a new start, 200 for an existing one). */
  status?: number;
  /** Headers for the answer, e.g. Set-Cookie at log-in. */
  headers: Record<string, string>;
}

/** The parts of an HTTP request a procedure may depend on, from whichever transport carried it. */
export interface RequestFacts {
  authorization?: string | null;
  cookie?: string | null;
  userAgent?: string | null;
  clientAddress?: string;
  /** Whether the request came over HTTPS (cookies get `Secure`). */
  secure?: boolean;
}

export async function createContextFromFacts(facts: RequestFacts) {
  const auth = await authFromHeaders(facts.authorization, facts.cookie);
  return {
    db: getDb(),
    auth,
    user: auth?.user ?? null,
    clientAddress: facts.clientAddress ?? "unknown",
    userAgent: facts.userAgent ?? null,
    secure: facts.secure ?? false,
    response: { headers: {} } as ResponseControl,
  };
}

/** A context for a Fetch Request (tests, server-side callers). */
export async function createContext({ request, clientAddress }: { request: Request; clientAddress?: string }) {
  return await createContextFromFacts({
    authorization: request.headers.get("Authorization"),
    cookie: request.headers.get("Cookie"),
    userAgent: request.headers.get("User-Agent"),
    clientAddress,
    secure: new URL(request.url).protocol === "https:" || request.headers.get("X-Forwarded-Proto") === "https",
  });
}
export type Context = Awaited<ReturnType<typeof createContextFromFacts>>;

/**
 * REST facts a procedure's `meta` may carry besides trpc-to-openapi's `openapi`: the usual
 * success status when it is not 200, and other success statuses it may choose at run time.
 */
export interface RestMeta {
  successStatus?: 200 | 201 | 202 | 204;
  otherSuccess?: Partial<Record<200 | 201, string>>;
}
export type Meta = OpenApiMeta<{ rest?: RestMeta }>;

/**
 * Any failure a procedure ends with, as the AppError a person may see: our own errors as they
 * are, input that failed its schema as VALIDATION_FAILED with field details, tRPC's own refusals
 * by their code, everything else as toAppError says (a generic INTERNAL error, or the database's
 * refusal of a value as VALIDATION_FAILED). The REST answers and tRPC's error shape both come
 * from here.
 */
export function appErrorOf(error: unknown): AppError {
  if (isAppError(error)) return error;
  if (error instanceof ZodError) return AppError.fromZod(error);
  if (error instanceof TRPCError) {
    if (isAppError(error.cause)) return error.cause;
    // Input that failed its schema; an output that fails its schema is our failure (INTERNAL).
    if (error.cause instanceof ZodError && error.code === "BAD_REQUEST") return AppError.fromZod(error.cause);
    const code = TRPC_TO_APP[error.code];
    if (code) return new AppError(code, code === "VALIDATION_FAILED" ? "The request is not valid." : error.message);
  }
  return toAppError(error);
}

const TRPC_TO_APP: Partial<Record<TRPCError["code"], AppErrorCode>> = {
  PARSE_ERROR: "VALIDATION_FAILED",
  BAD_REQUEST: "VALIDATION_FAILED",
  UNAUTHORIZED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  METHOD_NOT_SUPPORTED: "METHOD_NOT_ALLOWED",
  CONFLICT: "INVALID_STATE",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "VALIDATION_FAILED",
  TOO_MANY_REQUESTS: "RATE_LIMITED",
};

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error }) {
      const converted = isAppError(error.cause) || (error.cause instanceof ZodError && error.code === "BAD_REQUEST") ? appErrorOf(error) : undefined;
      return {
        ...shape,
        message: converted?.message ?? (error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side. Please try again." : shape.message),
        data: {
          ...shape.data,
          stack: undefined,
          appCode: converted?.code ?? (error.code === "BAD_REQUEST" ? "VALIDATION_FAILED" : undefined),
          details: converted?.details,
        },
      };
    },
  });

/** Services throw AppError; tRPC speaks TRPCError. Translated in one place. */
const appErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    const appError = toAppError(cause);
    if (isAppError(cause) || appError.code !== "INTERNAL") {
      // The database refused a value the input schema let through: answered as the sender's mistake, logged so the schema gets fixed.
      if (!isAppError(cause)) logger.warn({ error: cause, path }, "tRPC procedure input refused by the database");
      result.error = new TRPCError({ code: appError.trpcCode, message: appError.message, cause: appError });
    } else if (result.error.code === "INTERNAL_SERVER_ERROR") {
      logger.error({ error: cause ?? result.error, path }, "tRPC procedure failed");
    }
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(appErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError("UNAUTHENTICATED", "Log in first: send a session cookie or an Authorization: Bearer token.");
  return next({ ctx: { ...ctx, user: ctx.user, auth: ctx.auth! } });
});

function roleProcedure(role: Role) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roleSatisfies(ctx.user.role, role)) throw new AppError("FORBIDDEN", `Only ${role === "ADMIN" ? "administrators" : "mentors"} can do this.`);
    return next();
  });
}

export const mentorProcedure = roleProcedure("MENTOR");
export const adminProcedure = roleProcedure("ADMIN");
