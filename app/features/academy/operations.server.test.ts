import { describe, expect, it } from "vitest";
import { enqueueJob } from "#jobs/enqueue.server";
import { createUser } from "~/testing/factories";
import { reviewedAttempt } from "~/testing/mentoring";
import { getDb } from "~/utils/db.server";
import type { AppError } from "~/utils/errors";
import { auditLog } from "./audit.server";
import { operationsReport, retryJobs } from "./operations.server";

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as AppError,
  );

/** Job ids of a task, newest first. */
async function jobIds(task: string): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ id: string }[]>`SELECT id::text AS "id" FROM graphile_worker.jobs WHERE task_identifier = ${task} ORDER BY id DESC`;
  return rows.map((row) => row.id);
}

/** Marks a job as a worker leaves it after its last try failed. */
async function outOfTries(id: string, error: string) {
  await getDb().$executeRaw`UPDATE graphile_worker._private_jobs SET attempts = max_attempts, last_error = ${error} WHERE id = ${id}::bigint`;
}

describe("the operations page", () => {
  it("counts jobs per task — due, later, out of tries — with the latest error, and retries those out of tries", async () => {
    const db = getDb();
    const admin = await createUser({ role: "ADMIN" });
    await enqueueJob(db, "send-welcome", { userId: "u-1" });
    await enqueueJob(db, "send-welcome", { userId: "u-2" }, { runAt: new Date(Date.now() + 3_600_000) });
    await enqueueJob(db, "send-welcome", { userId: "u-3" }, { maxAttempts: 2 });
    await enqueueJob(db, "ai-review", { submissionId: "s-1" }, { maxAttempts: 1 });
    const [failed] = await jobIds("send-welcome");
    await outOfTries(failed!, "SMTP said no");
    const [review] = await jobIds("ai-review");
    await outOfTries(review!, "provider down");

    const report = await operationsReport(db, admin);
    expect(report.jobs).toEqual(
      expect.arrayContaining([
        { task: "send-welcome", queued: 1, scheduled: 1, running: 0, failed: 1, lastError: "SMTP said no" },
        { task: "ai-review", queued: 0, scheduled: 0, running: 0, failed: 1, lastError: "provider down" },
      ]),
    );
    expect(report.failedJobs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: failed, task: "send-welcome", error: "SMTP said no", retryable: true, failedAt: expect.stringMatching(/Z$/) }),
        expect.objectContaining({ id: review, task: "ai-review", retryable: false }),
      ]),
    );

    // A review job is retried from its review; an unknown id and a job not out of tries are left alone.
    expect(await retryJobs(db, admin, { jobIds: [review!, "999999999"] })).toEqual({ retried: 0 });
    expect(await retryJobs(db, admin, { jobIds: [failed!] })).toEqual({ retried: 1 });
    const after = await operationsReport(db, admin);
    expect(after.jobs.find((row) => row.task === "send-welcome")).toMatchObject({ queued: 2, failed: 0 });
    expect((await auditLog(db, admin, { action: "job.retry" })).entries[0]).toMatchObject({
      target: { type: "Job", id: failed, label: "send-welcome" },
      after: { state: "queued" },
    });
    expect((await failure(retryJobs(db, admin, { jobIds: ["abc"] })))?.code).toBe("VALIDATION_FAILED");
    expect((await failure(retryJobs(db, admin, { jobIds: [] })))?.code).toBe("VALIDATION_FAILED");
  });

  it("shows AI reviews per day with tokens and cost per provider, and how long reviews take", async () => {
    const db = getDb();
    const admin = await createUser({ role: "ADMIN" });
    const now = new Date();
    const first = await reviewedAttempt();
    const second = await reviewedAttempt();
    // Make the two reviews a known model's, with known tokens and times: 60 s and 180 s after submission.
    for (const [attempt, seconds, reviewer] of [
      [first, 60, "openai:gpt-4.1-mini"],
      [second, 180, "openai:gpt-4.1-mini"],
    ] as const) {
      const submitted = new Date(now.getTime() - 3_600_000);
      await db.submission.update({ where: { id: attempt.submission.id }, data: { createdAt: submitted } });
      await db.aiReview.update({
        where: { submissionId: attempt.submission.id },
        data: { reviewer, inputTokens: 1_000_000, outputTokens: 500_000, completedAt: new Date(submitted.getTime() + seconds * 1000) },
      });
    }
    const report = await operationsReport(db, admin, now);
    const today = now.toISOString().slice(0, 10);
    expect(report.reviewsPerDay).toContainEqual({
      day: today,
      reviewer: "openai:gpt-4.1-mini",
      provider: "openai",
      reviews: 2,
      inputTokens: 2_000_000,
      outputTokens: 1_000_000,
      // 2 M input at $0.40 and 1 M output at $1.60 a million.
      costUsd: 2.4,
    });
    expect(report.providers).toContainEqual({ provider: "openai", reviews: 2, inputTokens: 2_000_000, outputTokens: 1_000_000, costUsd: 2.4 });
    // Two reviews, 60 s and 180 s: median 120 s; 90th percentile 60 + 0.9 × 120 = 168 s.
    expect(report.latency.aiReview).toEqual({ count: 2, medianSeconds: 120, p90Seconds: 168 });
    expect(report.latency.mentorReview).toEqual({ count: 0, medianSeconds: null, p90Seconds: null });
  });

  it("lists reviews flagged for a person, and each mentor's load", async () => {
    const db = getDb();
    const admin = await createUser({ role: "ADMIN" });
    const mentor = await createUser({ role: "MENTOR", name: "Load Bearing Mentor" });
    const { submission, student, mission } = await reviewedAttempt({ passed: false });
    const flags = [{ code: "prompt_injection", message: "Text that reads like instructions to the reviewer.", blocking: true }];
    await db.aiReview.update({ where: { submissionId: submission.id }, data: { flags } });
    const report = await operationsReport(db, admin);
    expect(report.flagged).toContainEqual(
      expect.objectContaining({ submissionId: submission.id, flags, attempt: 1, missionTitle: mission.title, student: { id: student.id, name: student.name }, mentorReview: null }),
    );
    expect(report.mentors).toContainEqual({ id: mentor.id, name: "Load Bearing Mentor", email: mentor.email, held: 0, completedWeek: 0, tracks: [] });
  });

  it("is for administrators only", async () => {
    const db = getDb();
    for (const role of ["MENTOR", "STUDENT"] as const) {
      const user = await createUser({ role });
      expect((await failure(operationsReport(db, user)))?.code).toBe("FORBIDDEN");
      expect((await failure(retryJobs(db, user, { jobIds: ["1"] })))?.code).toBe("FORBIDDEN");
    }
  });
});
