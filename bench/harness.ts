// `npm run bench -- dashboard autosave`: the issue 3 targets, measured on a database seeded at
// scale (bench/seed-scale.ts) in an embedded PostgreSQL of its own, against the production build
// run as a child process (bench/serve.ts), with autocannon driving load from this process.
//
// Options (environment): BENCH_DURATION (s per measurement, default 15 for the dashboard and 25
// for autosave), BENCH_WARMUP (s, default 5), BENCH_CONNECTIONS / BENCH_AUTOSAVE_CONNECTIONS,
// BENCH_CPU_PROF=<dir> (the server child writes V8 CPU profiles of its throughput runs there).
//
// The machine is shared: before measuring, the benchmark waits (at most 2 minutes) until other
// processes keep less than 0.3 of a core busy, and each result says how many cores other work
// used meanwhile (from /proc): numbers taken while that is high understate MXP.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from "~/server/embedded-postgres.server";
import { createLogger } from "~/server/logger.server";
import { applyMigrations } from "~/server/migrate.server";
import { BUILD_PATH } from "~/server/http.server";
import { machineLine, median, writeSection } from "./report";
import { SCALE, seedScale, type BenchStudent, type ScaleSeed } from "./seed-scale";

// Session ids are HMACs of the token keyed by SESSION_SECRET: the seed (this process) and the
// server child must use the same one.
const BENCH_SESSION_SECRET = "mxp-bench-session-secret-not-for-production-0001";

const DASHBOARD_PATH = "/dashboard/student/missions";
/** The same page with every available mission rendered (the default shows the first six). */
const DASHBOARD_ALL_PATH = "/dashboard/student/missions?show=all";
const ROUNDS = 3;
const COMMAND = "npm run bench -- dashboard autosave";
const log = createLogger({ level: "warn" });

const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

// ── autocannon (CommonJS, no type declarations shipped) ───────────────────────────────────────

interface CannonRequest {
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
interface CannonOptions {
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
function cannon(options: CannonOptions): Promise<CannonResult & { responseTimes: number[] }> {
  const responseTimes: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve({ ...result, responseTimes })));
    instance.on("response", (_client, _status, _bytes, responseTimeMs) => responseTimes.push(responseTimeMs));
  });
}

function percentile(values: number[], p: number): number {
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
function postgresCpuSeconds(dataDir: string): number {
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
function machineBusySeconds(): number {
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
async function waitForQuietMachine(maxSeconds = 120, cores = 0.3): Promise<number> {
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

function cpuSnapshot(server: ChildProcess, dataDir: string): CpuSnapshot {
  const own = process.cpuUsage();
  return { server: procCpuSeconds(server.pid!), postgres: postgresCpuSeconds(dataDir), bench: (own.user + own.system) / 1e6, machine: machineBusySeconds(), at: performance.now() };
}

function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number) {
  const per = (key: "server" | "postgres" | "bench") => (requests > 0 ? ((after[key] - before[key]) * 1000) / requests : 0);
  const ours = after.server - before.server + (after.postgres - before.postgres) + (after.bench - before.bench);
  const seconds = (after.at - before.at) / 1000;
  // Cores kept busy by everything else on this shared machine during the run (other people's work).
  const outsideCores = seconds > 0 ? Math.max(0, after.machine - before.machine - ours) / seconds : 0;
  return { server: per("server"), postgres: per("postgres"), bench: per("bench"), outsideCores };
}

// ── the database, the build and the server child ──────────────────────────────────────────────

interface ScaleDatabase {
  dir: string;
  dataDir: string;
  embedded: EmbeddedDatabase;
  seed: ScaleSeed;
  seedSeconds: number;
  close(): Promise<void>;
}

export async function scaleDatabase(sessions: number): Promise<ScaleDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mxp-bench-scale-"));
  // initdb runs as the postgres user when we are root: it must be able to enter the directory.
  fs.chmodSync(dir, 0o755);
  const dataDir = path.join(dir, "postgres");
  const embedded = await startEmbeddedPostgres({ dir: dataDir, database: "mxp_bench", log });
  try {
    await applyMigrations(embedded.url, log);
    const previousSecret = process.env.SESSION_SECRET;
    process.env.SESSION_SECRET = BENCH_SESSION_SECRET;
    let seed: ScaleSeed;
    try {
      seed = await seedScale(embedded.url, { sessions });
    } finally {
      if (previousSecret === undefined) delete process.env.SESSION_SECRET;
      else process.env.SESSION_SECRET = previousSecret;
    }
    return {
      dir,
      dataDir,
      embedded,
      seed,
      seedSeconds: seed.ms / 1000,
      async close() {
        await embedded.stop().catch(() => {});
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await embedded.stop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Builds when there is no build, or when app/ changed after it (the benchmark measures the current code). */
export function ensureBuild(): void {
  const newest = (dir: string): number => {
    let latest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }
    return latest;
  };
  if (fs.existsSync(BUILD_PATH) && fs.statSync(BUILD_PATH).mtimeMs >= newest(path.resolve("app"))) return;
  console.log("  building the app (npx remix build)…");
  execFileSync("npx", ["remix", "build"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
}

interface BenchServer {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(database: ScaleDatabase, options: { countQueries: boolean; label: string; cpuProfDir?: string }): Promise<BenchServer> {
  const port = await freePort();
  const logFile = path.join(database.dir, `server-${options.label}.log`);
  const out = fs.openSync(logFile, "a");
  const nodeFlags = options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`, `--cpu-prof-name=${options.label}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", path.join("bench", "serve.ts")], {
    stdio: ["ignore", out, out, "ipc"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.embedded.url,
      PORT: String(port),
      RUN_WORKER: "false",
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
      await exited;
    },
  };
}

const cookieOf = (student: BenchStudent) => `mxp_session=${encodeURIComponent(student.token)}`;

// ── dashboard ─────────────────────────────────────────────────────────────────────────────────

interface RouteRun {
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
function pooled(label: string, runs: RouteRun[]): RouteRun {
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
    cpu: { server: cpu("server"), postgres: cpu("postgres"), bench: cpu("bench"), outsideCores: runs.reduce((sum, run) => sum + run.cpu.outsideCores * run.seconds, 0) / Math.max(seconds, 1e-9) },
    responseTimes,
  };
}

export async function measureRoute(server: BenchServer, database: ScaleDatabase, label: string, options: { path: string; students?: BenchStudent[]; connections: number; duration: number }): Promise<RouteRun> {
  // Every route starts its turn over the same students, in the same order.
  let next = 0;
  const students = options.students;
  const cannonOptions: CannonOptions = {
    url: `${server.base}${options.path}`,
    connections: options.connections,
    duration: options.duration,
    headers: { accept: "text/html,application/xhtml+xml", "accept-language": "en" },
    requests: [
      {
        // Every request signs in as the next student in turn: different sessions, different data.
        setupRequest: (request) => {
          if (!students) return request;
          const student = students[next++ % students.length]!;
          return { ...request, headers: { ...request.headers, cookie: cookieOf(student) } };
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

interface QueryCount {
  label: string;
  missions: number;
  cards: number;
  counts: number[];
  /** The statements of the last counted render, abridged. */
  statements: string[];
  /** Rendered with ?show=all: one card per visible mission. */
  everyCard: boolean;
}

/** SQL statements per dashboard render, counted by the server child one render at a time. */
async function countQueries(server: BenchServer, label: string, student: BenchStudent, samples = 5, path = DASHBOARD_ALL_PATH): Promise<QueryCount> {
  const headers = { cookie: cookieOf(student), accept: "text/html" };
  const render = async () => {
    const response = await fetch(`${server.base}${path}`, { headers, redirect: "manual" });
    const html = await response.text();
    if (response.status !== 200) throw new Error(`dashboard answered ${response.status} for ${student.userId}`);
    return html;
  };
  await render(); // first render of this session: compiles nothing, but may touch lastSeenAt
  const counts: number[] = [];
  let cards = 0;
  let statements: string[] = [];
  for (let i = 0; i < samples; i++) {
    await fetch(`${server.base}/__bench/queries/reset`, { method: "POST" });
    const html = await render();
    const answer = (await (await fetch(`${server.base}/__bench/queries`)).json()) as { count: number; statements: string[] };
    counts.push(answer.count);
    statements = answer.statements;
    cards = html.split('data-testid="mission-card"').length - 1;
  }
  return { label, missions: student.visibleMissions, cards, counts, statements, everyCard: path === DASHBOARD_ALL_PATH };
}

/** The commit measured, and whether app/ had uncommitted changes (the tree is shared). */
function treeLine(): string {
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

const fmt = (value: number, digits = 0) => value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (value: number) => `${fmt(value, value < 10 ? 1 : 0)} ms`;
const verdict = (ok: boolean) => (ok ? "**PASS**" : "**FAIL**");

export async function benchDashboard(): Promise<void> {
  const duration = envNumber("BENCH_DURATION", 15);
  const warmup = envNumber("BENCH_WARMUP", 5);
  const connections = envNumber("BENCH_CONNECTIONS", 20);
  const sessions = 2_000;
  console.log("  seeding an embedded PostgreSQL at scale…");
  const database = await scaleDatabase(sessions);
  try {
    console.log(`  seeded in ${database.seedSeconds.toFixed(1)} s: ${JSON.stringify(database.seed.rows)}`);
    ensureBuild();
    const { students, explorers } = database.seed;

    // 1. SQL statements per render, one render at a time, for 10, 20 and 200 missions rendered.
    const counting = await startServer(database, { countQueries: true, label: "dashboard-count" });
    let queryCounts: QueryCount[];
    try {
      const oneTrack = students.find((student) => student.enrolledTracks === 1)!;
      const twoTracks = students.find((student) => student.enrolledTracks === 2)!;
      queryCounts = [
        await countQueries(counting, "enrolled in 1 track", oneTrack),
        await countQueries(counting, "enrolled in 2 tracks", twoTracks),
        await countQueries(counting, "no enrolment yet (every track)", explorers[0]!),
        await countQueries(counting, "enrolled in 2 tracks, default view (the first six available)", twoTracks, 5, DASHBOARD_PATH),
      ];
    } finally {
      await counting.stop();
    }
    for (const count of queryCounts) {
      if (count.everyCard && count.cards !== count.missions) throw new Error(`the dashboard of a student ${count.label} showed ${count.cards} mission cards, expected ${count.missions}`);
    }
    console.log(`  queries per render: ${queryCounts.map((count) => `${count.missions} missions → ${Math.max(...count.counts)}`).join(", ")}`);

    // 2. Throughput: the static page and the dashboard on the same server, in the same run.
    const server = await startServer(database, { countQueries: false, label: "dashboard", cpuProfDir: process.env.BENCH_CPU_PROF });
    let about: RouteRun;
    let dashboard: RouteRun;
    let dashboardAll: RouteRun;
    let roundRatios: string[] = [];
    try {
      const probe = await fetch(`${server.base}/about`);
      if (probe.status !== 200 || !(await probe.text()).includes("About MXP")) throw new Error(`/about answered ${probe.status}: is app/routes/about.tsx in the build?`);
      await waitForQuietMachine();
      console.log(`  warming up (${warmup} s per route)…`);
      await measureRoute(server, database, "warm-up", { path: "/about", connections, duration: warmup });
      await measureRoute(server, database, "warm-up", { path: DASHBOARD_PATH, students, connections, duration: warmup });
      // The machine is shared and noisy: the routes take turns, ROUNDS times, so that a burst of
      // outside load hits all of them alike; each route's runs are then pooled.
      console.log(`  measuring (${duration} s per route in ${ROUNDS} turns, ${connections} connections)…`);
      const slice = duration / ROUNDS;
      const runs: Record<"about" | "dashboard" | "all", RouteRun[]> = { about: [], dashboard: [], all: [] };
      for (let round = 0; round < ROUNDS; round++) {
        runs.about.push(await measureRoute(server, database, "about", { path: "/about", connections, duration: slice }));
        runs.dashboard.push(await measureRoute(server, database, "dashboard", { path: DASHBOARD_PATH, students, connections, duration: slice }));
        runs.all.push(await measureRoute(server, database, "all", { path: DASHBOARD_ALL_PATH, students: explorers, connections, duration: slice }));
      }
      about = pooled("`/about` (static page, anonymous: the root loader finds no session)", runs.about);
      dashboard = pooled(`dashboard, ${fmt(students.length)} signed-in students in turn (1–2 tracks: 10–20 missions each; the page shows what is in progress or completed and the first six available missions)`, runs.dashboard);
      dashboardAll = pooled(`dashboard, ${explorers.length} new students in turn (no enrolment, ?show=all: all ${SCALE.tracks * SCALE.missionsPerTrack} missions rendered)`, runs.all);
      const perRound = runs.about.map((run, index) => (runs.dashboard[index]!.rps / run.rps).toFixed(2));
      console.log(`  dashboard ÷ about per turn: ${perRound.join(", ")}`);
      roundRatios = perRound;
    } finally {
      await server.stop();
    }

    const ratio = dashboard.rps / about.rps;
    const ratioAll = dashboardAll.rps / about.rps;
    const maxQueries = Math.max(...queryCounts.flatMap((count) => count.counts));
    const grows = new Set(queryCounts.map((count) => Math.max(...count.counts))).size > 1;
    const clean = [about, dashboard, dashboardAll].every((run) => run.non2xx === 0 && run.errors === 0);
    const row = (run: RouteRun) =>
      `| ${run.label} | ${fmt(run.rps)} | ${ms(run.p50)} | ${ms(run.p99)} | ${fmt(run.requests)} | ${run.non2xx} / ${run.errors} | ${fmt(run.cpu.server, 2)} / ${fmt(run.cpu.postgres, 2)} / ${fmt(run.cpu.bench, 2)} | ${fmt(run.cpu.outsideCores, 2)} |`;
    const lines = [
      "## Dashboard at scale: `GET /dashboard/student/missions`",
      "",
      `Command: \`${COMMAND}\` (this section: \`npm run bench -- dashboard\`).`,
      `Machine: ${machineLine()}. Code: ${treeLine()}.`,
      "",
      `Data (bench/seed-scale.ts, seeded in ${database.seedSeconds.toFixed(1)} s): ${fmt(database.seed.rows.Mission!)} published missions (${SCALE.tracks} tracks × ${SCALE.missionsPerTrack}, 5 subtasks and 2–3 skills each), ` +
        `${fmt(SCALE.students)} students with 1–2 tracks each plus ${explorers.length} new students without one, ${fmt(database.seed.rows.MissionProgress!)} progress records, ` +
        `${fmt(database.seed.rows.MissionStart!)} mission starts this month, ${fmt(database.seed.rows.Subscription!)} subscriptions.`,
      `Server: the production build in a child process (bench/serve.ts: \`NODE_ENV=production\`, no job worker, request log at info level to a file), embedded PostgreSQL 18 (fsync on). ` +
        `Load: autocannon in the bench process, ${connections} keep-alive connections, ${warmup} s warm-up per route, then ${duration} s per route in ${ROUNDS} turns of ${fmt(duration / ROUNDS, 1)} s taken in rotation (the machine is shared: a burst of outside load hits every route alike); ` +
        `every dashboard request carries the session cookie of the next student in turn (real DB sessions). Percentiles are over every response of the route's turns. ` +
        `CPU per request is read from /proc for the server process, the PostgreSQL processes and this process; the last column is the rest of the machine's busy time (other people's work on this shared machine).`,
      "",
      "| route | req/s | p50 | p99 | requests | non-2xx / errors | CPU ms per request: server / PostgreSQL / load generator | cores busy with other work meanwhile (of 2) |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      row(about),
      row(dashboard),
      row(dashboardAll),
      "",
      "SQL statements per dashboard render (counted in the server process around `pg.Client#query`, one render at a time, 5 renders each after a first one; `?show=all`, so that every visible mission is rendered, unless the row says otherwise):",
      "",
      "| student | missions | mission cards rendered | statements per render |",
      "| --- | --- | --- | --- |",
      ...queryCounts.map((count) => `| ${count.label} | ${count.missions} | ${count.cards} | ${[...new Set(count.counts)].join(", ")} |`),
      "",
      `The statements of one render (${queryCounts[1]!.missions} missions), in the order they were sent:`,
      "",
      ...queryCounts[1]!.statements.map((statement, index) => `${index + 1}. \`${statement.replace(/`/g, "'")}\``),
      "",
      "| target | measured | result |",
      "| --- | --- | --- |",
      `| dashboard throughput ≥ ½ of the static page's, same server, same run | ${fmt(dashboard.rps)} / ${fmt(about.rps)} req/s = **${ratio.toFixed(2)}** (per turn: ${roundRatios.join(", ")}; all ${SCALE.tracks * SCALE.missionsPerTrack} missions rendered, \`?show=all\`: ${ratioAll.toFixed(2)}) | ${verdict(ratio >= 0.5 && clean)} |`,
      `| ≤ 6 SQL statements per render | at most ${maxQueries} | ${verdict(maxQueries <= 6)} |`,
      `| …whatever the number of missions (10, 20, 200 rendered; 20 in the default view) | ${queryCounts.map((count) => Math.max(...count.counts)).join(", ")} | ${verdict(!grows)} |`,
    ];
    writeSection("dashboard", lines.join("\n"));
    console.log(lines.join("\n"));
  } finally {
    await database.close();
  }
}

// ── autosave ──────────────────────────────────────────────────────────────────────────────────

const NOTES =
  "Pulled the proxy logs for the night shift and filtered on the beaconing host. The callbacks come every 60 seconds with a small jitter, " +
  "always to the same domain registered last week. Next: check DNS history and whether any other host talks to it. ";

export async function benchAutosave(): Promise<void> {
  const duration = envNumber("BENCH_DURATION", 25);
  const warmup = envNumber("BENCH_WARMUP", 5);
  const connections = envNumber("BENCH_AUTOSAVE_CONNECTIONS", 20);
  console.log("  seeding an embedded PostgreSQL at scale…");
  const database = await scaleDatabase(Math.max(connections, 200));
  try {
    console.log(`  seeded in ${database.seedSeconds.toFixed(1)} s`);
    ensureBuild();
    // Each connection is one student and owns that student's IN_PROGRESS records (4 each): it
    // cycles through them, always sending the version the previous save of that record returned.
    const owners = database.seed.students.slice(0, connections);
    if (owners.length < connections || owners.some((owner) => owner.inProgress.length === 0)) throw new Error("not enough students with IN_PROGRESS records");
    const slots = owners.map((owner) => ({ owner, records: owner.inProgress.map((record) => ({ ...record })), turn: 0, current: undefined as undefined | { id: string; version: number; subtaskIds: string[] } }));
    const recordIds = slots.flatMap((slot) => slot.records.map((record) => record.id));
    const tally = { ok: 0, conflicts: 0, other: 0, measuring: false, startedAt: 0, perSecond: [] as number[] };

    // SQL statements per save, one save at a time, by a student the load does not use.
    const counting = await startServer(database, { countQueries: true, label: "autosave-count" });
    const perSave: number[] = [];
    let saveStatements: string[] = [];
    try {
      const student = database.seed.students[connections]!;
      const record = { ...student.inProgress[0]! };
      for (let i = 0; i < 6; i++) {
        await fetch(`${counting.base}/__bench/queries/reset`, { method: "POST" });
        const response = await fetch(`${counting.base}/api/v1/mission-progress/${record.id}`, {
          method: "PATCH",
          headers: { cookie: cookieOf(student), origin: counting.base, "content-type": "application/json" },
          body: JSON.stringify({ version: record.version, subtasks: { [record.subtaskIds[0]!]: { notes: `${NOTES}(${i})`, completed: false } } }),
        });
        if (response.status !== 200) throw new Error(`a save answered ${response.status}: ${await response.text()}`);
        record.version = ((await response.json()) as { version: number }).version;
        const answer = (await (await fetch(`${counting.base}/__bench/queries`)).json()) as { count: number; statements: string[] };
        if (i > 0) perSave.push(answer.count); // the first save of a session may also touch it
        saveStatements = answer.statements;
      }
    } finally {
      await counting.stop();
    }

    const server = await startServer(database, { countQueries: false, label: "autosave", cpuProfDir: process.env.BENCH_CPU_PROF });
    const db = new pg.Client({ connectionString: database.embedded.url });
    await db.connect();
    try {
      const origin = server.base;
      let nextSlot = 0;
      const options = (seconds: number): CannonOptions => ({
        url: `${server.base}/api/v1/mission-progress`,
        connections,
        duration: seconds,
        // autocannon resets a connection's context after every request: the per-connection state
        // (its student, records and versions) lives in `slots`, the context only says which slot.
        setupClient: (client) => {
          client.requestIterator.initialContext = { slot: nextSlot++ % slots.length };
          client.requestIterator.resetContext();
          client.requestIterator.rebuildRequest();
        },
        requests: [
          {
            setupRequest: (request, context) => {
              if (typeof context.slot !== "number") return request;
              const slot = slots[context.slot]!;
              const record = slot.records[slot.turn % slot.records.length]!;
              const subtaskId = record.subtaskIds[Math.floor(slot.turn / slot.records.length) % record.subtaskIds.length]!;
              slot.turn += 1;
              slot.current = record;
              const body = JSON.stringify({
                version: record.version,
                subtasks: { [subtaskId]: { notes: `${NOTES}(edit ${slot.turn})`, completed: slot.turn % 4 === 0 } },
              });
              return {
                ...request,
                method: "PATCH",
                path: `/api/v1/mission-progress/${record.id}`,
                // What the mission page's autosave sends: the session cookie, same-origin JSON.
                headers: { ...request.headers, cookie: cookieOf(slot.owner), origin, "content-type": "application/json", accept: "application/json" },
                body,
              };
            },
            onResponse: (status, body, context) => {
              const slot = slots[context.slot as number];
              const record = slot?.current;
              if (!record) return;
              if (status === 200) {
                record.version = (JSON.parse(body) as { version: number }).version;
                if (tally.measuring) {
                  tally.ok += 1;
                  const second = Math.floor((performance.now() - tally.startedAt) / 1000);
                  tally.perSecond[second] = (tally.perSecond[second] ?? 0) + 1;
                }
                return;
              }
              if (status === 409) {
                const current = (JSON.parse(body) as { error?: { details?: { current?: { version?: number } } } }).error?.details?.current?.version;
                if (typeof current === "number") record.version = current;
                if (tally.measuring) tally.conflicts += 1;
                return;
              }
              if (tally.measuring) tally.other += 1;
            },
          },
        ],
      });

      await waitForQuietMachine();
      console.log(`  warming up (${warmup} s)…`);
      await cannon(options(warmup));
      // Saves still in flight when the warm-up stopped were applied but never answered: like a
      // page that reloads, the connections pick up the current versions before measuring.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const current = await db.query<{ id: string; version: number }>(`SELECT "id", "version" FROM "MissionProgress" WHERE "id" = ANY($1::text[])`, [recordIds]);
      const versions = new Map(current.rows.map((row) => [row.id, row.version]));
      for (const slot of slots) for (const record of slot.records) record.version = versions.get(record.id)!;
      const versionSum = async () => Number((await db.query<{ sum: string }>(`SELECT sum("version") AS sum FROM "MissionProgress" WHERE "id" = ANY($1::text[])`, [recordIds])).rows[0]!.sum);
      const versionsBefore = await versionSum();
      console.log(`  measuring (${duration} s, ${connections} connections)…`);
      tally.measuring = true;
      tally.startedAt = performance.now();
      const before = cpuSnapshot(server.child, database.dataDir);
      const result = await cannon(options(duration));
      const after = cpuSnapshot(server.child, database.dataDir);
      tally.measuring = false;
      await new Promise((resolve) => setTimeout(resolve, 500));
      const versionsAfter = await versionSum();

      const responses = result.latency.totalCount;
      // Saves per whole second of the run (the last, partial second is left out): "sustained".
      const seconds = Array.from({ length: Math.floor(result.duration) }, (_, index) => tally.perSecond[index] ?? 0);
      const sortedSeconds = [...seconds].sort((a, b) => a - b);
      console.log(`  saves per second: ${seconds.join(" ")}`);
      const savesPerSecond = tally.ok / result.duration;
      const cpu = cpuPerRequest(before, after, responses);
      const p99 = percentile(result.responseTimes, 99);
      const lines = [
        "## Autosave at scale: `PATCH /api/v1/mission-progress/{id}`",
        "",
        `Command: \`${COMMAND}\` (this section: \`npm run bench -- autosave\`).`,
        `Machine: ${machineLine()}. Code: ${treeLine()}.`,
        "",
        `Data: the same scale seed as the dashboard (${fmt(database.seed.rows.MissionProgress!)} progress records, ${fmt(SCALE.students)} students, seeded in ${database.seedSeconds.toFixed(1)} s). ` +
          `Server: the production build in a child process (bench/serve.ts, no job worker, request log at info level to a file), embedded PostgreSQL 18 with fsync on (every save is a committed transaction).`,
        `Load: autocannon in the bench process, ${connections} keep-alive connections for ${duration} s after a ${warmup} s warm-up. Each connection is one signed-in student (session cookie, same-origin \`Origin\`) ` +
          `and owns that student's IN_PROGRESS records (${Math.min(...owners.map((owner) => owner.inProgress.length))}–${Math.max(...owners.map((owner) => owner.inProgress.length))} each, ${fmt(recordIds.length)} in all); it saves them in turn, one subtask's notes (≈ ${NOTES.length} characters) and completed flag per save, ` +
          `always with the version the previous save returned. Only 200 answers count as saves.`,
        "",
        "| saves/s (200s ÷ duration) | saves | p50 | p90 | p99 | max | 409 / other non-200 / errors | versions written in the database | CPU ms per save: server / PostgreSQL / load generator | cores busy with other work meanwhile (of 2) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        `| ${fmt(savesPerSecond)} | ${fmt(tally.ok)} | ${ms(percentile(result.responseTimes, 50))} | ${ms(percentile(result.responseTimes, 90))} | ${ms(p99)} | ${ms(percentile(result.responseTimes, 100))} | ${tally.conflicts} / ${tally.other} / ${result.errors + result.timeouts} | ${fmt(versionsAfter - versionsBefore)} | ${fmt(cpu.server, 2)} / ${fmt(cpu.postgres, 2)} / ${fmt(cpu.bench, 2)} | ${fmt(cpu.outsideCores, 2)} |`,
        "",
        `SQL statements per save (counted in a separate server process, one save at a time): ${[...new Set(perSave)].join(", ")}:`,
        "",
        ...saveStatements.map((statement, index) => `${index + 1}. \`${statement.replace(/`/g, "'")}\``),
        "",
        `Saves in each second of the run: lowest ${fmt(sortedSeconds[0] ?? 0)}, median ${fmt(median(seconds))}, highest ${fmt(sortedSeconds[sortedSeconds.length - 1] ?? 0)} (${seconds.join(", ")}).`,
        "",
        "| target | measured | result |",
        "| --- | --- | --- |",
        `| ≥ 1,000 successful saves per second, sustained ${duration} s | ${fmt(savesPerSecond)} saves/s on average; slowest second ${fmt(sortedSeconds[0] ?? 0)} | ${verdict(savesPerSecond >= 1000)} |`,
        `| p99 latency < 50 ms | ${ms(p99)} | ${verdict(p99 < 50)} |`,
        `| saves are real: no 409s, no failures | ${tally.conflicts} conflicts, ${tally.other + result.errors + result.timeouts} failures; ${fmt(versionsAfter - versionsBefore)} versions written for ${fmt(tally.ok)} counted saves | ${verdict(tally.conflicts === 0 && tally.other === 0 && result.errors + result.timeouts === 0 && versionsAfter - versionsBefore >= tally.ok)} |`,
      ];
      writeSection("autosave", lines.join("\n"));
      console.log(lines.join("\n"));
    } finally {
      await db.end().catch(() => {});
      await server.stop();
    }
  } finally {
    await database.close();
  }
}
