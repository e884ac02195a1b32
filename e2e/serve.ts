// The server Playwright starts for the end-to-end tests (see playwright.config.ts): the
// production build (`remix build` first) with a fresh embedded PostgreSQL in a temporary
// DATA_DIR, so every run starts from an empty database that the boot sequence migrates and
// seeds with the demo academy. Run as `node --import tsx e2e/serve.ts`.
//
// Two processes, on purpose. Playwright stops its web server by signalling the whole process
// group; PostgreSQL's backends would get that SIGTERM too and drop the app's connections in the
// middle of its shutdown. So this parent makes the temporary directory, runs the app in a child
// with its own process group (the embedded PostgreSQL lives in that group), passes one SIGTERM
// on so the app shuts down in order (web server → worker → pool → PostgreSQL), and removes the
// directory once the child is gone. If the parent dies without a word (SIGKILL), the child sees
// its IPC channel close and shuts itself down.
//
// Once the app is up, the child writes its database's address to serverStateFile(PORT), where
// the tests read the e-mails the app "sent" (e2e/database.ts); the parent removes it at the end.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { removeServerState, writeServerState } from "./server-state";

const CHILD_FLAG = "MXP_E2E_SERVER_CHILD";

if (process.env[CHILD_FLAG] === "1") {
  let signalled = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => (signalled = true));
  process.on("disconnect", () => {
    if (!signalled) process.kill(process.pid, "SIGTERM");
  });
  process.channel?.unref();
  await import("../app/server/start");
  writeServerState(process.env.PORT ?? "", { databaseUrl: process.env.DATABASE_URL! });
} else {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mxp-e2e-"));
  // mkdtemp makes it 0700; as root the embedded PostgreSQL runs as the "postgres" user, which
  // must be able to reach the cluster directory inside it.
  fs.chmodSync(dataDir, 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    [CHILD_FLAG]: "1",
    DATA_DIR: dataDir,
    // "test", never "production": the demo academy and its accounts are only seeded outside production.
    NODE_ENV: process.env.NODE_ENV && process.env.NODE_ENV !== "production" ? process.env.NODE_ENV : "test",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // The browser reaches the server over loopback: trusting it lets a test say which address a
    // visitor comes from (X-Forwarded-For), as a reverse proxy does in production.
    TRUST_PROXY: "loopback",
  };
  // Always the embedded database: a DATABASE_URL from the shell must not receive test data.
  delete env.DATABASE_URL;
  console.log(`[e2e] server on port ${env.PORT ?? "(default)"}, NODE_ENV=${env.NODE_ENV}, DATA_DIR=${dataDir}`);

  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    detached: true,
  });

  const removeDataDir = () => {
    removeServerState(env.PORT ?? "");
    try {
      fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch (error) {
      console.error(`[e2e] could not remove ${dataDir}:`, error);
    }
  };

  let signals = 0;
  const stop = () => {
    signals += 1;
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      // The first signal asks for the orderly shutdown; a second one ends the whole group.
      if (signals === 1) child.kill("SIGTERM");
      else process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, stop);

  child.on("exit", (code, signal) => {
    // Anything the child left behind in its group (a PostgreSQL after a crash) goes too.
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // nothing left
    }
    removeDataDir();
    process.exit(code ?? (signal ? 1 : 0));
  });
  child.on("error", (error) => {
    console.error("[e2e] could not start the server:", error);
    removeDataDir();
    process.exit(1);
  });
}
