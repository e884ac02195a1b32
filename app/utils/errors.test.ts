import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "./db.server";
import { AppError, ERROR_CODES, errorBodyMessage, errorResponse, sqlStateOf, toAppError } from "./errors";

describe("AppError", () => {
  it("maps every PRODUCT.md error code to its HTTP status", () => {
    expect(new AppError("VALIDATION_FAILED", "x").status).toBe(400);
    expect(new AppError("UNAUTHENTICATED", "x").status).toBe(401);
    expect(new AppError("QUOTA_EXCEEDED", "x").status).toBe(402);
    expect(new AppError("TIER_REQUIRED", "x").status).toBe(402);
    expect(new AppError("FORBIDDEN", "x").status).toBe(403);
    expect(new AppError("NOT_FOUND", "x").status).toBe(404);
    expect(new AppError("VERSION_CONFLICT", "x").status).toBe(409);
    expect(new AppError("INVALID_STATE", "x").status).toBe(409);
    expect(new AppError("FILE_TOO_LARGE", "x").status).toBe(413);
    expect(new AppError("UNSUPPORTED_FILE_TYPE", "x").status).toBe(415);
    expect(new AppError("INCOMPLETE_SUBMISSION", "x").status).toBe(422);
  });

  it("maps to tRPC codes", () => {
    expect(new AppError("NOT_FOUND", "x").trpcCode).toBe("NOT_FOUND");
    expect(new AppError("VERSION_CONFLICT", "x").trpcCode).toBe("CONFLICT");
    expect(new AppError("UNAUTHENTICATED", "x").trpcCode).toBe("UNAUTHORIZED");
    for (const code of Object.keys(ERROR_CODES)) expect(ERROR_CODES[code as keyof typeof ERROR_CODES].trpc).toBeTruthy();
  });

  it("turns zod issues into field details", () => {
    const result = z.object({ email: z.email("Enter a valid e-mail address") }).safeParse({ email: "nope" });
    const error = AppError.fromZod(result.error!);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details).toEqual({ fieldErrors: { email: ["Enter a valid e-mail address"] } });
  });

  it("hides unknown errors behind a generic 500", () => {
    const error = toAppError(new Error("connection refused at 10.0.0.3"));
    expect(error.status).toBe(500);
    expect(error.message).not.toContain("10.0.0.3");
  });

  it("renders the PRODUCT.md JSON shape", async () => {
    const response = errorResponse(new AppError("RATE_LIMITED", "Slow down", undefined, { retryAfter: 30 }));
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe("30");
    expect(await response.json()).toEqual({ error: { code: "RATE_LIMITED", message: "Slow down" } });
  });
});

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return await promise.then(
    () => {
      throw new Error("expected the database to refuse the value");
    },
    (error: unknown) => error,
  );
}

// The safety net behind the input schemas: a value the database refuses is the sender's mistake.
describe("toAppError with the database's refusals", () => {
  it("answers text PostgreSQL cannot store as VALIDATION_FAILED, from a model query and a raw one", async () => {
    for (const error of [
      await rejectionOf(getDb().missionProgress.findUnique({ where: { id: "a\u0000b" } })),
      await rejectionOf(getDb().$queryRawUnsafe("select $1::text", "a\u0000b")),
    ]) {
      expect(sqlStateOf(error)).toBe("22021");
      const appError = toAppError(error);
      expect(appError.code).toBe("VALIDATION_FAILED");
      expect(appError.status).toBe(400);
      expect(appError.message).toMatch(/cannot be stored/);
      expect(appError.cause).toBe(error);
    }
  });

  it("answers a number beyond an integer column as VALIDATION_FAILED, not Prisma's own code", async () => {
    const error = await rejectionOf(getDb().user.findFirst({ where: { profilerScore: 2 ** 31 } }));
    expect((error as { code?: string }).code).toBe("P2020");
    expect(sqlStateOf(error)).toBe("22003");
    expect(toAppError(error)).toMatchObject({ code: "VALIDATION_FAILED", message: "A number in this request is too large." });
  });

  it("reads pg's own errors, and leaves every other database failure a 500", async () => {
    expect(toAppError(Object.assign(new Error("invalid byte sequence"), { code: "22021" })).code).toBe("VALIDATION_FAILED");
    const error = await rejectionOf(getDb().$queryRawUnsafe("select * from no_such_table"));
    expect(sqlStateOf(error)).toBe("42P01");
    expect(toAppError(error).code).toBe("INTERNAL");
  });
});

describe("errorBodyMessage", () => {
  it("reads the message of an API error answer, or a plain-text one", () => {
    expect(errorBodyMessage({ error: { code: "NOT_FOUND", message: "This file was not found." } })).toBe("This file was not found.");
    expect(errorBodyMessage("Service unavailable")).toBe("Service unavailable");
    expect(errorBodyMessage({ error: { code: "X" } })).toBeUndefined();
    expect(errorBodyMessage("")).toBeUndefined();
    expect(errorBodyMessage(null)).toBeUndefined();
    expect(errorBodyMessage({ error: { message: 42 } })).toBeUndefined();
  });
});
