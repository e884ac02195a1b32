// `npm run bench -- mentoring`: the mentor queue page with 10,000 waiting reviews against a
// static page on the same server in the same run (with its SQL statements per render at 100 and
// at 10,000 waiting), and the approval pipeline: 1,000 approvals drained by the production job
// runner, next to graphile-worker's own no-op throughput on the same database in the same run.
//
// Options (environment): BENCH_DURATION (s per route, all turns together; default 15),
// BENCH_WARMUP (default 3), BENCH_CONNECTIONS (default 20), BENCH_NOOP_JOBS (default 4000).
import os from "node:os";
import pg from "pg";
import { createSession } from "~/features/accounts/session.server";
import { startWorker } from "#jobs/runner.server";
import { logger } from "~/server/logger.server";
import { seedApprovedAttempts } from "~/testing/approvals";
import { closeDb, createDb, disconnectDb } from "~/utils/db.server";
import {
  benchPool,
  BENCH_SESSION_SECRET,
  buildProduction,
  countStatements,
  drainSeconds,
  envNumber,
  fmt,
  measureRoute,
  migratedDatabase,
  ms,
  noopDrainSeconds,
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

const COMMAND = "npm run bench -- mentoring";
const WAITING = 10_000;
const WORKER_CONCURRENCY = 4;
const HTML = { accept: "text/html,application/xhtml+xml", "accept-language": "en" };

/**
 * `count` waiting mentor reviews in 5 tracks (a tenth of them regrade requests, one mission in
 * ten a capstone), each on its own submitted attempt, written in bulk by SQL. Rows get ids from
 * `offset`, so a second call adds more.
 */
async function seedWaitingReviews(pool: pg.Pool, count: number, offset: number): Promise<void> {
  const missions = 50;
  await pool.query(`INSERT INTO "Track" ("id", "slug", "title", "summary", "description", "position", "updatedAt")
    SELECT 'bt-' || g, 'bench-track-' || g, 'Bench track ' || g, 'A track.', 'A track for the benchmark.', g, now() FROM generate_series(1, 5) g ON CONFLICT DO NOTHING`);
  await pool.query(
    `INSERT INTO "Mission" ("id", "slug", "trackId", "position", "title", "summary", "story", "objectives", "successCriteria", "difficulty", "isCapstone", "estimatedMinutes", "updatedAt")
     SELECT 'bm-' || g, 'bench-mission-' || g, 'bt-' || (1 + g % 5), g, 'Bench mission ' || g, 'A mission.', 'A story.', ARRAY['Do it'], ARRAY['Done'], 'INTERMEDIATE', g % 10 = 0, 30, now()
     FROM generate_series(1, $1::int) g ON CONFLICT DO NOTHING`,
    [missions],
  );
  await pool.query(
    `INSERT INTO "User" ("id", "email", "handle", "name", "passwordHash", "updatedAt")
     SELECT 'bs-' || g, 'bench-student-' || g || '@example.test', 'bench-student-' || g, 'Student ' || g, 'unused', now() FROM generate_series($1::int + 1, $1::int + $2::int) g`,
    [offset, count],
  );
  await pool.query(
    `INSERT INTO "MissionProgress" ("id", "userId", "missionId", "status", "currentAttempt", "updatedAt")
     SELECT 'bp-' || g, 'bs-' || g, 'bm-' || (1 + g % $3::int), 'MENTOR_REVIEW_REQUESTED', 1, now() FROM generate_series($1::int + 1, $1::int + $2::int) g`,
    [offset, count, missions],
  );
  await pool.query(
    `INSERT INTO "Submission" ("id", "progressId", "attempt", "reflection", "snapshot")
     SELECT 'bsub-' || g, 'bp-' || g, 1, 'A reflection.', '{"attempt":1,"missionTitle":"Bench","version":1,"subtasks":{},"files":[],"reflection":"A reflection."}'::jsonb
     FROM generate_series($1::int + 1, $1::int + $2::int) g`,
    [offset, count],
  );
  await pool.query(
    `INSERT INTO "MentorReview" ("id", "submissionId", "requestedById", "status", "reason", "disputedCriteria", "trackId", "isCapstone", "isRegrade", "requestedAt")
     SELECT 'bmr-' || g, 'bsub-' || g, 'bs-' || g, 'REQUESTED', CASE WHEN g % 10 = 0 THEN 'Please look again.' END,
       CASE WHEN g % 10 = 0 THEN ARRAY['analysis'] ELSE ARRAY[]::text[] END, m."trackId", m."isCapstone", g % 10 = 0, now() - (g || ' minutes')::interval
     FROM generate_series($1::int + 1, $1::int + $2::int) g JOIN "Mission" m ON m."id" = 'bm-' || (1 + g % $3::int)`,
    [offset, count, missions],
  );
  await pool.query(`ANALYZE`);
}

export async function benchMentoring(): Promise<void> {
  const duration = envNumber("BENCH_DURATION", 15);
  const warmup = envNumber("BENCH_WARMUP", 3);
  const connections = envNumber("BENCH_CONNECTIONS", 20);
  const noopJobs = envNumber("BENCH_NOOP_JOBS", 4000);
  const database = (await migratedDatabase()) as ScaleDatabase;
  const pool = benchPool({ connectionString: database.embedded.url, max: 4 });
  const previousUrl = process.env.DATABASE_URL;
  const previousSecret = process.env.SESSION_SECRET;
  process.env.DATABASE_URL = database.embedded.url;
  process.env.SESSION_SECRET = BENCH_SESSION_SECRET;
  const db = createDb(database.embedded.url);
  try {
    buildProduction();
    const mentor = await db.user.create({ data: { email: "bench-mentor@example.test", handle: "bench-mentor", name: "Bench Mentor", passwordHash: "unused", role: "MENTOR" } });
    const { token } = await createSession(db, mentor.id);
    const asMentor = { token, userId: mentor.id } as BenchStudent;
    const queuePage =
      (query: string): RouteRequest =>
      () => ({ path: `/dashboard/mentor/reviews${query}`, headers: { ...HTML, cookie: `mxp_session=${encodeURIComponent(token)}` } });
    const routes = [
      { key: "about", label: "`/about` (static page, anonymous)", target: null as number | null, request: (() => ({ path: "/about", headers: HTML })) as RouteRequest },
      {
        key: "queue",
        label: `mentor queue \`/dashboard/mentor/reviews\` (${fmt(WAITING)} waiting: the mentor's claims, the 25 oldest, the count, the track filter)`,
        target: 0.5,
        request: queuePage(""),
      },
      { key: "queue-track", label: "the queue filtered by a track", target: 0.5, request: queuePage("?track=bench-track-3") },
      { key: "queue-regrade", label: "the queue filtered to regrade requests", target: 0.5, request: queuePage("?regrade=yes") },
    ];

    // 1. SQL statements per render, at 100 and at 10,000 waiting.
    await seedWaitingReviews(pool, 100, 0);
    const counting = await startServer(database, { countQueries: true, label: "mentoring-count" });
    const statements = new Map<string, { small: number[]; large: number[]; list: string[] }>();
    try {
      for (const route of routes.slice(1)) statements.set(route.key, { small: (await countStatements(counting, route.request, asMentor)).counts, large: [], list: [] });
      console.log(`  seeding ${fmt(WAITING)} waiting mentor reviews…`);
      await seedWaitingReviews(pool, WAITING - 100, 100);
      for (const route of routes.slice(1)) {
        const count = await countStatements(counting, route.request, asMentor);
        if (!count.body.includes('data-testid="queue-item"')) throw new Error(`${route.key}: the queue page shows no waiting review: ${count.body.slice(0, 300)}`);
        statements.get(route.key)!.large = count.counts;
        statements.get(route.key)!.list = count.statements;
      }
    } finally {
      await counting.stop();
    }

    // 2. Throughput, routes in turns.
    const server = await startServer(database, { countQueries: false, label: "mentoring" });
    const runs = new Map<string, RouteRun[]>(routes.map((route) => [route.key, []]));
    try {
      await waitForQuietMachine();
      for (const route of routes) await measureRoute(server, database, "warm-up", { request: route.request, students: [asMentor], connections, duration: warmup });
      const slice = duration / ROUNDS;
      console.log(`  measuring (${duration} s per route in ${ROUNDS} turns, ${connections} connections)…`);
      for (let round = 0; round < ROUNDS; round++) {
        for (const route of routes)
          runs.get(route.key)!.push(await measureRoute(server, database, route.key, { request: route.request, students: [asMentor], connections, duration: slice }));
      }
    } finally {
      await server.stop();
    }

    // 3. The approval pipeline: 1,000 approvals queued, drained by the production runner; then no-op jobs.
    console.log("  approving 1,000 attempts (each in its own transaction, queuing its jobs)…");
    const { submissionIds, approveMs } = await seedApprovedAttempts(db, { students: 100, missions: 10 });
    const pending = async () =>
      Number(
        (
          await pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t."id" = j."task_id" WHERE t."identifier" IN ('publish-portfolio', 'update-skill-signals')`,
          )
        ).rows[0]!.n,
      );
    const jobsQueued = await pending();
    console.log(`  draining ${jobsQueued} approval jobs with one worker (concurrency ${WORKER_CONCURRENCY})…`);
    const approvalSeconds = await drainSeconds(pending, () => startWorker({ connectionString: database.embedded.url, db, log: logger, concurrency: WORKER_CONCURRENCY }));
    const items = await db.portfolioItem.count({ where: { submissionId: { in: submissionIds } } });
    console.log(`  draining ${noopJobs} no-op jobs with graphile-worker…`);
    const noopSeconds = await noopDrainSeconds(database.embedded.url, noopJobs, WORKER_CONCURRENCY);

    // 4. The report.
    const aboutRuns = runs.get("about")!;
    const about = pooled("about", aboutRuns);
    const results = routes.map((route) => {
      const turns = runs.get(route.key)!;
      const run = pooled(route.label, turns);
      const perTurn = turns.map((turn, index) => turn.rps / aboutRuns[index]!.rps);
      const ratio = run.rps / about.rps;
      return { route, run, ratio, perTurn, pass: run.non2xx === 0 && run.errors === 0 && (route.target === null || ratio >= route.target) };
    });
    const approvalsPerSecond = submissionIds.length / approvalSeconds;
    const noopsPerSecond = noopJobs / noopSeconds;
    const fixed = [...statements.values()].every((count) => new Set([...count.small, ...count.large]).size === 1);
    const lines = [
      "## Mentoring: the mentor queue at 10,000 waiting reviews, and the approval pipeline",
      "",
      `Command: \`${COMMAND}\` (part of \`npm run bench\`). It builds the app for production first and measures that build.`,
      `Machine: ${machineLine()}. Code: ${treeLine()}.`,
      "",
      `Data: ${fmt(WAITING)} waiting mentor reviews (bench/mentoring.ts: 5 tracks, 50 missions, one student and attempt each; a tenth are regrade requests), written by SQL. ` +
        `Server: the production build in a child process (bench/serve.ts, no job worker), embedded PostgreSQL 18. Load: autocannon, ${connections} keep-alive connections, one signed-in mentor (no track assignments: every track); ` +
        `${warmup} s warm-up per route, then ${duration} s per route in ${ROUNDS} turns, the routes' turns in rotation; the ratio is over \`/about\`'s requests per second in the same turns.`,
      "",
      `| route | req/s | ÷ \`/about\` | per turn | target | p50 | p99 | requests | non-2xx / errors | SQL statements per render (100 waiting → 10,000) | CPU ms per request: server / PostgreSQL | cores busy with other work (of ${os.cpus().length}) | result |`,
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...results.map((result) => {
        const count = statements.get(result.route.key);
        return `| ${result.route.label} | ${fmt(result.run.rps)} | **${result.ratio.toFixed(2)}** | ${result.perTurn.map((value) => value.toFixed(2)).join(", ")} | ${result.route.target === null ? "—" : `≥ ${result.route.target}`} | ${ms(result.run.p50)} | ${ms(result.run.p99)} | ${fmt(result.run.requests)} | ${result.run.non2xx} / ${result.run.errors} | ${count ? `${Math.max(...count.small)} → ${Math.max(...count.large)}` : "0"} | ${fmt(result.run.cpu.server, 2)} / ${fmt(result.run.cpu.postgres, 2)} | ${fmt(result.run.cpu.outsideCores, 2)} | ${result.route.target === null ? "—" : verdict(result.pass)} |`;
      }),
      "",
      "The statements of one queue render, in the order they were sent:",
      "",
      ...(statements.get("queue")?.list ?? []).map((statement, index) => `${index + 1}. ${statementLine(statement)}`),
      "",
      `Approval pipeline: 1,000 attempts approved in bulk (app/testing/approvals.ts: 100 students × 10 missions), each approval in its own transaction queuing its \`publish-portfolio\` and \`update-skill-signals\` jobs (${fmt(approveMs / 1000, 1)} s for the approvals; ${fmt(jobsQueued)} jobs queued, one skill-signal job per student since a later approval's job joins the one still waiting); ` +
        `then drained by one job runner (app/jobs' runner, concurrency ${WORKER_CONCURRENCY}; the "mission approved" notices and e-mails the items cause are processed by it too); then ${fmt(noopJobs)} no-op jobs drained by graphile-worker with the same concurrency, on the same database, in the same run.`,
      "",
      "| measure | value |",
      "| --- | --- |",
      `| approvals per second (portfolio item published and skill signals folded) | ${fmt(approvalsPerSecond, 1)} (1,000 in ${fmt(approvalSeconds, 2)} s) |`,
      `| portfolio items afterwards | ${fmt(items)} of 1,000 |`,
      `| graphile-worker no-op jobs per second (same worker settings) | ${fmt(noopsPerSecond, 0)} (${fmt(noopJobs)} in ${fmt(noopSeconds, 2)} s) |`,
      `| approvals per second ÷ no-op jobs per second | ${fmt((approvalsPerSecond / noopsPerSecond) * 100, 1)} % |`,
      "",
      "| target | measured | result |",
      "| --- | --- | --- |",
      ...results
        .filter((result) => result.route.target !== null)
        .map((result) => `| ${result.route.key}: ≥ ${result.route.target} of the static page | ${result.ratio.toFixed(2)} | ${verdict(result.pass)} |`),
      `| a fixed number of SQL statements per queue render, whatever the number waiting | ${[...statements.entries()].map(([key, count]) => `${key} ${Math.max(...count.small)} → ${Math.max(...count.large)}`).join(", ")} | ${verdict(fixed)} |`,
      `| every approval published exactly once | ${fmt(items)} items for 1,000 approvals | ${verdict(items === 1000)} |`,
    ];
    writeSection("mentoring", lines.join("\n"));
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
