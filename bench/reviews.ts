// `npm run bench -- reviews`: the review pipeline with the built-in heuristic reviewer, in one run.
//
// 1. Live latency: students submit through REST at a steady rate while each watches their mission
//    page's live channel (the server-sent event stream the page opens); the time from sending the
//    submission to the event that says the review is completed is the student's wait, after a
//    warm-up of other students doing the same.
// 2. Throughput: attempts are queued while no worker runs, then one worker (the production job
//    runner, same concurrency as the server's) drains them, with e-mail kept in the development
//    outbox (the default, which the target judges) and again through a local mail server; next
//    to it, graphile-worker's own throughput on no-op jobs, measured the same way on the same
//    database in the same run.
//
// Options (environment): BENCH_REVIEW_RATE (submissions/s, default 20), BENCH_REVIEW_SECONDS
// (default 10), BENCH_REVIEW_WARMUP (submissions before the measured ones, default one second's),
// BENCH_REVIEW_BATCH (attempts for the throughput phase, default 400), BENCH_NOOP_JOBS (default 4000).
import { run } from "graphile-worker";
import type { AddressInfo } from "node:net";
import os from "node:os";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { submitProgress } from "~/features/submissions/service.server";
import { startWorker } from "#jobs/runner.server";
import { createDb, closeDb } from "~/utils/db.server";
import { logger } from "~/server/logger.server";
import { reviewEvents } from "~/testing/review-events";
import {
  benchPool,
  buildProduction,
  envNumber,
  fmt,
  machineBusySeconds,
  ms,
  percentile,
  postgresCpuSeconds,
  scaleDatabase,
  startServer,
  treeLine,
  verdict,
  waitForQuietMachine,
  type BenchServer,
} from "./harness";
import { machineLine, writeSection } from "./report";
import type { BenchProgress, BenchStudent } from "./seed-scale";

const COMMAND = "npm run bench -- reviews";
const REFLECTION = "I correlated the proxy log with the timeline, and next time I would script the counting to avoid slips.";
const WORKER_CONCURRENCY = 4;

/** Marks every step of these records complete (the scale seed leaves them open), so they can be submitted. */
async function makeSubmittable(pool: pg.Pool, progressIds: string[]): Promise<void> {
  await pool.query(
    `UPDATE "MissionProgress" p SET "subtaskState" = (
       SELECT jsonb_object_agg(e.key, e.value || '{"completed": true}'::jsonb) FROM jsonb_each(p."subtaskState") e)
     WHERE p."id" = ANY($1::text[])`,
    [progressIds],
  );
}

/** Opens the student's live review channel for a mission and resolves `completed` at the first event whose review is completed. */
async function watch(server: BenchServer, student: BenchStudent, record: BenchProgress) {
  const abort = new AbortController();
  const response = await fetch(`${server.base}/dashboard/student/missions/${record.missionSlug}/review-events`, {
    headers: { Cookie: `mxp_session=${encodeURIComponent(student.token)}` },
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`the review channel answered ${response.status}`);
  const events = reviewEvents(response);
  let firstSeen: () => void = () => {};
  const ready = new Promise<void>((resolve) => (firstSeen = resolve));
  const completed = (async () => {
    for await (const event of events) {
      firstSeen();
      if (event.review === "completed") return performance.now();
    }
    throw new Error("the review channel closed before the review was completed");
  })();
  completed.catch(() => {});
  await ready;
  return { completed, close: () => abort.abort() };
}

const BENCH_CONNECTION = "mxp-bench";

/**
 * Counts the statements this process sends to PostgreSQL (every pg.Client#query: Prisma's
 * adapter, the typed statements, graphile-worker's own), except the benchmark's own polling.
 */
function statementCounter() {
  let count = 0;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original method is called with its own this through .apply
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
    if ((this as unknown as { connectionParameters: { application_name?: string } }).connectionParameters.application_name !== BENCH_CONNECTION) count += 1;
    return original.apply(this, args);
  };
  return {
    take: () => {
      const taken = count;
      count = 0;
      return taken;
    },
    restore: () => {
      (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = original;
    },
  };
}

/**
 * A local SMTP server taking every message, as a mail server would: what the worker pays to hand
 * e-mail over (connection, dialogue, message), measured on this machine. Like many mail servers
 * it pauses before its greeting (smtp-server: 100 ms, to catch clients that talk too soon); it
 * does not look up the client's name (no DNS here).
 */
async function startMailServer(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => {
        received += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received: () => received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

interface Throughput {
  drain: Drain;
  /** SQL statements sent during the drain. */
  statements: number;
  /** Reviews completed, notices written and e-mails delivered, of the batch. */
  delivered: { completed: number; notices: number; emails: number };
}

interface Drain {
  seconds: number;
  /** CPU seconds of this process (the worker) and of PostgreSQL during the drain. */
  workerCpu: number;
  postgresCpu: number;
  /** Cores kept busy by everything else on this shared machine meanwhile. */
  otherCores: number;
}

/** From starting a worker until nothing is pending: seconds, and the CPU it took. Starts once the machine is quiet (or after a minute). */
async function drain(dataDir: string, pendingCount: () => Promise<number>, worker: () => Promise<{ stop(): Promise<void> }>): Promise<Drain> {
  await waitForQuietMachine(60);
  const cpu = process.cpuUsage();
  const postgres = postgresCpuSeconds(dataDir);
  const machine = machineBusySeconds();
  const started = performance.now();
  const handle = await worker();
  try {
    while ((await pendingCount()) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (performance.now() - started) / 1000;
    const own = process.cpuUsage(cpu);
    const workerCpu = (own.user + own.system) / 1e6;
    const postgresCpu = postgresCpuSeconds(dataDir) - postgres;
    return { seconds, workerCpu, postgresCpu, otherCores: Math.max(0, machineBusySeconds() - machine - workerCpu - postgresCpu) / seconds };
  } finally {
    await handle.stop();
  }
}

interface Submitted {
  /** From sending each submission to the event saying its review is completed, in ms. */
  waits: number[];
  failures: number;
  reasons: Map<string, number>;
  /** Submissions sent per second. */
  achievedRate: number;
}

/**
 * Opens each student's live review channel, then submits their attempts through REST at `rate`
 * per second; each wait runs from sending the submission to the event saying the review is completed.
 */
async function submitWatched(server: BenchServer, entries: { student: BenchStudent; record: BenchProgress }[], rate: number): Promise<Submitted> {
  const waits: number[] = [];
  let failures = 0;
  const reasons = new Map<string, number>();
  const fail = (reason: string) => {
    failures += 1;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  };
  const watchers: Awaited<ReturnType<typeof watch>>[] = [];
  for (const entry of entries) watchers.push(await watch(server, entry.student, entry.record));
  const start = performance.now();
  let lastSent = start;
  const sends = entries.map(async ({ student, record }, index) => {
    const due = start + (index * 1000) / rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    const sent = performance.now();
    lastSent = Math.max(lastSent, sent);
    const response = await fetch(`${server.base}/api/v1/mission-progress/${record.id}/submit`, {
      method: "POST",
      headers: { Authorization: `Bearer ${student.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ reflection: REFLECTION }),
    });
    await response.arrayBuffer();
    if (response.status !== 202) {
      fail(`submit answered ${response.status}`);
      return;
    }
    try {
      const done = await Promise.race([watchers[index]!.completed, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 30_000))]);
      waits.push(done - sent);
    } catch (error) {
      fail((error as Error).message);
    }
  });
  await Promise.all(sends);
  for (const watcher of watchers) watcher.close();
  return { waits, failures, reasons, achievedRate: entries.length > 1 ? (entries.length - 1) / ((lastSent - start) / 1000) : rate };
}

export async function benchReviews(): Promise<void> {
  const rate = envNumber("BENCH_REVIEW_RATE", 20);
  const seconds = envNumber("BENCH_REVIEW_SECONDS", 10);
  const batch = envNumber("BENCH_REVIEW_BATCH", 400);
  const noopJobs = envNumber("BENCH_NOOP_JOBS", 4000);
  const live = rate * seconds;
  const warmup = envNumber("BENCH_REVIEW_WARMUP", rate);
  console.log("  seeding an embedded PostgreSQL at scale…");
  const database = await scaleDatabase(live + 2 * batch + 1);
  const pool = benchPool({ connectionString: database.embedded.url, max: 4, application_name: BENCH_CONNECTION });
  try {
    buildProduction();
    // Records of positions 2 and 3 carry the seed's evidence files (the last step requires one).
    const withEvidence = (student: BenchStudent, position: 2 | 3) => student.inProgress.find((record) => record.id.endsWith(`-${position}`));
    const students = database.seed.students.filter((student) => withEvidence(student, 2) && withEvidence(student, 3));
    if (students.length < Math.max(live + warmup, 2 * batch)) throw new Error(`only ${students.length} students with two open records that have evidence`);
    const liveRecords = students.slice(0, live).map((student) => ({ student, record: withEvidence(student, 2)! }));
    const warmupRecords = students.slice(live, live + warmup).map((student) => ({ student, record: withEvidence(student, 2)! }));
    const batchRecords = students.slice(0, batch).map((student) => ({ student, record: withEvidence(student, 3)! }));
    const mailedRecords = students.slice(batch, 2 * batch).map((student) => ({ student, record: withEvidence(student, 3)! }));
    await makeSubmittable(
      pool,
      [...liveRecords, ...warmupRecords, ...batchRecords, ...mailedRecords].map(({ record }) => record.id),
    );

    // Drained when no review job and no e-mail job is left: that is when every review is stored
    // and its e-mail delivered (checked below): written as delivered with the review in the
    // development outbox, sent by its own job through a mail server (ADR 040). The same cheap
    // count as the no-op phase's: polling must not tax one run more.
    const pendingJobs = (tasks: string[]) => async () =>
      Number(
        (
          await pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t."id" = j."task_id" WHERE t."identifier" = ANY($1::text[])`,
            [tasks],
          )
        ).rows[0]!.n,
      );

    // 1. Live latency, through the server (production build, job worker in the process), after a
    // warm-up: a fresh process's first requests compile code and prepare statements.
    const server = await startServer(database, { countQueries: false, label: "reviews", worker: true });
    let warm: Submitted;
    let measured: Submitted;
    try {
      console.log(`  warming up: ${warmupRecords.length} submissions by other students at ${rate}/s…`);
      warm = await submitWatched(server, warmupRecords, rate);
      console.log(`  submitting ${live} attempts at ${rate}/s, each student watching the live review channel…`);
      measured = await submitWatched(server, liveRecords, rate);
      // The live reviews' e-mails are the live phase's work: delivered before the server stops, not left to the next phase.
      const until = performance.now() + 30_000;
      while ((await pendingJobs(["ai-review", "send-email"])()) > 0 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await server.stop();
    }
    const { waits, failures, reasons, achievedRate } = measured;

    // 2. Throughput: the production job runner on queued reviews (e-mail kept in the development
    // outbox, then through a mail server), then graphile-worker on no-op jobs.
    const db = createDb(database.embedded.url);
    const statements = statementCounter();
    const mailServer = await startMailServer();
    let reviews: Throughput;
    let mailed: Throughput;
    let noops: Drain;
    let noopStatements = 0;
    try {
      const throughput = async (records: typeof batchRecords, mail: string): Promise<Throughput> => {
        for (const { student, record } of records) {
          await submitProgress(db, { id: student.userId, email: "", name: "", handle: "", role: "STUDENT", profilerScore: null }, record.id, { reflection: REFLECTION });
        }
        console.log(`  draining ${records.length} queued reviews with one worker (concurrency ${WORKER_CONCURRENCY}), e-mail ${mail}…`);
        statements.take();
        const drained = await drain(database.dataDir, pendingJobs(["ai-review", "send-email"]), () =>
          startWorker({ connectionString: database.embedded.url, db, log: logger, concurrency: WORKER_CONCURRENCY }),
        );
        const sent = statements.take();
        const [counted] = (
          await pool.query<{ completed: number; notices: number; emails: number }>(
            `SELECT (SELECT count(*)::int FROM "AiReview" r JOIN "Submission" s ON s."id" = r."submissionId" WHERE s."progressId" = ANY($1::text[]) AND r."status" = 'COMPLETED') AS completed,
               (SELECT count(*)::int FROM "Notification" n JOIN "Submission" s ON n."dedupeKey" = 'review-ready:' || s."id" WHERE s."progressId" = ANY($1::text[])) AS notices,
               (SELECT count(*)::int FROM "EmailOutbox" o JOIN "Submission" s ON o."dedupeKey" = 'email:review-ready:' || s."id" WHERE s."progressId" = ANY($1::text[]) AND o."status" = 'SENT') AS emails`,
            [records.map(({ record }) => record.id)],
          )
        ).rows;
        return { drain: drained, statements: sent, delivered: counted! };
      };
      reviews = await throughput(batchRecords, "kept in the development outbox");
      const savedSmtp = process.env.SMTP_URL;
      process.env.SMTP_URL = mailServer.url;
      try {
        mailed = await throughput(mailedRecords, "through a local mail server");
      } finally {
        if (savedSmtp === undefined) delete process.env.SMTP_URL;
        else process.env.SMTP_URL = savedSmtp;
      }

      await pool.query(`SELECT graphile_worker.add_job('bench-noop', '{}'::json) FROM generate_series(1, $1::int)`, [noopJobs]);
      console.log(`  draining ${noopJobs} no-op jobs with graphile-worker (concurrency ${WORKER_CONCURRENCY})…`);
      statements.take();
      noops = await drain(database.dataDir, pendingJobs(["bench-noop"]), async () => {
        const runner = await run({
          connectionString: database.embedded.url,
          concurrency: WORKER_CONCURRENCY,
          noHandleSignals: true,
          pollInterval: 2000,
          taskList: { "bench-noop": async () => {} },
        });
        return { stop: () => runner.stop() };
      });
      noopStatements = statements.take();
    } finally {
      statements.restore();
      await mailServer.close();
      await closeDb(db);
    }

    const p50 = percentile(waits, 50);
    const p99 = percentile(waits, 99);
    const perSecond = (run: Throughput) => batch / run.drain.seconds;
    const reviewsPerSecond = perSecond(reviews);
    const noopsPerSecond = noopJobs / noops.seconds;
    const cpuPer = (run: Drain, count: number) => `${fmt((run.workerCpu * 1000) / count, 2)} / ${fmt((run.postgresCpu * 1000) / count, 2)}`;
    const share = reviewsPerSecond / noopsPerSecond;
    const complete = (run: Throughput) => run.delivered.completed === batch && run.delivered.notices === batch && run.delivered.emails === batch;
    const throughputComplete = complete(reviews) && complete(mailed) && mailServer.received() === batch;
    const latencyPass = failures === 0 && waits.length === live && p50 < 100 && p99 < 500;
    const lines = [
      "## Reviews: from submit to the review on the student's page, and the pipeline's throughput",
      "",
      `Command: \`${COMMAND}\` (part of \`npm run bench\`). It builds the app for production first and measures that build.`,
      `Machine: ${machineLine()}. Code: ${treeLine()}.`,
      "",
      `Reviewer: the built-in heuristic reviewer (no AI model configured), with the injection checks. Data: the pages' scale seed (${fmt(database.seed.rows.MissionProgress!)} progress records); the attempts submitted are open records whose steps were marked complete, with the seed's evidence files.`,
      `Live latency: the production build in a child process with its job worker (concurrency ${WORKER_CONCURRENCY}, as \`npm start\` runs it). ${live} students each open their mission page's live review channel (the server-sent event stream), then submit through \`POST /api/v1/mission-progress/{id}/submit\` at ${rate}/s (achieved ${fmt(achievedRate, 1)}/s); the wait is from sending the submission to the event saying the review is completed. Before them, ${warm.waits.length + warm.failures} other students did the same as a warm-up, not counted: a freshly started process compiles code and prepares statements on its first requests (the warm-up's waits: p50 ${ms(percentile(warm.waits, 50))}, max ${ms(percentile(warm.waits, 100))}${warm.failures > 0 ? `, ${warm.failures} failed` : ""}).`,
      `Throughput: ${batch} attempts queued with no worker running, then drained by one job runner (app/jobs' runner, concurrency ${WORKER_CONCURRENCY}) until every review is stored and its review-ready e-mail delivered; then ${batch} more the same way with e-mail through a mail server (\`SMTP_URL\` set to a local SMTP server in this process that takes every message and, like many mail servers, pauses 100 ms before its greeting), where each e-mail is a send job of its own on the same runner, over the transport's pooled connections, counted in the time; then ${fmt(noopJobs)} no-op jobs drained by graphile-worker with the same concurrency, on the same database, in the same run. Each drain starts once other work on this shared machine has quieted down (or after a minute), and its CPU is read from /proc for this process (the worker) and PostgreSQL. The target is judged on the default configuration (\`npm run dev\`, \`npm start\` without \`SMTP_URL\`: e-mail kept in the development outbox, written as delivered with the review, ADR 040).`,
      "",
      "| measure | value |",
      "| --- | --- |",
      `| submit → review visible, p50 | ${ms(p50)} |`,
      `| submit → review visible, p90 | ${ms(percentile(waits, 90))} |`,
      `| submit → review visible, p99 | ${ms(p99)} |`,
      `| submit → review visible, max | ${ms(percentile(waits, 100))} |`,
      `| submissions that failed or never showed a review | ${failures} of ${live}${reasons.size > 0 ? ` (${[...reasons].map(([reason, count]) => `${count}: ${reason}`).join("; ")})` : ""} |`,
      `| reviews per second (one worker), e-mail in the development outbox | ${fmt(reviewsPerSecond, 1)} (${batch} in ${fmt(reviews.drain.seconds, 2)} s) |`,
      `| reviews completed, review-ready notices written and e-mails delivered | ${fmt(reviews.delivered.completed)}, ${fmt(reviews.delivered.notices)} and ${fmt(reviews.delivered.emails)} of ${fmt(batch)} |`,
      `| SQL statements per review (its job, graphile-worker's own for it; the runner's start and stop spread over the batch) | ${fmt(reviews.statements / batch, 1)} |`,
      `| CPU ms per review: worker / PostgreSQL (cores busy with other work meanwhile, of ${os.cpus().length}) | ${cpuPer(reviews.drain, batch)} (${fmt(reviews.drain.otherCores, 2)}) |`,
      `| reviews per second (one worker), e-mail through a mail server | ${fmt(perSecond(mailed), 1)} (${batch} in ${fmt(mailed.drain.seconds, 2)} s), ${fmt((perSecond(mailed) / noopsPerSecond) * 100, 1)} % of the no-op rate |`,
      `| reviews completed, notices written, e-mails delivered and messages the mail server took | ${fmt(mailed.delivered.completed)}, ${fmt(mailed.delivered.notices)}, ${fmt(mailed.delivered.emails)} and ${fmt(mailServer.received())} of ${fmt(batch)} |`,
      `| SQL statements per review with a mail server (its job, its e-mail's job, graphile-worker's own for both) | ${fmt(mailed.statements / batch, 1)} |`,
      `| CPU ms per review with a mail server: worker (with the SMTP server) / PostgreSQL (cores busy with other work meanwhile) | ${cpuPer(mailed.drain, batch)} (${fmt(mailed.drain.otherCores, 2)}) |`,
      `| graphile-worker no-op jobs per second (same worker settings) | ${fmt(noopsPerSecond, 0)} (${fmt(noopJobs)} in ${fmt(noops.seconds, 2)} s) |`,
      `| SQL statements per no-op job (the same way) | ${fmt(noopStatements / noopJobs, 1)} |`,
      `| CPU ms per no-op job: worker / PostgreSQL (cores busy with other work meanwhile) | ${cpuPer(noops, noopJobs)} (${fmt(noops.otherCores, 2)}) |`,
      "",
      "| target | measured | result |",
      "| --- | --- | --- |",
      `| at ${rate} submissions/s: p50 < 100 ms, p99 < 500 ms from submit to the review on the live channel | p50 ${ms(p50)}, p99 ${ms(p99)}, ${failures} failures | ${verdict(latencyPass)} |`,
      `| pipeline throughput ≥ 10 % of graphile-worker's no-op throughput | ${fmt(share * 100, 1)} % (${fmt(reviewsPerSecond, 1)} vs ${fmt(noopsPerSecond, 0)} per second) | ${verdict(share >= 0.1 && throughputComplete)} |`,
    ];
    writeSection("reviews", lines.join("\n"));
    console.log(lines.join("\n"));
  } finally {
    await pool.end();
    await database.close();
  }
}
