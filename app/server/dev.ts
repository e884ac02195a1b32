// `npm run dev`: everything from one command. The Remix compiler runs through its public CLI,
// `remix watch`, in a child process; this process boots the database and the worker, serves the
// newest build (imported again on the next request after each rebuild) and makes open pages
// reload themselves through a server-sent event (see DevReload in root.tsx). ADR 001.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";
import { static as expressStatic, type Response as ExpressResponse } from "express";
import { getEnv } from "~/utils/env.server";
import { boot, handleSignals } from "./boot.server";
import { buildPath, closeServer, createHttpApp, listen, reloadingBuild } from "./http.server";
import { logger, type Logger } from "./logger.server";

process.env.NODE_ENV ??= "development";

/**
 * The compiler writes this file last, once the whole build is on disk (Remix's documented signal
 * for servers that reload builds themselves), so a change means a complete new build.
 */
const VERSION_PATH = path.join(path.dirname(buildPath("development")), "version.txt");

interface Compiler {
  /** Resolves when the first build of this run is written. */
  firstBuild: Promise<void>;
  stop(): Promise<void>;
}

/** The `remix` executable of @remix-run/dev, as its package.json declares it. */
function remixCli(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@remix-run/dev/package.json");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { bin: { remix: string } };
  return path.join(path.dirname(manifestPath), manifest.bin.remix);
}

function startCompiler(log: Logger, onBuild: () => void): Compiler {
  const started = Date.now();
  // `remix watch` empties public/build/development when it starts: the last run's browser assets
  // are copied aside first (keepPreviousAssets below).
  const child = spawn(process.execPath, [remixCli(), "watch"], {
    env: { ...process.env, NODE_ENV: "development" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  readline.createInterface({ input: child.stdout }).on("line", (line) => line.trim() && log.info({}, line.trim()));
  readline.createInterface({ input: child.stderr }).on("line", (line) => line.trim() && log.warn({}, line.trim()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stopping = false;
  child.once("exit", (code, signal) => {
    if (!stopping) log.error({ code, signal }, "the Remix compiler stopped; restart `npm run dev` to build again");
  });

  let resolveFirstBuild: () => void;
  const firstBuild = new Promise<void>((resolve) => (resolveFirstBuild = resolve));
  const versionAtStart = fs.existsSync(VERSION_PATH) ? fs.statSync(VERSION_PATH).mtimeMs : 0;
  let first = true;
  // Polling a stat works whether or not the file exists yet and whatever way it is replaced.
  const onVersion = (current: fs.Stats) => {
    if (!current.mtimeMs || current.mtimeMs === versionAtStart) return;
    if (first) log.info({ ms: Date.now() - started }, "first build ready");
    first = false;
    resolveFirstBuild();
    onBuild();
  };
  fs.watchFile(VERSION_PATH, { interval: 150 }, onVersion);

  return {
    firstBuild,
    async stop() {
      stopping = true;
      fs.unwatchFile(VERSION_PATH, onVersion);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
}

/** Where the development build's browser assets go (remix.config.js). */
const ASSETS_DIR = path.resolve("public", "build", "development");
/** A copy of the last run's browser assets, served until this run's first build is written. */
const PREVIOUS_ASSETS_DIR = path.resolve("build", "development-previous-assets");

/**
 * A restart serves the last run's build at once instead of waiting for the compiler. `remix
 * watch` empties the assets folder when it starts, so those assets are copied aside first and
 * served until the new build lands; open pages then reload onto it.
 */
function keepPreviousAssets(): boolean {
  fs.rmSync(PREVIOUS_ASSETS_DIR, { recursive: true, force: true });
  if (!fs.existsSync(buildPath("development")) || !fs.existsSync(VERSION_PATH) || !fs.existsSync(ASSETS_DIR)) return false;
  fs.cpSync(ASSETS_DIR, PREVIOUS_ASSETS_DIR, { recursive: true });
  return true;
}

const reloadClients = new Set<ExpressResponse>();

const servePreviousBuild = keepPreviousAssets();
let firstBuildWritten = false;
// Compile while the database starts.
const compiler = startCompiler(logger.child({ component: "remix" }), () => {
  for (const client of reloadClients) client.write("data: reload\n\n");
});
let booted;
try {
  booted = await boot({ worker: getEnv().RUN_WORKER, seed: true });
} catch (error) {
  await compiler.stop();
  throw error;
}
handleSignals(booted);
booted.onShutdown(() => compiler.stop());
void compiler.firstBuild.then(() => {
  firstBuildWritten = true;
  fs.rmSync(PREVIOUS_ASSETS_DIR, { recursive: true, force: true });
});
if (!servePreviousBuild) await compiler.firstBuild;

const app = createHttpApp({
  mode: "development",
  build: reloadingBuild(),
  log: booted.log,
  beforeRoutes(express) {
    if (servePreviousBuild) {
      const previousAssets = expressStatic(PREVIOUS_ASSETS_DIR, { index: false });
      express.use("/build/development", (req, res, next) => {
        if (firstBuildWritten) next();
        else void previousAssets(req, res, next);
      });
    }
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
