import { MockLanguageModelV4 } from "ai/test";
import { describe, expect, it } from "vitest";
import { newStorageKey } from "~/adapters/storage/storage.server";
import { saveProgress } from "~/features/progress/service.server";
import { submitProgress } from "~/features/submissions/service.server";
import { createUser } from "~/testing/factories";
import { queuedJobs } from "~/testing/jobs";
import { startProgress } from "~/testing/missions";
import { FIRST_RUN, goodAnswer, NOTES, noInjection, REFLECTION, scripted, submittedAttempt, TIMELINE } from "~/testing/reviews";
import { getDb } from "~/utils/db.server";
import { updateEmailSettings } from "~/features/notifications/service.server";
import { reviewFlag } from "./flags";
import { modelReviewer } from "./providers.server";
import type { InjectionDetector, Reviewer, ReviewerAnswer } from "./reviewer";
import { detectInjection } from "./injection";
import { configuredReviewer } from "./reviewers.server";
import { claimReviewContext } from "./queries.server";
import { runAiReview } from "./service.server";
import { attemptReviews } from "./view.server";

/** The AI SDK's mock model answering with these texts in turn, as a chat model would. */
function mockModel(...texts: string[]) {
  let call = 0;
  const model = new MockLanguageModelV4({
    provider: "mock",
    modelId: "mock-reviewer",
    doGenerate: () => {
      const text = texts[Math.min(call, texts.length - 1)]!;
      call += 1;
      return Promise.resolve({
        content: [{ type: "text", text }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: { inputTokens: { total: 1200, noCache: 1200, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 300, text: 300, reasoning: 0 } },
        warnings: [],
      });
    },
  });
  return model;
}

async function sendJobsFor(emailId: string) {
  return (await queuedJobs("send-email")).filter((job) => (job.payload as { emailId: string }).emailId === emailId);
}

/** A second student's submitted attempt at the same mission, with a capture as the first step's evidence. */
async function anotherStudentsAttempt(mission: { id: string; subtasks: { id: string }[] }) {
  const db = getDb();
  const student = await createUser();
  const progress = await startProgress(student.id, mission.id);
  const [a, b, c] = mission.subtasks.map((subtask) => subtask.id) as [string, string, string];
  await saveProgress(db, student, progress.id, {
    version: 1,
    subtasks: { [a]: { notes: NOTES, completed: true }, [b]: { notes: TIMELINE, completed: true }, [c]: { completed: true } },
  });
  await db.evidenceFile.create({
    data: {
      progressId: progress.id,
      subtaskId: a,
      ownerId: student.id,
      originalName: "c.pcap",
      storageKey: newStorageKey(),
      contentType: "application/vnd.tcpdump.pcap",
      sizeBytes: 4,
      sha256: "0".repeat(64),
    },
  });
  return { student, progress, submission: await submitProgress(db, student, progress.id, { reflection: REFLECTION }) };
}

describe("the ai-review job", () => {
  it("stores a passing review with the model, usage, latency and rubric version, approves the attempt and tells the student", async () => {
    const { db, student, progress, submission } = await submittedAttempt();
    const model = mockModel(JSON.stringify(goodAnswer()));
    const result = await runAiReview(db, submission.id, FIRST_RUN, {
      reviewer: modelReviewer({ name: "mock:mock-reviewer", model, timeoutMs: 5_000 }),
      detectInjection: noInjection,
    });
    expect(result).toBe("completed");

    const review = await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id }, include: { rubricVersion: true } });
    expect(review).toMatchObject({
      status: "COMPLETED",
      reviewer: "mock:mock-reviewer",
      total: 91.7,
      passed: true,
      inputTokens: 1200,
      outputTokens: 300,
      attempts: 1,
      error: null,
    });
    expect(review.latencyMs).toBeGreaterThanOrEqual(0);
    expect(review.scores).toEqual([
      expect.objectContaining({ key: "evidence", score: 3, maxScore: 3, level: "Exemplary", quote: "Failed password for root from 10.0.0.66" }),
      expect.objectContaining({ key: "analysis", score: 3, level: "Exemplary" }),
      expect.objectContaining({ key: "communication", score: 2, level: "Proficient", levelDescription: "Done correctly." }),
    ]);
    expect(review.rubricVersion).toMatchObject({ version: 1 });
    expect((review.rubricVersion!.content as { criteria: { key: string }[] }).criteria.map((criterion) => criterion.key)).toEqual(["evidence", "analysis", "communication"]);

    expect(await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).toMatchObject({ status: "APPROVED", approvedAt: expect.any(Date) as Date });
    const notices = await db.notification.findMany({ where: { userId: student.id, kind: "review-ready" } });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: "Your review is ready", link: expect.stringContaining("#review") as string });
    const [email] = await db.emailOutbox.findMany({ where: { userId: student.id, subject: "Your review is ready" } });
    expect(email!.text).toMatch(/scored 91\.7\/100 \(AI review by mock-reviewer\)\. It passed/);
    expect(email!.text).toMatch(/Open MXP: http:\/\/\S+\/dashboard\/student\/missions\/mission-[0-9a-f]+#review/);

    // The prompt keeps the work fenced and carries the brief, the rubric's levels and the small text evidence.
    const prompt = JSON.stringify(model.doGenerateCalls[0]!.prompt);
    expect(prompt).toContain("Exemplary");
    expect(prompt).toContain("Accepted password for root");
    expect(prompt).toMatch(/BEGIN STUDENT WORK [0-9a-f]{16}/);
  });

  it("asks for changes below the pass threshold", async () => {
    const { db, progress, submission } = await submittedAttempt();
    await runAiReview(db, submission.id, FIRST_RUN, { reviewer: scripted(goodAnswer({ evidence: 1, analysis: 2, communication: 2 })), detectInjection: noInjection });
    const review = await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id } });
    expect(review).toMatchObject({ status: "COMPLETED", total: 50, passed: false });
    expect((await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).status).toBe("CHANGES_REQUESTED");
  });

  it("stores a changes-requested review, its notice and its e-mail once, however often the job runs, with no job left for the e-mail in the outbox", async () => {
    const { db, student, submission } = await submittedAttempt();
    const reviewer = scripted(goodAnswer({ evidence: 1, analysis: 2, communication: 2 }));
    const results = await Promise.all([1, 2, 3].map(() => runAiReview(db, submission.id, FIRST_RUN, { reviewer, detectInjection: noInjection })));
    expect(results.filter((result) => result === "completed")).toHaveLength(1);
    expect(await runAiReview(db, submission.id, FIRST_RUN, { reviewer, detectInjection: noInjection })).toBe("already-reviewed");
    const notices = await db.notification.findMany({ where: { userId: student.id, kind: "review-ready" } });
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body).toContain("read the feedback, improve your work and submit again");
    const emails = await db.emailOutbox.findMany({ where: { userId: student.id, subject: "Your review is ready" } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: student.email, status: "SENT", transport: "development-outbox", dedupeKey: `email:review-ready:${submission.id}` });
    expect(emails[0]!.text).toContain("read the feedback, improve your work and submit again");
    expect(emails[0]!.html).toContain("<title>Your review is ready</title>");
    expect(await sendJobsFor(emails[0]!.id)).toHaveLength(0);
  });

  it("with a mail server, queues the review e-mail's send job with the review, whatever the outcome", async () => {
    const saved = process.env.SMTP_URL;
    process.env.SMTP_URL = "smtp://127.0.0.1:2525";
    try {
      for (const answer of [goodAnswer({ evidence: 1, analysis: 2, communication: 2 }), goodAnswer()]) {
        const { db, student, submission } = await submittedAttempt();
        expect(await runAiReview(db, submission.id, FIRST_RUN, { reviewer: scripted(answer), detectInjection: noInjection })).toBe("completed");
        const email = await db.emailOutbox.findFirstOrThrow({ where: { userId: student.id, subject: "Your review is ready" } });
        expect(email).toMatchObject({ status: "PENDING", transport: null, attempts: 0 });
        expect(await sendJobsFor(email.id)).toEqual([expect.objectContaining({ key: `send-email:${email.id}` })]);
      }
    } finally {
      if (saved === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = saved;
    }
  });

  it("tells a student who switched review e-mails off in the app only, whatever the outcome", async () => {
    for (const answer of [goodAnswer({ evidence: 1, analysis: 2, communication: 2 }), goodAnswer()]) {
      const { db, student, submission } = await submittedAttempt();
      await updateEmailSettings(db, { id: student.id, role: "STUDENT" }, { email: { "review-ready": false } });
      await runAiReview(db, submission.id, FIRST_RUN, { reviewer: scripted(answer), detectInjection: noInjection });
      expect(await db.notification.count({ where: { userId: student.id, kind: "review-ready" } })).toBe(1);
      expect(await db.emailOutbox.count({ where: { userId: student.id } })).toBe(0);
    }
  });

  it("sends a capstone to the mentor queue whatever its score", async () => {
    const { db, student, progress, submission } = await submittedAttempt({ isCapstone: true, tierRequired: "PREMIUM" });
    await runAiReview(db, submission.id, FIRST_RUN, { reviewer: scripted(goodAnswer()), detectInjection: noInjection });
    expect((await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).status).toBe("MENTOR_REVIEW_REQUESTED");
    const request = await db.mentorReview.findUniqueOrThrow({ where: { submissionId: submission.id }, include: { submission: { include: { progress: true } } } });
    expect(request).toMatchObject({ status: "REQUESTED", requestedById: student.id, mentorId: null, isCapstone: true, isRegrade: false, reason: null, disputedCriteria: [] });
    // The queue's filters and the agreement tables read these, written with the request.
    expect(request.missionId).toBe(request.submission.progress.missionId);
    const mission = await db.mission.findUniqueOrThrow({ where: { id: request.submission.progress.missionId } });
    expect(request.trackId).toBe(mission.trackId);
  });

  it("sends a pass to a mentor instead of approving it on a mission whose passes a mentor confirms, and says so", async () => {
    const { db, student, progress, submission } = await submittedAttempt({ mentorConfirmsPasses: true });
    await runAiReview(db, submission.id, FIRST_RUN, { reviewer: scripted(goodAnswer()), detectInjection: noInjection });
    expect(await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id } })).toMatchObject({ status: "COMPLETED", passed: true });
    expect(await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).toMatchObject({ status: "MENTOR_REVIEW_REQUESTED", approvedAt: null });
    expect(await db.mentorReview.findUniqueOrThrow({ where: { submissionId: submission.id } })).toMatchObject({ status: "REQUESTED", isCapstone: false, isRegrade: false });
    const [notice] = await db.notification.findMany({ where: { userId: student.id, kind: "review-ready" } });
    expect(notice!.body).toContain("a mentor confirms every approval");
    // A failing review on the same kind of mission still asks for changes: only passes wait.
    const failing = await submittedAttempt({ mentorConfirmsPasses: true });
    await runAiReview(db, failing.submission.id, FIRST_RUN, { reviewer: scripted(goodAnswer({ evidence: 1, analysis: 1, communication: 1 })), detectInjection: noInjection });
    expect((await db.missionProgress.findUniqueOrThrow({ where: { id: failing.progress.id } })).status).toBe("CHANGES_REQUESTED");
  });

  it("never approves work the injection detector flags, however high the scores", async () => {
    const { db, progress, submission } = await submittedAttempt();
    const detector: InjectionDetector = () => [reviewFlag("prompt_injection", "The reflection tells the grader to give full marks.")];
    await runAiReview(db, submission.id, FIRST_RUN, { reviewer: scripted(goodAnswer({ evidence: 3, analysis: 3, communication: 3 })), detectInjection: detector });
    const review = await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id } });
    expect(review).toMatchObject({ total: 100, passed: false });
    expect(review.flags).toEqual([{ code: "prompt_injection", message: "The reflection tells the grader to give full marks.", blocking: true }]);
    expect((await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).status).toBe("CHANGES_REQUESTED");
  });

  it("asks once more with the problems when the model answers with invalid JSON, and accepts the corrected answer", async () => {
    const { db, submission } = await submittedAttempt();
    const model = mockModel("this is not JSON", JSON.stringify(goodAnswer()));
    await runAiReview(db, submission.id, FIRST_RUN, { reviewer: modelReviewer({ name: "mock:m", model, timeoutMs: 5_000 }), detectInjection: noInjection });
    expect(await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id } })).toMatchObject({ status: "COMPLETED", passed: true, inputTokens: 2400 });
    expect(model.doGenerateCalls).toHaveLength(2);
    expect(JSON.stringify(model.doGenerateCalls[1]!.prompt)).toContain("not valid JSON");
  });

  it("feeds back unknown keys and invented quotes, then hands the attempt to a person when the second answer is still wrong", async () => {
    const { db, admin, progress, submission } = await submittedAttempt();
    const wrong: ReviewerAnswer = {
      ...goodAnswer(),
      criteria: [
        { key: "evidence", score: 3, justification: "…", quote: "a sentence the student never wrote" },
        { key: "analysis", score: 7, justification: "…", quote: "09:14 port scan" },
        { key: "style", score: 1, justification: "…", quote: "" },
      ],
    };
    const reviewer = scripted(wrong);
    const result = await runAiReview(db, submission.id, FIRST_RUN, { reviewer, detectInjection: noInjection });
    expect(result).toBe("needs-human");
    expect(reviewer.calls).toHaveLength(2);
    expect(reviewer.calls[1]!.feedback).toEqual([
      'The quote for "evidence" does not occur in the student\'s work; copy a passage verbatim from the notes, evidence text or reflection.',
      'The score for "analysis" must be a whole number from 0 to 3 (got 7).',
      '"style" is not a criterion of this rubric; use only these keys: evidence, analysis, communication.',
      '"communication" has no score; score every criterion.',
    ]);
    const review = await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id } });
    expect(review).toMatchObject({ status: "FAILED", retryAt: null, total: null });
    expect(review.error).toMatch(/failed our checks twice/);
    expect((await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).status).toBe("SUBMITTED");
    const adminNotices = (await queuedJobs("notify")).filter((job) => (job.payload as { userId: string }).userId === admin.id);
    expect(adminNotices.map((job) => (job.payload as { kind: string }).kind)).toContain("review-failed");
  });

  it("marks a failed run with its next try and rethrows, so the queue retries; the last failure tells the admins", async () => {
    const { db, admin, progress, submission } = await submittedAttempt();
    const down: Reviewer = { name: "test:down", kind: "model", review: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:9")) };
    const at = new Date("2026-12-02T10:00:00Z");
    await expect(runAiReview(db, submission.id, { attempt: 1, maxAttempts: 3 }, { reviewer: down, detectInjection: noInjection, now: () => at })).rejects.toThrow(/ECONNREFUSED/);
    let review = await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id } });
    expect(review).toMatchObject({ status: "FAILED", attempts: 1, error: "connect ECONNREFUSED 127.0.0.1:9" });
    expect(review.retryAt!.getTime()).toBeGreaterThan(at.getTime());
    const adminKinds = async () =>
      (await queuedJobs("notify")).filter((job) => (job.payload as { userId: string }).userId === admin.id).map((job) => (job.payload as { kind: string }).kind);
    expect(await adminKinds()).toEqual([]);

    await expect(runAiReview(db, submission.id, { attempt: 3, maxAttempts: 3 }, { reviewer: down, detectInjection: noInjection })).rejects.toThrow();
    review = await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id } });
    expect(review).toMatchObject({ status: "FAILED", attempts: 2, retryAt: null });
    expect(await adminKinds()).toEqual(["review-failed"]);
    expect((await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).status).toBe("SUBMITTED");

    // A later run (an admin's retry) still completes it.
    await runAiReview(db, submission.id, FIRST_RUN, { reviewer: scripted(goodAnswer()), detectInjection: noInjection });
    expect(await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id } })).toMatchObject({ status: "COMPLETED", error: null, retryAt: null });
  });

  it("gives up on a model that does not answer within the timeout", async () => {
    const { db, submission } = await submittedAttempt();
    const slow = new MockLanguageModelV4({
      doGenerate: (options) =>
        new Promise((_resolve, reject) => {
          options.abortSignal?.addEventListener("abort", () => reject(options.abortSignal!.reason as Error));
        }),
    });
    const reviewer = modelReviewer({ name: "mock:slow", model: slow, timeoutMs: 1_000, maxRetries: 0 });
    await expect(runAiReview(db, submission.id, FIRST_RUN, { reviewer, detectInjection: noInjection })).rejects.toThrow();
    const review = await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id } });
    expect(review.status).toBe("FAILED");
    expect(review.error).toMatch(/abort|timeout|timed out/i);
  });

  it("reviews an attempt once however often the job runs, also at the same time", async () => {
    const { db, student, submission } = await submittedAttempt();
    const reviewer = scripted(goodAnswer());
    const results = await Promise.all([1, 2, 3].map(() => runAiReview(db, submission.id, FIRST_RUN, { reviewer, detectInjection: noInjection })));
    expect(results.filter((result) => result === "completed")).toHaveLength(1);
    expect(await runAiReview(db, submission.id, FIRST_RUN, { reviewer, detectInjection: noInjection })).toBe("already-reviewed");
    expect(await db.notification.count({ where: { userId: student.id, kind: "review-ready" } })).toBe(1);
    expect(await db.emailOutbox.count({ where: { userId: student.id, subject: "Your review is ready" } })).toBe(1);
  });

  it("does not move an attempt the student has moved past", async () => {
    const { db, progress, submission } = await submittedAttempt();
    await db.missionProgress.update({ where: { id: progress.id }, data: { status: "IN_MENTOR_REVIEW" } });
    await runAiReview(db, submission.id, FIRST_RUN, { reviewer: scripted(goodAnswer()), detectInjection: noInjection });
    expect((await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id } })).status).toBe("COMPLETED");
    expect((await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).status).toBe("IN_MENTOR_REVIEW");
    // Its verdict changed nothing, so no notice claims it did.
    expect(await db.notification.count({ where: { userId: progress.userId, kind: "review-ready" } })).toBe(0);

    const failing = await submittedAttempt();
    await failing.db.missionProgress.update({ where: { id: failing.progress.id }, data: { status: "IN_MENTOR_REVIEW" } });
    await runAiReview(db, failing.submission.id, FIRST_RUN, { reviewer: scripted(goodAnswer({ evidence: 1, analysis: 1, communication: 1 })), detectInjection: noInjection });
    expect((await db.aiReview.findUniqueOrThrow({ where: { submissionId: failing.submission.id } })).status).toBe("COMPLETED");
    expect((await db.missionProgress.findUniqueOrThrow({ where: { id: failing.progress.id } })).status).toBe("IN_MENTOR_REVIEW");
    expect(await db.notification.count({ where: { userId: failing.progress.userId, kind: "review-ready" } })).toBe(0);
    expect(await db.emailOutbox.count({ where: { userId: failing.progress.userId } })).toBe(0);
  });

  it("marks the review failed, not running, when storing the result fails", async () => {
    const { db, progress, submission } = await submittedAttempt();
    const unstorable = { ...goodAnswer(), summary: "A summary PostgreSQL cannot store: \u0000" };
    await expect(runAiReview(db, submission.id, FIRST_RUN, { reviewer: scripted(unstorable), detectInjection: noInjection })).rejects.toThrow();
    const review = await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id } });
    expect(review).toMatchObject({ status: "FAILED", total: null });
    expect(review.retryAt).not.toBeNull();
    expect((await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).status).toBe("SUBMITTED");
  });

  it("leaves the mission's brief out of the claim while the job holds it at the catalogue's current revision", async () => {
    const { db, mission, submission } = await submittedAttempt();
    const [read] = await claimReviewContext(db, submission.id, new Date(), { revision: null, missionIds: [] });
    expect(read!.mission).toMatchObject({ id: mission.id, subtasks: expect.any(Array) as unknown[], rubric: expect.any(Array) as unknown[] });
    expect(read!.catalogueRevision).toEqual(expect.any(String));
    const held = { revision: read!.catalogueRevision, missionIds: [mission.id] };
    expect((await claimReviewContext(db, submission.id, new Date(), held))[0]!.mission).toBeNull();
    expect((await claimReviewContext(db, submission.id, new Date(), { ...held, missionIds: ["another-mission"] }))[0]!.mission).toMatchObject({ id: mission.id });

    // Any write to a table the brief is built from gives the catalogue a new revision: the brief comes again.
    await db.subtask.updateMany({ where: { missionId: mission.id, position: 1 }, data: { title: "Collect the logs, renamed" } });
    const [changed] = await claimReviewContext(db, submission.id, new Date(), held);
    expect(changed!.catalogueRevision).not.toBe(read!.catalogueRevision);
    expect(changed!.mission!.subtasks.map((subtask) => subtask.title)).toContain("Collect the logs, renamed");
  });

  it("reviews a mission's next attempt from the brief it holds as it reviewed the first", async () => {
    const first = await submittedAttempt();
    await runAiReview(first.db, first.submission.id, FIRST_RUN, { reviewer: scripted(goodAnswer()), detectInjection: noInjection });
    const second = await anotherStudentsAttempt(first.mission);
    const answer = goodAnswer({ evidence: 1, analysis: 2, communication: 2 });
    answer.criteria[0]!.quote = "captured the SYN scan from 10.0.0.66";
    expect(await runAiReview(first.db, second.submission.id, FIRST_RUN, { reviewer: scripted(answer), detectInjection: noInjection })).toBe("completed");
    const [before, after] = await Promise.all(
      [first.submission.id, second.submission.id].map((submissionId) => first.db.aiReview.findUniqueOrThrow({ where: { submissionId }, include: { rubricVersion: true } })),
    );
    expect(after).toMatchObject({ status: "COMPLETED", total: 50, passed: false, rubricVersionId: before!.rubricVersionId });
    expect((await first.db.missionProgress.findUniqueOrThrow({ where: { id: second.progress.id } })).status).toBe("CHANGES_REQUESTED");
    const notice = await first.db.notification.findFirstOrThrow({ where: { userId: second.student.id, kind: "review-ready" } });
    expect(notice.body).toContain(`“${first.mission.title}”`);
    expect(notice.link).toBe(`/dashboard/student/missions/${first.mission.slug}#review`);
  });

  it("keeps each score against the rubric it was made with when the rubric changes later", async () => {
    const first = await submittedAttempt();
    await runAiReview(first.db, first.submission.id, FIRST_RUN, { reviewer: scripted(goodAnswer()), detectInjection: noInjection });
    const before = await first.db.aiReview.findUniqueOrThrow({ where: { submissionId: first.submission.id }, include: { rubricVersion: true } });

    await first.db.rubricCriterion.updateMany({ where: { missionId: first.mission.id, key: "evidence" }, data: { description: "The capture shows the attack and its source." } });
    const { student: secondStudent, progress, submission: second } = await anotherStudentsAttempt(first.mission);
    const answer = goodAnswer();
    answer.criteria[0]!.quote = "captured the SYN scan from 10.0.0.66";
    await runAiReview(first.db, second.id, FIRST_RUN, { reviewer: scripted(answer), detectInjection: noInjection });
    const after = await first.db.aiReview.findUniqueOrThrow({ where: { submissionId: second.id }, include: { rubricVersion: true } });

    expect(after.rubricVersion!.version).toBe(2);
    expect(after.rubricVersionId).not.toBe(before.rubricVersionId);
    const unchanged = await first.db.aiReview.findUniqueOrThrow({ where: { submissionId: first.submission.id }, include: { rubricVersion: true } });
    expect(unchanged.rubricVersion).toEqual(before.rubricVersion);
    expect(JSON.stringify(unchanged.rubricVersion!.content)).toContain("The capture shows the attack.");
    expect(unchanged.total).toBe(before.total);

    // The first student's page shows that score as made against an earlier rubric; the second's as current.
    const rubricNow = await first.db.rubricCriterion.findMany({ where: { missionId: first.mission.id }, orderBy: { position: "asc" } });
    const current = { passThreshold: 70, criteria: rubricNow.map((criterion) => ({ ...criterion, levels: criterion.levels as never })) };
    const [firstView] = await attemptReviews(first.db, first.student, first.progress.id, current);
    expect(firstView!.review!.rubric).toEqual({ version: 1, current: false });
    const [secondView] = await attemptReviews(first.db, secondStudent, progress.id, current);
    expect(secondView!.review!.rubric).toEqual({ version: 2, current: true });
  });

  it("with no model configured, scores with the built-in heuristic reviewer and says so in the review and the notice", async () => {
    const { db, student, submission } = await submittedAttempt();
    await runAiReview(db, submission.id, FIRST_RUN, { reviewer: await configuredReviewer(), detectInjection });
    expect(await db.aiReview.findUniqueOrThrow({ where: { submissionId: submission.id } })).toMatchObject({ status: "COMPLETED", reviewer: "heuristic" });
    const notice = await db.notification.findFirstOrThrow({ where: { userId: student.id, kind: "review-ready" } });
    expect(notice.body).toContain("(automated heuristic review: no AI model configured)");
    const email = await db.emailOutbox.findFirstOrThrow({ where: { userId: student.id, subject: "Your review is ready" } });
    expect(email.text).toContain("(automated heuristic review: no AI model configured)");
  });

  it("does nothing for a submission that no longer exists", async () => {
    expect(await runAiReview(getDb(), "c0000000000000000000000000", FIRST_RUN, { reviewer: scripted(goodAnswer()), detectInjection: noInjection })).toBe("gone");
  });
});
