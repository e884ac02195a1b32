import { closeReviewChangeHubs } from "~/features/reviews/live.server";
import crypto from "node:crypto";
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { isCrossSiteRequest } from "~/utils/csrf";
import { tokenFromHeaders } from "~/features/accounts/auth.server";
import { AppError, toAppError } from "~/utils/errors";
import { requestScope } from "~/utils/request-scope.server";
import { SESSION_COOKIE } from "~/features/accounts/session.server";
import { uploadThingIngestOrigins } from "~/adapters/storage/uploadthing-hosts.server";
import { getEnv, type TrustProxy } from "~/utils/env.server";
import { bodyLimitOf, mountApi } from "./api.server";
import { bodyWasRefused, limitRequestBodies } from "./body-limit.server";
import type { Logger } from "./logger.server";
import { cspNonce, routeHeadersReplaceDefaults, securityHeaders } from "./security-headers.server";

/** Where each kind of build lives (remix.config.js keeps them apart). */
export function buildPath(kind: "development" | "production"): string {
  return path.resolve("build", kind, "index.js");
}

/** The build `npm start` serves. */
export const BUILD_PATH = buildPath("production");

export interface LoadContext {
  [key: string]: unknown;
  clientAddress: string;
  requestId: string;
  /** The Content-Security-Policy nonce of this answer's inline scripts (pages only read it). */
  cspNonce?: string;
}

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    clientAddress: string;
    requestId: string;
    cspNonce?: string;
  }
}

/**
 * The production build, imported once. Any other mode is refused with what to run: React's
 * production runtime has no `jsxDEV`, so a development build would answer every page with a 500.
 */
export async function loadBuild(file = BUILD_PATH): Promise<ServerBuild> {
  const build = (await import(pathToFileURL(file).href)) as ServerBuild;
  if (build.mode !== "production") {
    throw new Error(
      `${path.relative(process.cwd(), file)} is a ${build.mode} build, not a production one: run \`npm run build\` (it builds with NODE_ENV=production), then start again.`,
    );
  }
  return build;
}

/**
 * Development: the build, imported again whenever the compiler rewrote it. (Remix derives its
 * route tables from the build on every request when given a function, so production is given
 * the build itself.)
 */
export function reloadingBuild(file = buildPath("development")): () => Promise<ServerBuild> {
  let cached: { mtimeMs: number; build: Promise<ServerBuild> } | undefined;
  return async () => {
    const mtimeMs = fs.statSync(file).mtimeMs;
    if (!cached || cached.mtimeMs !== mtimeMs) {
      const previous = cached?.build;
      const build = import(`${pathToFileURL(file).href}?v=${mtimeMs}`) as Promise<ServerBuild>;
      cached = { mtimeMs, build: build.catch((error) => (previous ? previous : Promise.reject(error as Error))) };
    }
    return cached.build;
  };
}

const LOOKS_LIKE_A_FILE = /\.[A-Za-z0-9]+$/;

export function createHttpApp(options: {
  mode: "development" | "production";
  build: ServerBuild | (() => Promise<ServerBuild>);
  log: Logger;
  /** Express's `trust proxy`: which hops of X-Forwarded-For to believe (TRUST_PROXY). */
  trustProxy?: TrustProxy;
  /** Extra routes mounted before Remix (the development reload stream). */
  beforeRoutes?: (app: express.Express) => void;
}) {
  const { log, mode } = options;
  const app = express();
  app.disable("x-powered-by");
  if (options.trustProxy) app.set("trust proxy", options.trustProxy);

  app.use((_req, _res, next) => requestScope.run(new Map(), next));
  const uploadThingToken = getEnv().UPLOADTHING_TOKEN;
  app.use(
    securityHeaders({
      production: mode === "production",
      connectSources: uploadThingToken ? uploadThingIngestOrigins(uploadThingToken, process.env.UPLOADTHING_INGEST_URL) : [],
    }),
  );
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const path = req.originalUrl.split("?")[0]!;
      if (path.startsWith("/build/") || path === "/healthz" || path === "/__dev/reload") return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
    });
    next();
  });
  app.use(limitRequestBodies({ limitOf: bodyLimitOf, answer: answerError }));
  app.use(compression({ filter: shouldCompress }));

  // Fingerprinted assets are immutable; everything else in public/ may change between releases.
  app.use("/build", express.static(path.resolve("public", "build"), { immutable: true, maxAge: "1y" }));
  // Pages never end in a file extension; only paths that do are looked up on disk (a lookup costs
  // every page a failed stat). A miss still falls through to the app.
  const publicFiles = express.static(path.resolve("public"), {
    maxAge: "1h",
    index: false,
    // The service worker's updates reach browsers on their next page, not an hour later.
    setHeaders: (res, file) => {
      if (path.basename(file) === "sw.js") res.setHeader("Cache-Control", "no-cache");
    },
  });
  // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- express.static's handler is typed loosely
  app.use((req, res, next) => (LOOKS_LIKE_A_FILE.test(req.path) ? publicFiles(req, res, next) : next()));

  app.use((req, res, next) => {
    const cookie = req.headers.cookie ?? "";
    const hasCookieSession = cookie.includes(`${SESSION_COOKIE}=`);
    // What a signed-in person sees is theirs alone: no shared cache keeps it, and the browser
    // does not serve it again after log-out. A route that sets its own Cache-Control wins.
    if (hasCookieSession || req.headers.authorization) res.setHeader("Cache-Control", "private, no-store");
    const crossSite = isCrossSiteRequest({
      method: req.method,
      host: req.headers.host,
      origin: req.headers.origin,
      referer: req.headers.referer,
      secFetchSite: req.headers["sec-fetch-site"],
      hasCookieSession,
      hasBearerToken: tokenFromHeaders(req.headers.authorization, undefined)?.via === "bearer",
    });
    if (!crossSite) return next();
    res.status(403).json({ error: { code: "FORBIDDEN", message: "This request came from another site and was refused (cross-site request forgery protection)." } });
  });

  options.beforeRoutes?.(app);
  mountApi(app, log);
  app.all(
    "*",
    routeHeadersReplaceDefaults(),
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- Express 4 takes the Remix handler, which handles its own rejections
    createRequestHandler({
      build: options.build,
      mode,
      getLoadContext: (req, res): LoadContext => ({
        clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
        requestId: crypto.randomUUID(),
        cspNonce: cspNonce(res),
      }),
    }),
  );
  // What no route answered: a build that cannot be imported, a handler that threw. Express's own
  // handler would put the stack in the answer outside production; it goes to the log only.
  app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    // The body was refused and answered already; the handler's read of it failed because of that.
    if (bodyWasRefused(res)) return;
    const appError = clientError(error) ?? toAppError(error);
    if (appError.code === "INTERNAL") log.error({ error, method: req.method, path: req.originalUrl.split("?")[0] }, "request failed");
    if (res.headersSent) return next(error);
    answerError(req, res, appError);
  });
  return app;
}

/**
 * Pages, JSON and build assets are compressed (brotli or gzip, as the browser asks). Event streams
 * are not: a compressor holds their small messages back until its buffer fills, which would stall
 * the live review and the development reload channel.
 */
function shouldCompress(req: express.Request, res: express.Response): boolean {
  const type = res.getHeader("Content-Type");
  if (typeof type === "string" && type.startsWith("text/event-stream")) return false;
  return compression.filter(req, res);
}

/** An error answer outside the APIs' handlers: JSON, or its message as text for a browser asking for a page. */
function answerError(req: express.Request, res: express.Response, appError: AppError): void {
  res.status(appError.status).set("Cache-Control", "no-store");
  if (!req.path.startsWith("/api/") && req.accepts(["json", "html"]) === "html") res.type("text/plain").send(appError.message);
  else res.json(appError.toJSON());
}

/** A body Express middleware could not read (http-errors marks those safe to show as `expose`). */
function clientError(error: unknown): AppError | undefined {
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  if (expose !== true) return undefined;
  if (status === 413) return new AppError("PAYLOAD_TOO_LARGE", "The request body is too large.");
  if (status === 400) return new AppError("VALIDATION_FAILED", "The request body could not be read.");
  return undefined;
}

export async function listen(app: express.Express, port: number, log: Logger): Promise<http.Server> {
  return await new Promise((resolve, reject) => {
    const server = app.listen(port, () => {
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      log.info({ port: actualPort, url: `http://localhost:${actualPort}` }, "web server listening");
      resolve(server);
    });
    server.on("error", reject);
  });
}

/** Stops accepting connections and waits for in-flight requests (idle keep-alives are closed; open review streams end). */
export async function closeServer(server: http.Server): Promise<void> {
  await closeReviewChangeHubs();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
  });
}
