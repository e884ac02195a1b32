import fs from "node:fs";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import type { Role } from "~/domain/roles";
import { serverStateFile, type ServerState } from "./server-state";

// The tests' window on the test server's database: the e-mails it "sent", the setup no page
// offers (nothing in the app makes a mentor out of a new account), and holding a review back so
// its waiting and failed states can be seen for as long as a test needs.

let pool: pg.Pool | undefined;

/** The test server's database (e2e/serve.ts says where it is once the app is up). */
async function database(page: Page): Promise<pg.Pool> {
  if (pool) return pool;
  const file = serverStateFile(new URL(page.url()).port);
  await expect.poll(() => fs.existsSync(file), { message: `the test server's ${file}`, timeout: 10_000 }).toBe(true);
  const { databaseUrl } = JSON.parse(fs.readFileSync(file, "utf8")) as ServerState;
  pool ??= new pg.Pool({ connectionString: databaseUrl, max: 6, allowExitOnIdle: true });
  return pool;
}

/** The texts of the e-mails sent to `to`, newest first. */
export async function mailTo(page: Page, to: string): Promise<{ subject: string; text: string }[]> {
  const { rows } = await (await database(page)).query<{ subject: string; text: string }>(`SELECT subject, text FROM "EmailOutbox" WHERE "to" = $1 ORDER BY "createdAt" DESC`, [to]);
  return rows;
}

/**
 * The path (with its token) of the newest link to `path` e-mailed to `to`, to open with
 * page.goto: the e-mail is written with the answer that promises it, so it is there already.
 */
export async function linkMailedTo(page: Page, to: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://\\S+${path}\\?token=\\S+`);
  const link = (await mailTo(page, to)).map((email) => pattern.exec(email.text)?.[0]).find(Boolean);
  expect(link, `a ${path} link e-mailed to ${to}`).toBeTruthy();
  const url = new URL(link!);
  return `${url.pathname}${url.search}`;
}

/** Gives an account another role, as an operator would in the database. */
export async function setRole(page: Page, email: string, role: Role): Promise<void> {
  const { rowCount } = await (await database(page)).query(`UPDATE "User" SET role = $2 WHERE email = $1`, [email, role]);
  expect(rowCount, `an account for ${email}`).toBe(1);
}

/** A review the test holds back: the job cannot move it until `release` or `failAfterLastTry`. */
export interface HeldReview {
  submissionId: string;
  /** Lets the review run: the job, waiting to claim it, goes on. */
  release(): Promise<void>;
  /**
   * Ends the review as the job does after its last try: FAILED with `error`, no retry due, the
   * job's tries used up; open pages are told.
   */
  failAfterLastTry(error: string): Promise<void>;
}

/**
 * Runs `submit` (the click that submits the student's mission) with the new attempt's review held
 * back from the review job, so the page's queued state is there for as long as the test wants
 * instead of for the fraction of a second the built-in reviewer takes.
 *
 * The review row is written by the submission and becomes visible to the job at the same commit,
 * so locking it after the commit would race the job. Instead the job is made to queue behind the
 * test in PostgreSQL's lock queue, which grants in order:
 * 1. a first connection locks the attempt's evidence rows, which the submission marks as
 *    submitted after it has written the review row, so the submission waits there, holding its
 *    write lock on the review table;
 * 2. a second connection asks for a lock on the review table that conflicts with writes: it
 *    queues behind the submission, and every write asked for later (the job's claim) queues
 *    behind it;
 * 3. the first connection lets go; the submission commits; the second connection gets the table,
 *    a third locks the review row (a row lock does not conflict with the table lock), and the
 *    table is let go at once. The job's claim then waits for the row until the test lets it go.
 * Each step is checked, so a changed submission fails here rather than passing for the wrong reason.
 */
export async function submitWithReviewHeld(page: Page, student: { email: string; missionSlug: string }, submit: () => Promise<void>): Promise<HeldReview> {
  const db = await database(page);
  const { rows: found } = await db.query<{ id: string; currentAttempt: number; unsubmittedEvidence: number }>(
    `SELECT p.id, p."currentAttempt", (SELECT count(*)::int FROM "EvidenceFile" e WHERE e."progressId" = p.id AND e."lockedAt" IS NULL) AS "unsubmittedEvidence"
       FROM "MissionProgress" p JOIN "User" u ON u.id = p."userId" JOIN "Mission" m ON m.id = p."missionId" WHERE u.email = $1 AND m.slug = $2`,
    [student.email, student.missionSlug],
  );
  expect(found, `${student.email}'s progress on ${student.missionSlug}`).toHaveLength(1);
  const progressId = found[0]!.id;
  const attempt = found[0]!.currentAttempt + 1;
  expect(found[0]!.unsubmittedEvidence, "evidence added since the last submission, for the submission to wait on").toBeGreaterThan(0);
  const blockersOf = async (pid: number) => (await db.query<{ pids: number[] }>(`SELECT pg_blocking_pids($1) AS pids`, [pid])).rows[0]!.pids;
  const backendPid = async (client: pg.PoolClient) => (await client.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows[0]!.pid;

  const gate = await db.connect();
  const table = await db.connect();
  const holder = await db.connect();
  let gateOpen = false;
  let tableOpen = false;
  try {
    await gate.query("BEGIN");
    await gate.query(`SELECT 1 FROM "EvidenceFile" WHERE "progressId" = $1 AND "lockedAt" IS NULL FOR UPDATE`, [progressId]);
    const gatePid = await backendPid(gate);
    await submit();
    let submissionPid = 0;
    await expect
      .poll(
        async () => {
          const { rows } = await db.query<{ pid: number }>(
            `SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid
              WHERE $1 = ANY(pg_blocking_pids(a.pid)) AND l.relation = '"AiReview"'::regclass AND l.mode = 'RowExclusiveLock' AND l.granted`,
            [gatePid],
          );
          submissionPid = rows[0]?.pid ?? 0;
          return rows.length;
        },
        { message: "the submission has written the review row and waits for the evidence" },
      )
      .toBe(1);

    await table.query("BEGIN");
    const tablePid = await backendPid(table);
    const tableLocked = table.query(`LOCK TABLE "AiReview" IN SHARE ROW EXCLUSIVE MODE`);
    // Awaited below; this keeps an early failure from being reported as unhandled meanwhile.
    tableLocked.catch(() => {});
    await expect.poll(() => blockersOf(tablePid), { message: "the table lock queues behind the submission" }).toContain(submissionPid);
    await gate.query("COMMIT");
    gateOpen = true;
    await tableLocked;

    await holder.query("BEGIN");
    const { rows } = await holder.query<{ submissionId: string; status: string; attempts: number }>(
      `SELECT a."submissionId", a.status, a.attempts FROM "AiReview" a JOIN "Submission" s ON s.id = a."submissionId"
        WHERE s."progressId" = $1 AND s.attempt = $2 FOR UPDATE OF a`,
      [progressId, attempt],
    );
    await table.query("COMMIT");
    tableOpen = true;
    expect(rows, `the review of attempt ${attempt}`).toHaveLength(1);
    const { submissionId, status, attempts } = rows[0]!;
    expect({ status, runs: attempts }, "the review was held before the job claimed it").toEqual({ status: "PENDING", runs: 0 });

    let finished = false;
    const finish = async (sql?: () => Promise<void>) => {
      if (finished) return;
      finished = true;
      try {
        if (sql) await sql();
        await holder.query("COMMIT");
      } catch (error) {
        await holder.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        holder.release();
      }
    };
    return {
      submissionId,
      release: () => finish(),
      async failAfterLastTry(error: string) {
        // The job waiting in its claim must give up, not score: it finds the review done and ends
        // (its job row goes)…
        let maxRuns = 0;
        await finish(async () => {
          const { rows: job } = await holder.query<{ maxRuns: number }>(`SELECT max_attempts AS "maxRuns" FROM graphile_worker._private_jobs WHERE key = $1`, [
            `ai-review:${submissionId}`,
          ]);
          expect(job, "the review's job").toHaveLength(1);
          maxRuns = job[0]!.maxRuns;
          await holder.query(`UPDATE "AiReview" SET status = 'COMPLETED' WHERE "submissionId" = $1`, [submissionId]);
        });
        await expect
          .poll(async () => (await db.query(`SELECT 1 FROM graphile_worker._private_jobs WHERE key = $1`, [`ai-review:${submissionId}`])).rowCount, {
            message: "the review job has ended",
          })
          .toBe(0);
        // …then the review and its job are left as after the last failed try.
        const client = await db.connect();
        try {
          await client.query("BEGIN");
          await client.query(`SELECT 1 FROM graphile_worker.add_job('ai-review', json_build_object('submissionId', $1::text), job_key := 'ai-review:' || $1, max_attempts := $2)`, [
            submissionId,
            maxRuns,
          ]);
          await client.query(`UPDATE graphile_worker._private_jobs SET attempts = max_attempts, last_error = $2 WHERE key = 'ai-review:' || $1`, [submissionId, error]);
          await client.query(`UPDATE "AiReview" SET status = 'FAILED', error = $2, "retryAt" = NULL, attempts = $3 WHERE "submissionId" = $1`, [submissionId, error, maxRuns]);
          await client.query(`SELECT pg_notify('mxp_review_changes', $1)`, [progressId]);
          await client.query("COMMIT");
        } catch (failure) {
          await client.query("ROLLBACK").catch(() => {});
          throw failure;
        } finally {
          client.release();
        }
      },
    };
  } catch (error) {
    if (!gateOpen) await gate.query("ROLLBACK").catch(() => {});
    if (!tableOpen) await table.query("ROLLBACK").catch(() => {});
    await holder.query("ROLLBACK").catch(() => {});
    holder.release();
    throw error;
  } finally {
    gate.release();
    table.release();
  }
}

/**
 * Approves a student's latest attempt of a mission the way an approval does (PRODUCT.md, "A
 * mission's life"): the attempt stands approved with a score and its reviewer, and the portfolio
 * and skill-signal jobs are queued for the server's worker. The mentor's path to an approval is
 * another spec's; this one starts from the approval.
 */
export async function approveLatestAttempt(page: Page, student: { email: string; missionSlug: string; score: number }): Promise<void> {
  const db = await database(page);
  const client = await db.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ submissionId: string; userId: string; progressId: string }>(
      `SELECT s.id AS "submissionId", p."userId", p.id AS "progressId" FROM "Submission" s
         JOIN "MissionProgress" p ON p.id = s."progressId" JOIN "User" u ON u.id = p."userId" JOIN "Mission" m ON m.id = p."missionId"
         WHERE u.email = $1 AND m.slug = $2 AND s.attempt = p."currentAttempt"`,
      [student.email, student.missionSlug],
    );
    expect(rows, `${student.email}'s latest attempt of ${student.missionSlug}`).toHaveLength(1);
    const { submissionId, userId, progressId } = rows[0]!;
    await client.query(`UPDATE "Submission" SET "approvedAt" = now(), "approvalScore" = $2, "approvedBy" = 'heuristic', "mentorApproved" = false WHERE id = $1`, [
      submissionId,
      student.score,
    ]);
    await client.query(`UPDATE "MissionProgress" SET status = 'APPROVED', "approvedAt" = now() WHERE id = $1`, [progressId]);
    await client.query(`SELECT graphile_worker.add_job('publish-portfolio', json_build_object('submissionId', $1::text), job_key := 'publish-portfolio:' || $1)`, [submissionId]);
    await client.query(`SELECT graphile_worker.add_job('update-skill-signals', json_build_object('userId', $1::text), job_key := 'update-skill-signals:' || $1)`, [userId]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

/**
 * A new onboarded FREE student straight in the database, with the demo accounts' password (sign-ups
 * from one network are limited, and the suite makes many). Returns the e-mail to log in with.
 */
export async function createStudent(page: Page, name: string): Promise<string> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const email = `student-${suffix}@example.test`;
  const { rowCount } = await (
    await database(page)
  ).query(
    `INSERT INTO "User" ("id", "email", "handle", "name", "passwordHash", "role", "profilerScore", "onboardedAt", "updatedAt")
     SELECT $1, $2, $3, $4, "passwordHash", 'STUDENT', 50, now(), now() FROM "User" WHERE "email" = 'student@mxp.local'`,
    [`e2e${suffix}`, email, `student-${suffix}`, name],
  );
  expect(rowCount, "the demo student to copy the password from").toBe(1);
  return email;
}

/** Puts a student on a paid plan whose renewal payment has been failing since `since`, as the webhook would record it. */
export async function setPaymentFailing(page: Page, email: string, tier: "STARTER" | "PREMIUM", since: Date): Promise<void> {
  const { rowCount } = await (
    await database(page)
  ).query(
    `INSERT INTO "Subscription" ("id", "userId", "tier", "status", "currentPeriodEnd", "pastDueSince", "updatedAt")
     SELECT 'sub-e2e-' || u.id, u.id, $2::"Tier", 'past_due', $3::timestamp + interval '30 days', $3::timestamp, now() FROM "User" u WHERE u.email = $1
     ON CONFLICT ("userId") DO UPDATE SET "tier" = EXCLUDED."tier", "status" = 'past_due', "pastDueSince" = EXCLUDED."pastDueSince"`,
    [email, tier, since.toISOString().replace("T", " ").replace("Z", "")],
  );
  expect(rowCount, `an account for ${email}`).toBe(1);
}
