// `npm run dev`: everything in one process. The classic Remix compiler watches app/ and
// rebuilds; the server imports each new build on the next request and open pages reload
// themselves through a server-sent event (see DevReload in root.tsx).
import fs from "node:fs";
import path from "node:path";
import type { Response as ExpressResponse } from "express";
import { getEnv } from "~/utils/env.server";
import { boot, handleSignals } from "./boot.server";
import { buildPath, closeServer, createHttpApp, listen, reloadingBuild } from "./http.server";
import { logger } from "./logger.server";

process.env.NODE_ENV ??= "development";

const reloadClients = new Set<ExpressResponse>();
let resolveFirstBuild: () => void;
const firstBuild = new Promise<void>((resolve) => (resolveFirstBuild = resolve));

async function startCompiler(log: (message: string) => void): Promise<() => Promise<void>> {
  const { readConfig } = await import("@remix-run/dev/dist/config.js");
  const { watch } = await import("@remix-run/dev/dist/compiler/watch.js");
  const { createFileWatchCache } = await import("@remix-run/dev/dist/compiler/fileWatchCache.js");
  const { logger } = await import("@remix-run/dev/dist/tux/logger.js");
  const config = await readConfig(process.cwd(), "development" as never);
  let started = Date.now();
  return await watch(
    { config, options: { mode: "development", sourcemap: true }, fileWatchCache: createFileWatchCache(), logger },
    {
      onBuildStart() {
        started = Date.now();
      },
      onBuildFinish(_ctx, _durationMs, ok) {
        if (!ok) return;
        log(`built in ${Date.now() - started} ms`);
        resolveFirstBuild();
        for (const client of reloadClients) client.write("data: reload\n\n");
      },
    },
  );
}

const hasBuild = () => fs.existsSync(buildPath("development")) && fs.existsSync(path.resolve("public", "build", "development"));

// Compile while the database starts. An existing build is served at once and replaced when the
// compiler finishes; a fresh clone waits for the first build.
const compiling = startCompiler((message) => logger.info({ component: "remix" }, message));
const booted = await boot({ worker: getEnv().RUN_WORKER, seed: true });
handleSignals(booted);
const stopCompiler = await compiling;
booted.onShutdown(() => stopCompiler());
if (!hasBuild()) await firstBuild;

const app = createHttpApp({
  mode: "development",
  build: reloadingBuild(),
  log: booted.log,
  beforeRoutes(express) {
    express.get("/__dev/reload", (req, res) => {
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive" });
      res.write(": connected\n\n");
      reloadClients.add(res);
      req.on("close", () => reloadClients.delete(res));
    });
  },
});
const server = await listen(app, booted.env.PORT, booted.log);
booted.onShutdown(async () => {
  for (const client of reloadClients) client.end();
  await closeServer(server);
});
