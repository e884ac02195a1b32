import path from "node:path";
import { createRequire } from "node:module";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import express from "express";
import { getPathRegExp, normalizePath } from "trpc-to-openapi";
import { evidenceRestRoutes } from "~/features/evidence/rest.server";
import { MAX_BATCH_SIZE } from "~/trpc/batch";
import { appRouter } from "~/trpc/root.server";
import { DEFAULT_BODY_LIMIT, type BodyLimit } from "./body-limit.server";
import type { Logger } from "./logger.server";
import { buildOpenApiDocument } from "./openapi.server";
import { buildRestRoutes, contextOf, restHandler, sendJson } from "./rest.server";

/**
 * The APIs, mounted on Express before Remix (app/server/http.server.ts), behind its cross-site
 * check and Cache-Control rule:
 * - `/api/trpc`: the procedures over tRPC, for the pages' client;
 * - `/api/v1`: REST v1 from the same procedures (app/server/rest.server.ts) plus the evidence
 *   upload and download handlers, and its OpenAPI document at `/api/v1/openapi.json`;
 * - `/docs/api`: the API reference page, rendered in the browser from that document.
 */
export function mountApi(app: express.Express, log: Logger): void {
  app.use(
    "/api/trpc",
    createExpressMiddleware({
      router: appRouter,
      createContext: ({ req }) => contextOf(req),
      // A batch is one request that runs many procedures: as many as the pages' client puts in one.
      maxBatchSize: MAX_BATCH_SIZE,
      // A procedure's headers (Set-Cookie at log-in) reach tRPC clients too.
      responseMeta: ({ ctx }) => ({ headers: ctx?.response.headers ?? {} }),
    }),
  );

  const handlers = evidenceRestRoutes;
  const routes = buildRestRoutes({ handlers });
  let document: string | undefined;
  const v1 = express.Router({ caseSensitive: false, strict: false });
  v1.get("/openapi.json", (_req, res) => {
    document ??= JSON.stringify(buildOpenApiDocument(handlers));
    res.setHeader("Access-Control-Allow-Origin", "*");
    sendJson(res, 200, JSON.parse(document));
  });
  v1.use(restHandler(routes, log));
  app.use("/api/v1", v1);

  app.get("/docs/api", (_req, res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    // The reference renders its own styles into <style> elements; scripts stay same-origin files.
    res.setHeader(
      "Content-Security-Policy",
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    res.setHeader("Cache-Control", "no-cache");
    res.end(API_REFERENCE_PAGE);
  });
  app.get("/docs/api/reference.js", (_req, res) => {
    res.sendFile(SCALAR_BUNDLE, { maxAge: "1d", headers: { "Content-Type": "text/javascript; charset=utf-8" } });
  });
}

const V1_PATH = /^\/api\/v1(\/.*)$/i;
const handlersWithOwnLimits = evidenceRestRoutes.flatMap(({ method, path, bodyLimit }) => (bodyLimit ? [{ method, pattern: getPathRegExp(normalizePath(path)), bodyLimit }] : []));

/** A request's body limit: its REST handler's own (the evidence upload's), or the default. */
export function bodyLimitOf(req: express.Request): BodyLimit {
  const v1Path = V1_PATH.exec(req.path)?.[1];
  if (v1Path === undefined) return DEFAULT_BODY_LIMIT;
  const path = normalizePath(v1Path);
  const handler = handlersWithOwnLimits.find((candidate) => candidate.method === req.method && candidate.pattern.test(path));
  return handler?.bodyLimit() ?? DEFAULT_BODY_LIMIT;
}

/** Scalar's API reference, a self-contained browser bundle served from our own origin. */
const SCALAR_BUNDLE = path.join(path.dirname(createRequire(import.meta.url).resolve("@scalar/api-reference")), "browser", "standalone.js");

const SCALAR_CONFIGURATION = {
  url: "/api/v1/openapi.json",
  // Everything comes from this origin: no web fonts from Scalar's servers, no telemetry, none of
  // Scalar's hosted extras (AI agent, MCP, developer tools, the SDK advertisement).
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  showDeveloperTools: "never",
  agent: { disabled: true },
  mcp: { disabled: true },
  customCss: ".explore-scalar-cta { display: none; }",
  defaultOpenAllTags: true,
  metaData: { title: "MXP API reference" },
};

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/'/g, "&#39;").replace(/</g, "&lt;");
}

// No inline script: the configuration is data (a JSON script element Scalar reads), the code an
// external file, so the page works under a Content-Security-Policy without 'unsafe-inline' scripts.
const API_REFERENCE_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>MXP API reference</title>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  </head>
  <body>
    <noscript>The API reference needs JavaScript. The OpenAPI document itself is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</noscript>
    <script id="api-reference" type="application/json" data-url="/api/v1/openapi.json" data-configuration='${escapeAttribute(JSON.stringify(SCALAR_CONFIGURATION))}'></script>
    <script src="/docs/api/reference.js"></script>
  </body>
</html>
`;
