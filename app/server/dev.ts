// `npm run dev`: everything in one process. The Remix compiler watches app/ and rebuilds;
// the server picks up each new build on the next request, and the browser reloads itself.
import fs from "node:fs";
import { boot, handleSignals } from "./boot.server";
import { BUILD_PATH, closeServer, createHttpApp, listen } from "./http.server";

process.env.NODE_ENV ??= "development";

async function startCompiler(): Promise<void> {
  const { readConfig } = await import("@remix-run/dev/dist/config.js");
  const { watch } = await import("@remix-run/dev/dist/cli/commands.js");
  const config = await readConfig(process.cwd(), "development" as never);
  void watch(config, "development");
}

async function waitForBuild(): Promise<void> {
  while (!fs.existsSync(BUILD_PATH)) await new Promise((resolve) => setTimeout(resolve, 100));
}

// Compile while the database starts; an existing build is served at once and replaced when the
// compiler finishes.
const compiling = startCompiler();
const booted = await boot({ worker: process.env.RUN_WORKER !== "false", seed: true });
handleSignals(booted);
await compiling;
await waitForBuild();
const app = createHttpApp({ mode: "development", log: booted.log });
const server = await listen(app, booted.env.PORT, booted.log);
booted.onShutdown(() => closeServer(server));
