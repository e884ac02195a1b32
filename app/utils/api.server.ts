import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { logger } from "~/server/logger.server";
import { AppError, errorResponse, isAppError } from "./errors";

type Args = LoaderFunctionArgs | ActionFunctionArgs;

/**
 * Wraps a REST v1 handler: every failure becomes the JSON error shape of PRODUCT.md with its
 * status, unknown failures are logged and answered with a generic 500.
 */
export function apiHandler(handler: (args: Args) => Promise<Response>) {
  return async (args: Args): Promise<Response> => {
    try {
      return await handler(args);
    } catch (error) {
      if (error instanceof Response) return error;
      if (!isAppError(error)) logger.error({ error, url: args.request.url, method: args.request.method }, "REST handler failed");
      return errorResponse(error);
    }
  };
}

/** Answers 405 for methods a resource does not have. */
export function allowMethods(request: Request, methods: string[]): void {
  if (!methods.includes(request.method.toUpperCase())) {
    throw new AppError("METHOD_NOT_ALLOWED", `Use ${methods.join(" or ")} for this endpoint.`);
  }
}

/** The request's JSON body; malformed JSON is the client's mistake (400), not ours. */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.includes("application/json")) {
    throw new AppError("VALIDATION_FAILED", "Send the body as JSON with Content-Type: application/json.");
  }
  const text = await request.text();
  if (text.length === 0) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION_FAILED", "The request body is not valid JSON.");
  }
}

export function json(data: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(data), { status: init.status ?? 200, headers });
}
