import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { Role } from "~/domain/roles";
import { roleSatisfies } from "~/domain/roles";
import { getAuth } from "~/features/accounts/auth.server";
import { getDb, type Db } from "~/utils/db.server";
import { AppError, isAppError, type AppErrorCode } from "~/utils/errors";
import { logger } from "~/server/logger.server";

export async function createContext({ request, clientAddress }: { request: Request; clientAddress?: string }) {
  const auth = await getAuth(request);
  return { db: getDb() as Db, request, auth, user: auth?.user ?? null, clientAddress: clientAddress ?? "unknown" };
}
export type Context = Awaited<ReturnType<typeof createContext>>;

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const appError = isAppError(error.cause) ? (error.cause as AppError) : undefined;
    const zodError = error.cause instanceof ZodError ? error.cause : undefined;
    const converted = zodError ? AppError.fromZod(zodError) : appError;
    return {
      ...shape,
      message: converted?.message ?? (error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side. Please try again." : shape.message),
      data: {
        ...shape.data,
        stack: undefined,
        appCode: (converted?.code ?? (error.code === "BAD_REQUEST" ? "VALIDATION_FAILED" : undefined)) as AppErrorCode | undefined,
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
    if (isAppError(cause)) {
      const appError = cause as AppError;
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
  if (!ctx.user) throw new AppError("UNAUTHENTICATED", "Log in first.");
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
