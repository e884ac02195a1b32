import type express from "express";
import { TRPCError, type AnyRouter } from "@trpc/server";
import {
  forEachOpenApiProcedure,
  getPathParameters,
  getPathRegExp,
  instanceofZodTypeLikeVoid,
  instanceofZodTypeObject,
  normalizePath,
  unwrapZodType,
  type OpenApiMethod,
} from "trpc-to-openapi";
import type { ZodOpenApiOperationObject } from "zod-openapi";
import { appErrorOf, createCallerFactory, createContextFromFacts, type Context, type RequestFacts, type RestMeta } from "~/trpc/init.server";
import { appRouter } from "~/trpc/root.server";
import { AppError, isAppError, sqlStateOf } from "~/utils/errors";
import { bodyWasRefused, type BodyLimit } from "./body-limit.server";
import type { Logger } from "./logger.server";

/**
 * REST v1 served from the tRPC procedures: each procedure with `meta.openapi` is one operation,
 * routed by its method and path template (trpc-to-openapi's conventions, so the OpenAPI document
 * the same library generates describes exactly what is served), its input assembled from path
 * parameters and the query string or the JSON body, and every failure answered in PRODUCT.md's
 * shape by `sendError`, the one place errors become REST answers.
 *
 * The library's own HTTP handler is not used (docs/decisions/012-rest-from-procedures.md): it
 * builds a Fetch Request for every call, answers tRPC's error shape, refuses body-less POSTs and
 * JSON with a charset, and switches the input schemas' numbers and booleans to coercion by
 * mutating them, which the pages and tRPC share.
 */

/** An operation served by a handler of its own (a multipart upload, a binary download). */
export interface RestHandlerRoute {
  method: OpenApiMethod;
  path: `/${string}`;
  handle: (req: express.Request, res: express.Response, params: Record<string, string>) => Promise<void>;
  /** The operation in the OpenAPI document: zod-openapi's operation object with its success answers. */
  document: ZodOpenApiOperationObject;
  /** Its error answers, as a procedure's `meta.openapi.errorResponses` (app/trpc/rest-meta.ts). */
  errorResponses: Record<number, string>;
  /** Its body limit, when it takes more than JSON's (app/server/body-limit.server.ts). */
  bodyLimit?: () => BodyLimit;
}

interface ProcedureRoute {
  kind: "procedure";
  method: OpenApiMethod;
  template: string;
  pattern: RegExp;
  call: (ctx: Context, input: unknown) => Promise<unknown>;
  /** Whether the input has fields beyond the path parameters (read from the query or the body). */
  readsFields: boolean;
  /** Whether the input schema is void (the procedure takes no input at all). */
  voidInput: boolean;
  successStatus: number;
}

interface HandlerRoute {
  kind: "handler";
  method: OpenApiMethod;
  template: string;
  pattern: RegExp;
  handle: RestHandlerRoute["handle"];
}

type Route = ProcedureRoute | HandlerRoute;

function callerFor(createCaller: (ctx: Context) => unknown, path: string): ProcedureRoute["call"] {
  const segments = path.split(".");
  return (ctx, input) => {
    let target: unknown = createCaller(ctx);
    for (const segment of segments) target = (target as Record<string, unknown>)[segment];
    return (target as (input: unknown) => Promise<unknown>)(input);
  };
}

/**
 * The route table, in definition order: a request goes to the first route whose method and
 * path template match, so a literal path (`/missions/dashboard`) must be defined before a
 * template that would take it (`/missions/{missionId}`). Building the table refuses the other
 * order, so the mistake cannot ship.
 */
export function buildRestRoutes({ router = appRouter, handlers = [] }: { router?: AnyRouter; handlers?: RestHandlerRoute[] } = {}): Route[] {
  const routes: Route[] = [];
  const createCaller = createCallerFactory(router as typeof appRouter) as (ctx: Context) => unknown;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- tRPC's router record is typed as any for procedures
  forEachOpenApiProcedure(router._def.procedures, ({ path, procedure, meta }) => {
    const openapi = meta.openapi;
    const template = normalizePath(openapi.path);
    const inputs = (procedure._def as { inputs: unknown[] }).inputs;
    const input = inputs.length === 1 ? unwrapZodType(inputs[0] as never, true) : undefined;
    const voidInput = inputs.length === 0 || instanceofZodTypeLikeVoid(input as never);
    const params = getPathParameters(template);
    const shape = !voidInput && instanceofZodTypeObject(input as never) ? (input as unknown as { shape: Record<string, unknown> }).shape : {};
    routes.push({
      kind: "procedure",
      method: openapi.method,
      template,
      pattern: getPathRegExp(template),
      call: callerFor(createCaller, path),
      readsFields: !voidInput && Object.keys(shape).some((key) => !params.includes(key)),
      voidInput,
      successStatus: (meta as { rest?: RestMeta }).rest?.successStatus ?? 200,
    });
  });
  for (const handler of handlers) {
    const template = normalizePath(handler.path);
    routes.push({ kind: "handler", method: handler.method, template, pattern: getPathRegExp(template), handle: handler.handle });
  }
  for (const [index, route] of routes.entries()) {
    const shadowed = routes.slice(index + 1).find((later) => later.method === route.method && route.pattern.test(later.template));
    if (shadowed) {
      throw new Error(`REST route ${route.method} ${route.template} would take every request for ${shadowed.method} ${shadowed.template}: define ${shadowed.template} before it.`);
    }
  }
  return routes;
}

/** The facts a procedure may use, from an Express request (no Fetch Request is built). */
export function requestFacts(req: express.Request): RequestFacts {
  return {
    authorization: req.headers.authorization,
    cookie: req.headers.cookie,
    userAgent: req.headers["user-agent"],
    clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
    secure: req.secure || req.headers["x-forwarded-proto"] === "https",
  };
}

export function contextOf(req: express.Request): Promise<Context> {
  return createContextFromFacts(requestFacts(req));
}

/** The caller for a handler route: 401 when nobody is signed in. */
export async function requireSignedIn(req: express.Request): Promise<Context & { user: NonNullable<Context["user"]> }> {
  const ctx = await contextOf(req);
  if (!ctx.user) throw new AppError("UNAUTHENTICATED", "Log in first: send a session cookie or an Authorization: Bearer token.");
  return ctx as Context & { user: NonNullable<Context["user"]> };
}

export function sendJson(res: express.Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader("Cache-Control", "no-store");
  if (status === 204 || body === undefined) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
}

/**
 * Every REST failure's answer: PRODUCT.md's `{error: {code, message, details?}}` with the
 * AppError's status, never a stack trace. Failures that are not the client's are logged.
 */
export function sendError(res: express.Response, error: unknown, log: Logger, where: { method: string; path: string }): void {
  if (bodyWasRefused(res)) return;
  const appError = appErrorOf(error);
  // Failures inside a procedure were logged by the tRPC middleware already.
  if (appError.code === "INTERNAL" && !(error instanceof TRPCError)) log.error({ error, ...where }, "REST request failed");
  else if (!isAppError(error) && !(error instanceof TRPCError) && sqlStateOf(error)) log.warn({ error, ...where }, "REST input refused by the database");
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, appError.status, appError.toJSON(), appError.retryAfter ? { "Retry-After": String(appError.retryAfter) } : {});
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

function hasBody(req: express.Request): boolean {
  const length = req.headers["content-length"];
  return (length !== undefined && length !== "0") || req.headers["transfer-encoding"] !== undefined;
}

/**
 * The JSON object in a request's body; {} when there is no body. Its size was bounded before it
 * got here (app/server/body-limit.server.ts).
 */
export async function readJsonObject(req: express.Request): Promise<Record<string, unknown>> {
  if (!hasBody(req)) return {};
  if (!JSON_TYPE.test(req.headers["content-type"] ?? "")) throw new AppError("VALIDATION_FAILED", "Send the body as JSON with Content-Type: application/json.");
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString("utf8");
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION_FAILED", "The request body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new AppError("VALIDATION_FAILED", "Send the body as a JSON object.");
  return value as Record<string, unknown>;
}

function pathParameters(route: Route, path: string): Record<string, string> {
  const groups = route.pattern.exec(path)?.groups ?? {};
  const params: Record<string, string> = {};
  for (const [name, raw] of Object.entries(groups)) {
    try {
      params[name] = decodeURIComponent(raw);
    } catch {
      throw new AppError("VALIDATION_FAILED", "The address is not valid.", { fieldErrors: { [name]: ["Not a valid path segment"] } });
    }
  }
  return params;
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

/**
 * The Express handler for everything under /api/v1 (mounted there): the routes above, then a
 * JSON 405 for a known path with another method and a JSON 404 for any other path.
 */
export function restHandler(routes: Route[], log: Logger): express.RequestHandler {
  return (req, res) => {
    const method = req.method === "HEAD" ? "GET" : req.method;
    const path = normalizePath(req.path);
    const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(path));
    const where = { method: req.method, path: req.originalUrl.split("?")[0]! };
    if (!route) {
      const allowed = [...new Set(routes.filter((candidate) => candidate.pattern.test(path)).map((candidate) => candidate.method))];
      if (allowed.length > 0) {
        res.setHeader("Allow", allowed.join(", "));
        return sendError(res, new AppError("METHOD_NOT_ALLOWED", `Use ${allowed.join(" or ")} for this endpoint.`), log, where);
      }
      return sendError(res, new AppError("NOT_FOUND", `There is no endpoint ${req.method} ${where.path}.`), log, where);
    }
    if (route.kind === "handler") {
      Promise.resolve()
        .then(() => route.handle(req, res, pathParameters(route, path)))
        .catch((error: unknown) => sendError(res, error, log, where));
      return;
    }
    serveProcedure(route, req, res).catch((error: unknown) => sendError(res, error, log, where));
  };
}

async function serveProcedure(route: ProcedureRoute, req: express.Request, res: express.Response): Promise<void> {
  let input: Record<string, unknown> | undefined;
  if (!route.voidInput) {
    const fields = !route.readsFields ? {} : BODY_METHODS.has(route.method) ? await readJsonObject(req) : (req.query as Record<string, unknown>);
    input = { ...fields, ...pathParameters(route, normalizePath(req.path)) };
  }
  const ctx = await contextOf(req);
  const data = await route.call(ctx, input);
  sendJson(res, ctx.response.status ?? route.successStatus, route.successStatus === 204 ? undefined : data, ctx.response.headers);
}
