// What the throughput benchmarks (bench/pages.ts, bench/autosave.ts, bench/cards.ts) share: a
// database seeded at scale (bench/seed-scale.ts) in an embedded PostgreSQL of its own, the
// production build made for the run and served by a child process (bench/serve.ts), autocannon
// driving load from this process, CPU accounting from /proc and the report's formatting.
//
// The machine is shared: before measuring, the benchmark waits (at most 2 minutes) until other
// processes keep less than 0.3 of a core busy, and each result says how many cores other work
// used meanwhile (from /proc): numbers taken while that is high understate MXP.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import { run } from "graphile-worker";
import pg from "pg";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "~/server/embedded-postgres.server";
import { createLogger } from "~/server/logger.server";
import { applyMigrations } from "~/server/migrate.server";
import { buildPath } from "~/server/http.server";
import { seedScale, type BenchStudent, type ScaleSeed } from "./seed-scale";

// Session ids are HMACs of the token keyed by SESSION_SECRET: the seed (this process) and the
// server child must use the same one.
export const BENCH_SESSION_SECRET = "mxp-bench-session-secret-not-for-production-0001";

/** Every measurement is taken in this many turns, in rotation with the others of its run. */
export const ROUNDS = 3;
const log = createLogger({ level: "warn" });

export const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

// ── autocannon (CommonJS, no type declarations shipped) ───────────────────────────────────────

export interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: CannonRequest, context: Record<string, unknown>) => CannonRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
interface CannonClient {
  requestIterator: { initialContext: Record<string, unknown>; resetContext(): void; rebuildRequest(): void };
}
export interface CannonOptions {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests?: CannonRequest[];
  setupClient?: (client: CannonClient) => void;
}
interface Percentiles {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
interface CannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  statusCodeStats: Record<string, { count: number }>;
  latency: Percentiles & { totalCount: number };
  requests: Percentiles & { total: number };
}
interface CannonInstance {
  on(event: "response", listener: (client: unknown, status: number, bytes: number, responseTimeMs: number) => void): void;
}
const autocannon = createRequire(import.meta.url)("autocannon") as (options: CannonOptions, done: (error: Error | null, result: CannonResult) => void) => CannonInstance;

/** One autocannon run; also returns every response time (ms), so that runs can be pooled. */
export function cannon(options: CannonOptions): Promise<CannonResult & { responseTimes: number[] }> {
  const responseTimes: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve({ ...result, responseTimes })));
    instance.on("response", (_client, _status, _bytes, responseTimeMs) => responseTimes.push(responseTimeMs));
  });
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// ── CPU accounting (Linux /proc): where the machine's time goes during a run ──────────────────

const TICKS_PER_SECOND = 100;

function procCpuSeconds(pid: number, withReapedChildren = false): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[11..14] = utime, stime, cutime, cstime (stat fields 14–17)
    const own = Number(fields[11]) + Number(fields[12]);
    const reaped = withReapedChildren ? Number(fields[13]) + Number(fields[14]) : 0;
    return (own + reaped) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by the PostgreSQL server: the postmaster, its live backends and the ones it reaped. */
export function postgresCpuSeconds(dataDir: string): number {
  try {
    const postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    let total = procCpuSeconds(postmaster, true);
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid === postmaster) total += procCpuSeconds(Number(entry));
      } catch {
        // the process ended meanwhile
      }
    }
    return total;
  } catch {
    return 0;
  }
}

/** CPU seconds the whole machine spent busy (all cores), from /proc/stat. */
export function machineBusySeconds(): number {
  try {
    const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * The machine is shared: before a measurement, wait (up to `maxSeconds`) until other work keeps
 * less than `cores` of it busy for 2 s in a row, so the numbers describe MXP rather than a
 * neighbour's test run. Our server and database are idle at that point. Returns the load seen.
 */
export async function waitForQuietMachine(maxSeconds = 120, cores = 0.3): Promise<number> {
  const deadline = performance.now() + maxSeconds * 1000;
  let busy = 0;
  for (;;) {
    const before = machineBusySeconds();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    busy = (machineBusySeconds() - before) / 2;
    if (busy < cores || performance.now() > deadline) return busy;
    console.log(`  the machine is busy with other work (${busy.toFixed(2)} of ${os.cpus().length} cores): waiting…`);
  }
}

interface CpuSnapshot {
  server: number;
  postgres: number;
  bench: number;
  machine: number;
  at: number;
}

export function cpuSnapshot(server: ChildProcess, dataDir: string): CpuSnapshot {
  const own = process.cpuUsage();
  return { server: procCpuSeconds(server.pid!), postgres: postgresCpuSeconds(dataDir), bench: (own.user + own.system) / 1e6, machine: machineBusySeconds(), at: performance.now() };
}

export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number) {
  const per = (key: "server" | "postgres" | "bench") => (requests > 0 ? ((after[key] - before[key]) * 1000) / requests : 0);
  const ours = after.server - before.server + (after.postgres - before.postgres) + (after.bench - before.bench);
  const seconds = (after.at - before.at) / 1000;
  // Cores kept busy by everything else on this shared machine during the run (other people's work).
  const outsideCores = seconds > 0 ? Math.max(0, after.machine - before.machine - ours) / seconds : 0;
  return { server: per("server"), postgres: per("postgres"), bench: per("bench"), outsideCores };
}

// ── the database, the build and the server child ──────────────────────────────────────────────

/** An embedded PostgreSQL of a benchmark's own, migrated. */
export interface BenchDatabase {
  dir: string;
  dataDir: string;
  embedded: EmbeddedDatabase;
  close(): Promise<void>;
}

export interface ScaleDatabase extends BenchDatabase {
  seed: ScaleSeed;
  seedSeconds: number;
}

/** A migrated, empty database, for benchmarks that need no data at scale. */
export async function migratedDatabase(): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mxp-bench-scale-"));
  // initdb runs as the postgres user when we are root: it must be able to enter the directory.
  fs.chmodSync(dir, 0o755);
  const dataDir = path.join(dir, "postgres");
  const embedded = await startEmbeddedPostgres({ dir: dataDir, database: "mxp_bench", log });
  const close = async () => {
    await embedded.stop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await applyMigrations(embedded.url, log);
    return { dir, dataDir, embedded, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function scaleDatabase(sessions: number): Promise<ScaleDatabase> {
  const database = await migratedDatabase();
  try {
    const previousSecret = process.env.SESSION_SECRET;
    process.env.SESSION_SECRET = BENCH_SESSION_SECRET;
    let seed: ScaleSeed;
    try {
      seed = await seedScale(database.embedded.url, { sessions });
    } finally {
      if (previousSecret === undefined) delete process.env.SESSION_SECRET;
      else process.env.SESSION_SECRET = previousSecret;
    }
    return { ...database, seed, seedSeconds: seed.ms / 1000 };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * The benchmark measures what it builds: `remix build` in production mode, into the directory
 * `npm start` serves (build/production; a development build lives elsewhere, and the server
 * child refuses any build that is not a production one). Built once per `npm run bench`.
 */
const built = new Set<string>();
export function buildProduction(cwd = process.cwd()): void {
  if (built.has(cwd)) return;
  console.log(`  building the app for production (NODE_ENV=production remix build${cwd === process.cwd() ? "" : ` in ${cwd}`})…`);
  const started = Date.now();
  execFileSync("npx", ["remix", "build"], { cwd, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
  const server = path.join(cwd, path.relative(process.cwd(), buildPath("production")));
  if (!fs.existsSync(server) || fs.statSync(server).mtimeMs < started - 1000) throw new Error(`remix build did not write ${server}`);
  built.add(cwd);
}

export interface BenchServer {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(
  database: BenchDatabase,
  options: { countQueries: boolean; label: string; cpuProfDir?: string; cwd?: string; worker?: boolean },
): Promise<BenchServer> {
  const port = await freePort();
  const logFile = path.join(database.dir, `server-${options.label}.log`);
  const out = fs.openSync(logFile, "a");
  const nodeFlags = options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`, `--cpu-prof-name=${options.label}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", path.join("bench", "serve.ts")], {
    cwd: options.cwd,
    stdio: ["ignore", out, out, "ipc"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.embedded.url,
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      RUN_WORKER: options.worker ? "true" : "false",
      SEED_DEMO: "false",
      SESSION_SECRET: BENCH_SESSION_SECRET,
      LOG_LEVEL: "info",
      BENCH_COUNT_QUERIES: options.countQueries ? "1" : "",
    },
  });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bench server did not start within 60 s; see ${logFile}`)), 60_000);
    child.once("message", () => {
      clearTimeout(timer);
      resolve();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the bench server exited with ${code}:\n${fs.readFileSync(logFile, "utf8").slice(-3000)}`));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      // A shutdown that hangs (a connection that never closes) must not hang the benchmark.
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export const cookieOf = (student: BenchStudent) => `mxp_session=${encodeURIComponent(student.token)}`;
export const bearerOf = (student: BenchStudent) => `Bearer ${student.token}`;

// ── measuring a route ─────────────────────────────────────────────────────────────────────────

export interface RouteRun {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  seconds: number;
  non2xx: number;
  errors: number;
  cpu: { server: number; postgres: number; bench: number; outsideCores: number };
  responseTimes: number[];
}

/** Several runs of one route (interleaved with other routes' runs) as one. */
export function pooled(label: string, runs: RouteRun[]): RouteRun {
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const responseTimes = runs.flatMap((run) => run.responseTimes);
  const cpu = (key: "server" | "postgres" | "bench") => runs.reduce((sum, run) => sum + run.cpu[key] * run.requests, 0) / Math.max(requests, 1);
  return {
    label,
    rps: requests / seconds,
    p50: percentile(responseTimes, 50),
    p99: percentile(responseTimes, 99),
    requests,
    seconds,
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    cpu: {
      server: cpu("server"),
      postgres: cpu("postgres"),
      bench: cpu("bench"),
      outsideCores: runs.reduce((sum, run) => sum + run.cpu.outsideCores * run.seconds, 0) / Math.max(seconds, 1e-9),
    },
    responseTimes,
  };
}

/** One request of a route, for a student (`student` is undefined for anonymous routes). */
export type RouteRequest = (student: BenchStudent | undefined, origin: string) => { method?: string; path: string; headers?: Record<string, string>; body?: string };

/** A route under load: each request is the next student's (their session, their records). */
export async function measureRoute(
  server: BenchServer,
  database: ScaleDatabase,
  label: string,
  options: { request: RouteRequest; students?: BenchStudent[]; connections: number; duration: number },
): Promise<RouteRun> {
  // Every route starts its turn over the same students, in the same order.
  let next = 0;
  const students = options.students;
  const cannonOptions: CannonOptions = {
    url: server.base,
    connections: options.connections,
    duration: options.duration,
    requests: [
      {
        setupRequest: (request) => {
          const student = students ? students[next++ % students.length]! : undefined;
          const { method = "GET", path: target, headers = {}, body } = options.request(student, server.base);
          return { ...request, method, path: target, headers, body };
        },
      },
    ],
  };
  const before = cpuSnapshot(server.child, database.dataDir);
  const result = await cannon(cannonOptions);
  const after = cpuSnapshot(server.child, database.dataDir);
  const requests = result.latency.totalCount;
  return {
    label,
    rps: requests / result.duration,
    p50: percentile(result.responseTimes, 50),
    p99: percentile(result.responseTimes, 99),
    requests,
    seconds: result.duration,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpu: cpuPerRequest(before, after, requests),
    responseTimes: result.responseTimes,
  };
}

/** Sends one request of a route and returns its status and body (probes, statement counts). */
export async function sendOnce(server: BenchServer, request: RouteRequest, student: BenchStudent | undefined): Promise<{ status: number; body: string }> {
  const { method = "GET", path: target, headers = {}, body } = request(student, server.base);
  const response = await fetch(`${server.base}${target}`, { method, headers, body, redirect: "manual" });
  return { status: response.status, body: await response.text() };
}

export interface StatementCount {
  counts: number[];
  /** The statements of the last counted request, abridged. */
  statements: string[];
  /** The last answer's body. */
  body: string;
}

/**
 * SQL statements per request, counted by a server child started with `countQueries`, one request
 * at a time: a first request (it may touch the session), then `samples` counted ones.
 */
export async function countStatements(server: BenchServer, request: RouteRequest, student: BenchStudent | undefined, samples = 5): Promise<StatementCount> {
  const first = await sendOnce(server, request, student);
  if (first.status >= 300) throw new Error(`${request(student, server.base).path} answered ${first.status}: ${first.body.slice(0, 300)}`);
  const counts: number[] = [];
  let statements: string[] = [];
  let body = "";
  for (let i = 0; i < samples; i++) {
    await fetch(`${server.base}/__bench/queries/reset`, { method: "POST" });
    const answer = await sendOnce(server, request, student);
    if (answer.status >= 300) throw new Error(`${request(student, server.base).path} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    const counted = (await (await fetch(`${server.base}/__bench/queries`)).json()) as { count: number; statements: string[] };
    counts.push(counted.count);
    statements = counted.statements;
    body = answer.body;
  }
  return { counts, statements, body };
}

// ── job throughput ────────────────────────────────────────────────────────────────────────────

/** Seconds from starting a worker until nothing is pending. */
export async function drainSeconds(pendingCount: () => Promise<number>, worker: () => Promise<{ stop(): Promise<void> }>): Promise<number> {
  const started = performance.now();
  const handle = await worker();
  try {
    while ((await pendingCount()) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    return (performance.now() - started) / 1000;
  } finally {
    await handle.stop();
  }
}

/** graphile-worker's own throughput on `jobs` no-op jobs, queued first, then drained with `concurrency` (seconds). */
/**
 * A pool for the benchmark's own statements (seeding, polling). Its `end()` can return while a
 * connection is still closing; the benchmark then stops PostgreSQL, and that connection's error
 * must not end the run (a pool without an error listener throws it).
 */
export function benchPool(options: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(options);
  pool.on("error", () => {});
  return pool;
}

export async function noopDrainSeconds(connectionString: string, jobs: number, concurrency: number): Promise<number> {
  const pool = benchPool({ connectionString, max: 2 });
  try {
    await pool.query(`SELECT graphile_worker.add_job('bench-noop', '{}'::json) FROM generate_series(1, $1::int)`, [jobs]);
    const pending = async () =>
      Number(
        (
          await pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t."id" = j."task_id" WHERE t."identifier" = 'bench-noop'`,
          )
        ).rows[0]!.n,
      );
    return await drainSeconds(pending, async () => {
      const runner = await run({ connectionString, concurrency, noHandleSignals: true, pollInterval: 2000, taskList: { "bench-noop": async () => {} } });
      return { stop: () => runner.stop() };
    });
  } finally {
    await pool.end();
  }
}

// ── the report ────────────────────────────────────────────────────────────────────────────────

/** The commit measured, and whether app/ had uncommitted changes (the tree is shared). */
export function treeLine(): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "app", "remix.config.js", "package.json"], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((line) => line.slice(3));
    return dirty.length ? `commit ${commit} with uncommitted changes to ${dirty.map((file) => `\`${file}\``).join(", ")}` : `commit ${commit}`;
  } catch {
    return "unknown (no git)";
  }
}

export const fmt = (value: number, digits = 0) => value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const ms = (value: number) => `${fmt(value, value < 10 ? 1 : 0)} ms`;
export const verdict = (ok: boolean) => (ok ? "**PASS**" : "**FAIL**");
export const statementLine = (statement: string) => `\`${statement.replace(/`/g, "'")}\``;
