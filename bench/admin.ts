// `npm run bench -- admin`: the back office at scale: the users list (first page, a search, a
// later page) at 100,000 users and the AI agreement page (the report and one mission's attempts)
// over 50,000 attempts reviewed by both the AI and a mentor, each against a static page on the
// same server in the same run, with their SQL statements per render at a small and at the full scale.
//
// Options (environment): BENCH_DURATION (s per route, all turns together; default 15),
// BENCH_WARMUP (default 3), BENCH_CONNECTIONS (default 20), BENCH_CPU_PROF=<dir> (the server child
// writes a V8 CPU profile there).
import os from "node:os";
import pg from "pg";
import { createSession } from "~/features/accounts/session.server";
import { closeDb, createDb, disconnectDb } from "~/utils/db.server";
import {
  benchPool,
  BENCH_SESSION_SECRET,
  buildProduction,
  countStatements,
  envNumber,
  fmt,
  measureRoute,
  migratedDatabase,
  ms,
  pooled,
  ROUNDS,
  startServer,
  statementLine,
  treeLine,
  verdict,
  waitForQuietMachine,
  type RouteRequest,
  type RouteRun,
  type ScaleDatabase,
} from "./harness";
import { machineLine, writeSection } from "./report";
import type { BenchStudent } from "./seed-scale";

const COMMAND = "npm run bench -- admin";
const USERS = 100_000;
const REVIEWED = 50_000;
const SMALL = { users: 1_000, reviewed: 500 };
const MISSIONS = 50;
const TARGET = 0.3;
const HTML = { accept: "text/html,application/xhtml+xml", "accept-language": "en" };

/** The rubric every bench mission is scored against: three criteria, 0–3. */
const CRITERIA = [
  { key: "evidence", title: "Evidence" },
  { key: "analysis", title: "Analysis" },
  { key: "communication", title: "Communication" },
];

/** Scores as reviews store them, for criterion i: the AI's from g, the mentor's one level off now and then. */
function scoresSql(who: "ai" | "mentor"): string {
  const score = (index: number) =>
    who === "ai" ? `((g * ${index + 3}) % 4)` : `LEAST(3, GREATEST(0, ((g * ${index + 3}) % 4) + CASE WHEN g % 5 = 0 THEN 1 WHEN g % 7 = 0 THEN -1 ELSE 0 END))`;
  return `jsonb_build_array(${CRITERIA.map(
    (criterion, index) => `jsonb_build_object('key', '${criterion.key}', 'title', '${criterion.title}', 'score', ${score(index)}, 'maxScore', 3)`,
  ).join(", ")})`;
}

/** The missions, and users `from`..`to` (one in a hundred a mentor), with set-based SQL. */
export async function seedUsers(pool: pg.Pool, from: number, to: number): Promise<void> {
  await pool.query(`INSERT INTO "Track" ("id", "slug", "title", "summary", "description", "position", "updatedAt")
    SELECT 'at-' || g, 'admin-track-' || g, 'Admin track ' || g, 'A track.', 'A track for the benchmark.', g, now() FROM generate_series(1, 5) g ON CONFLICT DO NOTHING`);
  await pool.query(
    `INSERT INTO "Mission" ("id", "slug", "trackId", "position", "title", "summary", "story", "objectives", "successCriteria", "difficulty", "estimatedMinutes", "updatedAt")
     SELECT 'am-' || g, 'admin-mission-' || g, 'at-' || (1 + g % 5), g, 'Admin mission ' || g, 'A mission.', 'A story.', ARRAY['Do it'], ARRAY['Done'], 'INTERMEDIATE', 30, now()
     FROM generate_series(1, $1::int) g ON CONFLICT DO NOTHING`,
    [MISSIONS],
  );
  await pool.query(
    `INSERT INTO "User" ("id", "email", "handle", "name", "passwordHash", "role", "updatedAt")
     SELECT 'au-' || g, 'user-' || lpad(g::text, 6, '0') || '@example.test', 'user-' || g,
       (ARRAY['Ada', 'Bruno', 'Chiara', 'Dmitri', 'Eun', 'Farah', 'Goran', 'Hana'])[1 + g % 8] || ' ' || (ARRAY['Lovelace', 'Okafor', 'Rossi', 'Ivanov', 'Kim', 'Haddad', 'Novak', 'Sato'])[1 + (g / 8) % 8] || ' ' || g,
       'unused', CASE WHEN g % 100 = 0 THEN 'MENTOR'::"Role" ELSE 'STUDENT'::"Role" END, now()
     FROM generate_series($1::int, $2::int) g`,
    [from, to],
  );
}

/** Attempts `from`..`to`, each reviewed by the AI and then by a mentor, decided over the last 90 days. */
export async function seedReviewed(pool: pg.Pool, from: number, to: number): Promise<void> {
  const range = [from, to];
  await pool.query(
    `INSERT INTO "MissionProgress" ("id", "userId", "missionId", "status", "currentAttempt", "updatedAt")
     SELECT 'ap-' || g, 'au-' || g, 'am-' || (1 + g % ${MISSIONS}), 'APPROVED', 1, now() FROM generate_series($1::int, $2::int) g`,
    range,
  );
  await pool.query(
    `INSERT INTO "Submission" ("id", "progressId", "attempt", "reflection", "snapshot", "createdAt")
     SELECT 'asub-' || g, 'ap-' || g, 1, 'A reflection.', '{}'::jsonb, now() - ((g % 90) || ' days')::interval - interval '2 hours' FROM generate_series($1::int, $2::int) g`,
    range,
  );
  await pool.query(
    `INSERT INTO "AiReview" ("id", "submissionId", "status", "reviewer", "scores", "total", "passed", "summary", "inputTokens", "outputTokens", "createdAt", "queuedAt", "completedAt")
     SELECT 'aai-' || g, 'asub-' || g, 'COMPLETED', 'openai:gpt-4.1-mini', ${scoresSql("ai")}, 0, g % 3 <> 0, 'A summary.', 3000, 400,
       now() - ((g % 90) || ' days')::interval - interval '2 hours', now() - ((g % 90) || ' days')::interval - interval '2 hours', now() - ((g % 90) || ' days')::interval - interval '1 hour'
     FROM generate_series($1::int, $2::int) g`,
    range,
  );
  await pool.query(
    `INSERT INTO "MentorReview" ("id", "submissionId", "requestedById", "mentorId", "status", "trackId", "isCapstone", "isRegrade", "scores", "total", "passed", "decision", "requestedAt", "claimedAt", "completedAt")
     SELECT 'amr-' || g, 'asub-' || g, 'au-' || g, 'au-' || (100 * (1 + g % 10)), 'COMPLETED', m."trackId", false, g % 10 = 0, ${scoresSql("mentor")}, 0, g % 4 <> 0,
       CASE WHEN g % 4 <> 0 THEN 'APPROVED'::"ReviewDecision" ELSE 'CHANGES_REQUESTED'::"ReviewDecision" END,
       now() - ((g % 90) || ' days')::interval - interval '1 hour', now() - ((g % 90) || ' days')::interval - interval '50 minutes', now() - ((g % 90) || ' days')::interval
     FROM generate_series($1::int, $2::int) g JOIN "Mission" m ON m."id" = 'am-' || (1 + g % ${MISSIONS})`,
    range,
  );
}

export async function benchAdmin(): Promise<void> {
  const duration = envNumber("BENCH_DURATION", 15);
  const warmup = envNumber("BENCH_WARMUP", 3);
  const connections = envNumber("BENCH_CONNECTIONS", 20);
  const database = (await migratedDatabase()) as ScaleDatabase;
  const pool = benchPool({ connectionString: database.embedded.url, max: 4 });
  const previousUrl = process.env.DATABASE_URL;
  const previousSecret = process.env.SESSION_SECRET;
  process.env.DATABASE_URL = database.embedded.url;
  process.env.SESSION_SECRET = BENCH_SESSION_SECRET;
  const db = createDb(database.embedded.url);
  try {
    buildProduction();
    const admin = await db.user.create({ data: { email: "bench-admin@example.test", handle: "bench-admin", name: "Bench Admin", passwordHash: "unused", role: "ADMIN" } });
    const { token } = await createSession(db, admin.id);
    const asAdmin = { token, userId: admin.id } as BenchStudent;
    const page =
      (path: string): RouteRequest =>
      () => ({ path, headers: { ...HTML, cookie: `mxp_session=${encodeURIComponent(token)}` } });
    const routes = [
      { key: "about", label: "`/about` (static page, anonymous)", target: null as number | null, request: (() => ({ path: "/about", headers: HTML })) as RouteRequest, mark: "" },
      { key: "users", label: "users list `/dashboard/admin/users` (first page of 50)", target: TARGET, request: page("/dashboard/admin/users"), mark: "user-000001@example.test" },
      {
        key: "users-search",
        label: "users list, a search `?q=chiara` (names starting with it)",
        target: TARGET,
        request: page("/dashboard/admin/users?q=chiara"),
        mark: "Chiara",
      },
      {
        key: "users-later",
        label: "users list, a later page `?after=user-000500@example.test`",
        target: TARGET,
        request: page("/dashboard/admin/users?after=user-000500%40example.test"),
        mark: "user-000501@example.test",
      },
      {
        key: "agreement",
        label: "AI agreement `/dashboard/admin/agreement` (the last 90 days: per criterion and per mission)",
        target: TARGET,
        request: page("/dashboard/admin/agreement"),
        mark: "Admin mission",
      },
      {
        key: "agreement-mission",
        label: "AI agreement, one mission's attempts `?mission=am-7`",
        target: TARGET,
        request: page("/dashboard/admin/agreement?mission=am-7"),
        mark: "Admin mission 7",
      },
    ];

    // 1. SQL statements per render, at the small scale and at the full one.
    await seedUsers(pool, 1, SMALL.users);
    await seedReviewed(pool, 1, SMALL.reviewed);
    await pool.query("ANALYZE");
    const counting = await startServer(database, { countQueries: true, label: "admin-count" });
    const statements = new Map<string, { small: number[]; large: number[]; list: string[] }>();
    try {
      for (const route of routes.slice(1)) statements.set(route.key, { small: (await countStatements(counting, route.request, asAdmin)).counts, large: [], list: [] });
      console.log(`  seeding ${fmt(USERS)} users and ${fmt(REVIEWED)} attempts reviewed by both…`);
      await seedUsers(pool, SMALL.users + 1, USERS);
      await seedReviewed(pool, SMALL.reviewed + 1, REVIEWED);
      await pool.query("ANALYZE");
      for (const route of routes.slice(1)) {
        const count = await countStatements(counting, route.request, asAdmin);
        if (!count.body.includes(route.mark)) throw new Error(`${route.key}: the page does not show "${route.mark}": ${count.body.slice(0, 300)}`);
        statements.get(route.key)!.large = count.counts;
        statements.get(route.key)!.list = count.statements;
      }
    } finally {
      await counting.stop();
    }

    // 2. Throughput, routes in turns.
    const server = await startServer(database, { countQueries: false, label: "admin", cpuProfDir: process.env.BENCH_CPU_PROF });
    const runs = new Map<string, RouteRun[]>(routes.map((route) => [route.key, []]));
    try {
      await waitForQuietMachine();
      for (const route of routes) await measureRoute(server, database, "warm-up", { request: route.request, students: [asAdmin], connections, duration: warmup });
      const slice = duration / ROUNDS;
      console.log(`  measuring (${duration} s per route in ${ROUNDS} turns, ${connections} connections)…`);
      for (let round = 0; round < ROUNDS; round++) {
        for (const route of routes)
          runs.get(route.key)!.push(await measureRoute(server, database, route.key, { request: route.request, students: [asAdmin], connections, duration: slice }));
      }
    } finally {
      await server.stop();
    }

    // 3. The report.
    const aboutRuns = runs.get("about")!;
    const about = pooled("about", aboutRuns);
    const results = routes.map((route) => {
      const turns = runs.get(route.key)!;
      const run = pooled(route.label, turns);
      const perTurn = turns.map((turn, index) => turn.rps / aboutRuns[index]!.rps);
      const ratio = run.rps / about.rps;
      return { route, run, ratio, perTurn, pass: run.non2xx === 0 && run.errors === 0 && (route.target === null || ratio >= route.target) };
    });
    const fixed = [...statements.values()].every((count) => new Set([...count.small, ...count.large]).size === 1);
    const lines = [
      "## The back office at scale: the users list at 100,000 users and the AI agreement page over 50,000 reviewed attempts",
      "",
      `Command: \`${COMMAND}\` (part of \`npm run bench\`). It builds the app for production first and measures that build.`,
      `Machine: ${machineLine()}. Code: ${treeLine()}.`,
      "",
      `Data: ${fmt(USERS)} users (one in a hundred a mentor) and ${fmt(REVIEWED)} attempts of ${MISSIONS} missions each reviewed by the AI and then by a mentor on a three-criterion rubric, ` +
        `decided over the last 90 days (bench/admin.ts), written by SQL; statements are first counted at ${fmt(SMALL.users)} users and ${fmt(SMALL.reviewed)} attempts. ` +
        `Server: the production build in a child process (bench/serve.ts, no job worker), embedded PostgreSQL 18. Load: autocannon, ${connections} keep-alive connections, one signed-in administrator; ` +
        `${warmup} s warm-up per route, then ${duration} s per route in ${ROUNDS} turns, the routes' turns in rotation; the ratio is over \`/about\`'s requests per second in the same turns.`,
      "",
      `| route | req/s | ÷ \`/about\` | per turn | target | p50 | p99 | requests | non-2xx / errors | SQL statements per render (small → full scale) | CPU ms per request: server / PostgreSQL | cores busy with other work (of ${os.cpus().length}) | result |`,
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...results.map((result) => {
        const count = statements.get(result.route.key);
        return `| ${result.route.label} | ${fmt(result.run.rps)} | **${result.ratio.toFixed(2)}** | ${result.perTurn.map((value) => value.toFixed(2)).join(", ")} | ${result.route.target === null ? "—" : `≥ ${result.route.target}`} | ${ms(result.run.p50)} | ${ms(result.run.p99)} | ${fmt(result.run.requests)} | ${result.run.non2xx} / ${result.run.errors} | ${count ? `${Math.max(...count.small)} → ${Math.max(...count.large)}` : "0"} | ${fmt(result.run.cpu.server, 2)} / ${fmt(result.run.cpu.postgres, 2)} | ${fmt(result.run.cpu.outsideCores, 2)} | ${result.route.target === null ? "—" : verdict(result.pass)} |`;
      }),
      "",
      "The statements of one users-list render and of one agreement render, in the order they were sent:",
      "",
      ...(statements.get("users")?.list ?? []).map((statement, index) => `${index + 1}. ${statementLine(statement)}`),
      "",
      ...(statements.get("agreement")?.list ?? []).map((statement, index) => `${index + 1}. ${statementLine(statement)}`),
      "",
      "| target | measured | result |",
      "| --- | --- | --- |",
      ...results
        .filter((result) => result.route.target !== null)
        .map((result) => `| ${result.route.key}: ≥ ${result.route.target} of the static page | ${result.ratio.toFixed(2)} | ${verdict(result.pass)} |`),
      `| a fixed number of SQL statements per render, whatever the data | ${[...statements.entries()].map(([key, count]) => `${key} ${Math.max(...count.small)} → ${Math.max(...count.large)}`).join(", ")} | ${verdict(fixed)} |`,
    ];
    writeSection("admin", lines.join("\n"));
    console.log(lines.join("\n"));
  } finally {
    await closeDb(db);
    await disconnectDb();
    await pool.end();
    if (previousUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previousUrl;
    if (previousSecret === undefined) delete process.env.SESSION_SECRET;
    else process.env.SESSION_SECRET = previousSecret;
    await database.close();
  }
}
