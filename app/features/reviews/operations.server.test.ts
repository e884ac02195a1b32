import { describe, expect, it } from "vitest";
import { appErrorFrom } from "~/testing/errors";
import { createUser } from "~/testing/factories";
import { queuedJobs } from "~/testing/jobs";
import { FIRST_RUN, goodAnswer, noInjection, scripted, submittedAttempt } from "~/testing/reviews";
import type { Reviewer } from "./reviewer";
import { listFailedReviews, retryReview, reviewPipelineHealth } from "./operations.server";
import { runAiReview } from "./service.server";

const down: Reviewer = { name: "test:down", kind: "model", review: () => Promise.reject(new Error("provider answered 503: overloaded")) };

describe("failed reviews, for admins", () => {
  it("lists a review whose tries are used up with its error, and a retry queues it again and lets it complete", async () => {
    const { db, student, submission, progress } = await submittedAttempt();
    const admin = await createUser({ role: "ADMIN" });
    await expect(runAiReview(db, submission.id, { attempt: 5, maxAttempts: 5 }, { reviewer: down, detectInjection: noInjection })).rejects.toThrow();

    const failed = (await listFailedReviews(db)).find((row) => row.submissionId === submission.id);
    expect(failed).toMatchObject({ error: "provider answered 503: overloaded", retryAt: null, attempt: 1, student: student.name, studentEmail: student.email, runs: 1 });

    const jobsBefore = (await queuedJobs("ai-review")).filter((job) => job.key === `ai-review:${submission.id}`).length;
    expect(await retryReview(db, admin, submission.id)).toEqual({ submissionId: submission.id, status: "pending" });
    expect(await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id } })).toMatchObject({ status: "PENDING", error: null });
    expect((await queuedJobs("ai-review")).filter((job) => job.key === `ai-review:${submission.id}`)).toHaveLength(Math.max(1, jobsBefore));

    // The retried review fails for good again: admins are told again, not silently deduplicated.
    const noticeKeys = async () =>
      (await queuedJobs("notify"))
        .map((job) => job.payload as { userId: string; kind: string; dedupeKey: string })
        .filter((payload) => payload.userId === admin.id && payload.kind === "review-failed")
        .map((payload) => payload.dedupeKey);
    expect(await noticeKeys()).toHaveLength(1);
    await expect(runAiReview(db, submission.id, { attempt: 5, maxAttempts: 5 }, { reviewer: down, detectInjection: noInjection })).rejects.toThrow();
    const keys = await noticeKeys();
    expect(new Set(keys).size).toBe(2);
    await retryReview(db, admin, submission.id);

    await runAiReview(db, submission.id, FIRST_RUN, { reviewer: scripted(goodAnswer()), detectInjection: noInjection });
    expect((await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).status).toBe("APPROVED");
    expect((await listFailedReviews(db)).some((row) => row.submissionId === submission.id)).toBe(false);
  });

  it("measures an admin's retry of an old review from the retry, so the pipeline is not reported stuck", async () => {
    const { db, submission } = await submittedAttempt();
    const admin = await createUser({ role: "ADMIN" });
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60_000);
    await db.aiReview.update({ where: { submissionId: submission.id }, data: { status: "FAILED", error: "gave up", createdAt: twoDaysAgo, queuedAt: twoDaysAgo } });
    await retryReview(db, admin, submission.id);
    const health = await reviewPipelineHealth(db, new Date(), 900);
    expect(health.ok).toBe(true);
    expect(health.oldestWaitingSeconds).toBeLessThan(60);
    await db.aiReview.update({ where: { submissionId: submission.id }, data: { status: "COMPLETED" } });
  });

  it("refuses to retry a review that has not failed, or one that does not exist", async () => {
    const { db, submission } = await submittedAttempt();
    const admin = await createUser({ role: "ADMIN" });
    expect((await appErrorFrom(retryReview(db, admin, submission.id))).code).toBe("INVALID_STATE");
    expect((await appErrorFrom(retryReview(db, admin, "c0000000000000000000000000"))).code).toBe("NOT_FOUND");
  });

  it("lets only admins retry a review, whoever calls the service", async () => {
    const { db, submission } = await submittedAttempt();
    await expect(runAiReview(db, submission.id, { attempt: 5, maxAttempts: 5 }, { reviewer: down, detectInjection: noInjection })).rejects.toThrow();
    for (const role of ["MENTOR", "STUDENT"] as const) {
      expect((await appErrorFrom(retryReview(db, await createUser({ role }), submission.id))).code).toBe("FORBIDDEN");
    }
    expect(await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id } })).toMatchObject({ status: "FAILED" });
  });
});
