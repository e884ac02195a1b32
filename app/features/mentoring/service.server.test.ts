import { describe, expect, it } from "vitest";
import { CLAIM_MINUTES, MAX_CLAIMS_PER_MENTOR } from "~/domain/mentor-claims";
import { createUser } from "~/testing/factories";
import { queuedJobs, runQueuedJobs } from "~/testing/jobs";
import { FULL_MARKS, LOW_MARKS, reviewedAttempt } from "~/testing/mentoring";
import { createMission } from "~/testing/missions";
import { submittedAttempt } from "~/testing/reviews";
import { appErrorFrom as expectAppError } from "~/testing/errors";
import { getDb } from "~/utils/db.server";
import { QUEUE_COUNT_CAP, QUEUE_PAGE_SIZE } from "./queries.server";
import { claimMentorReview, completeMentorReview, mentorQueue, releaseMentorReview, requestMentorReview } from "./service.server";

const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

async function requested(options: Parameters<typeof reviewedAttempt>[0] = {}) {
  const attempt = await reviewedAttempt(options);
  const request = await requestMentorReview(attempt.db, attempt.student, attempt.progress.id, { reason: "The timeline was complete.", disputedCriteria: ["analysis"] });
  return { ...attempt, request };
}

describe("asking for a mentor review", () => {
  it("needs Premium: 402 TIER_REQUIRED for Free and Starter", async () => {
    for (const tier of ["FREE", "STARTER"] as const) {
      const { db, student, progress } = await reviewedAttempt({ tier, passed: false });
      await expectAppError(requestMentorReview(db, student, progress.id, {}), "TIER_REQUIRED", /Premium/);
      expect(await db.mentorReview.count({ where: { requestedById: student.id } })).toBe(0);
    }
  });

  it("waits for the AI review, then queues once per attempt with the reason and disputed criteria", async () => {
    const student = await createUser({ tier: "PREMIUM" });
    const { db, progress, submission } = await submittedAttempt({ student });
    await expectAppError(requestMentorReview(db, student, progress.id, {}), "INVALID_STATE", /AI review/);

    const { db: db2, student: premium, progress: reviewed, submission: scored } = await reviewedAttempt({ passed: false });
    await expectAppError(requestMentorReview(db2, premium, reviewed.id, { disputedCriteria: ["nope"] }), "VALIDATION_FAILED", /“nope” is not a criterion/);
    const request = await requestMentorReview(db2, premium, reviewed.id, { reason: "  My timeline had every step.  ", disputedCriteria: ["analysis", "analysis"] });
    expect(request).toMatchObject({ status: "requested", attempt: 1, reason: "My timeline had every step.", disputedCriteria: ["analysis"] });
    expect(await db2.missionProgress.findUniqueOrThrow({ where: { id: reviewed.id } })).toMatchObject({ status: "MENTOR_REVIEW_REQUESTED" });
    expect(await db2.mentorReview.findUniqueOrThrow({ where: { submissionId: scored.id } })).toMatchObject({
      status: "REQUESTED",
      requestedById: premium.id,
      trackId: (await db2.mission.findUniqueOrThrow({ where: { id: reviewed.missionId } })).trackId,
      isCapstone: false,
      isRegrade: true,
    });
    await expectAppError(requestMentorReview(db2, premium, reviewed.id, {}), "INVALID_STATE", /already has a mentor review/);
    expect(submission.attempt).toBe(1);
  });

  it("leaves an AI approval standing while the mentor looks", async () => {
    const { db, student, progress } = await reviewedAttempt({ passed: true });
    await requestMentorReview(db, student, progress.id, {});
    expect(await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).toMatchObject({ status: "APPROVED" });
  });

  it("answers 404 for another student's record and tells the mentors who may take it", async () => {
    const { db, progress } = await reviewedAttempt({ passed: false });
    const stranger = await createUser({ tier: "PREMIUM" });
    await expectAppError(requestMentorReview(db, stranger, progress.id, {}), "NOT_FOUND");

    const mentor = await createUser({ role: "MENTOR" });
    const elsewhere = await createUser({ role: "MENTOR" });
    await db.mentorTrack.create({ data: { mentorId: elsewhere.id, trackId: (await createMission()).trackId } });
    const { request } = await requested({ passed: false });
    expect(await db.notification.count({ where: { userId: mentor.id, kind: "mentor-review-requested", dedupeKey: { contains: request.id } } })).toBe(1);
    expect(await db.notification.count({ where: { userId: elsewhere.id, kind: "mentor-review-requested", dedupeKey: { contains: request.id } } })).toBe(0);
  });

  it("puts a capstone in the queue by itself after its AI review", async () => {
    const { db, submission, progress } = await reviewedAttempt({ isCapstone: true, passed: true });
    expect(await db.mentorReview.findUniqueOrThrow({ where: { submissionId: submission.id } })).toMatchObject({ status: "REQUESTED" });
    expect(await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).toMatchObject({ status: "MENTOR_REVIEW_REQUESTED" });
  });
});

describe("claims", () => {
  it("are exclusive, move the attempt into mentor review and expire after 30 minutes", async () => {
    const { db, request, progress } = await requested({ passed: false });
    const [first, second] = [await createUser({ role: "MENTOR" }), await createUser({ role: "MENTOR" })];
    const claim = await claimMentorReview(db, first, request.id);
    expect(claim).toMatchObject({ status: "claimed", minutes: CLAIM_MINUTES });
    expect(await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).toMatchObject({ status: "IN_MENTOR_REVIEW" });
    await expectAppError(claimMentorReview(db, second, request.id), "INVALID_STATE", /Another mentor/);
    // Extending: the holder claims again and the clock restarts.
    const extended = await claimMentorReview(db, first, request.id, later(20));
    expect(new Date(extended.claimExpiresAt).getTime()).toBeGreaterThan(new Date(claim.claimExpiresAt).getTime());
    // After the claim runs out, another mentor may take it.
    await expect(claimMentorReview(db, second, request.id, later(20 + CLAIM_MINUTES + 1))).resolves.toMatchObject({ status: "claimed" });
  });

  it("cap a mentor at four live claims", async () => {
    const mentor = await createUser({ role: "MENTOR" });
    const requests = [];
    for (let i = 0; i < MAX_CLAIMS_PER_MENTOR + 1; i++) requests.push(await requested({ passed: false }));
    const db = requests[0]!.db;
    for (const { request } of requests.slice(0, MAX_CLAIMS_PER_MENTOR)) await claimMentorReview(db, mentor, request.id);
    await expectAppError(claimMentorReview(db, mentor, requests.at(-1)!.request.id), "INVALID_STATE", /hold 4 reviews/);
    await releaseMentorReview(db, mentor, requests[0]!.request.id);
    await expect(claimMentorReview(db, mentor, requests.at(-1)!.request.id)).resolves.toMatchObject({ status: "claimed" });
    const queue = await mentorQueue(db, mentor, {});
    expect(queue.claims).toHaveLength(MAX_CLAIMS_PER_MENTOR);
    expect(queue.claimsLeft).toBe(0);
  });

  it("hold under parallel requests: one of many mentors wins a review, and one mentor never passes the cap", async () => {
    const { db, request } = await requested({ passed: false });
    const mentors = await Promise.all(Array.from({ length: 6 }, () => createUser({ role: "MENTOR" })));
    const results = await Promise.allSettled(mentors.map((mentor) => claimMentorReview(db, mentor, request.id)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);

    const greedy = await createUser({ role: "MENTOR" });
    const many = [];
    for (let i = 0; i < 7; i++) many.push(await requested({ passed: false }));
    const claims = await Promise.allSettled(many.map(({ request: each }) => claimMentorReview(db, greedy, each.id)));
    expect(claims.filter((result) => result.status === "fulfilled")).toHaveLength(MAX_CLAIMS_PER_MENTOR);
    expect(await db.mentorReview.count({ where: { mentorId: greedy.id, status: "CLAIMED" } })).toBe(MAX_CLAIMS_PER_MENTOR);
  });
});

describe("the mentor's queue", () => {
  it("lists waiting requests oldest first, filtered by track, capstone and regrade, within the mentor's tracks", async () => {
    const track = (await createMission()).trackId;
    const regrade = await requested({ passed: false, trackId: track });
    const plain = await reviewedAttempt({ passed: false, trackId: track });
    const plainRequest = await requestMentorReview(plain.db, plain.student, plain.progress.id, {});
    const capstone = await reviewedAttempt({ isCapstone: true, trackId: track });
    const otherTrack = await requested({ passed: false });
    const db = regrade.db;

    const assigned = await createUser({ role: "MENTOR" });
    await db.mentorTrack.create({ data: { mentorId: assigned.id, trackId: track } });
    const queue = await mentorQueue(db, assigned, {});
    const ids = queue.items.map((item) => item.id);
    expect(ids).toContain(regrade.request.id);
    expect(ids).not.toContain(otherTrack.request.id);
    const times = queue.items.map((item) => item.requestedAt);
    expect([...times].sort()).toEqual(times);
    expect(queue.items.find((item) => item.id === regrade.request.id)).toMatchObject({ isRegrade: true, reason: "The timeline was complete.", disputedCriteria: ["analysis"] });
    expect(queue.items.every((item) => item.waitedSeconds >= 0)).toBe(true);
    await expectAppError(claimMentorReview(db, assigned, otherTrack.request.id), "FORBIDDEN");

    const trackSlug = (await db.track.findUniqueOrThrow({ where: { id: track } })).slug;
    expect((await mentorQueue(db, assigned, { track: trackSlug, regrade: "yes" })).items.map((item) => item.id)).toEqual([regrade.request.id]);
    expect((await mentorQueue(db, assigned, { track: trackSlug, regrade: "no", capstone: "no" })).items.map((item) => item.id)).toEqual([plainRequest.id]);
    const capstones = await mentorQueue(db, assigned, { capstone: "yes" });
    expect(capstones.items.map((item) => item.missionTitle)).toContain(capstone.mission.title);
    expect(capstones.items.every((item) => item.isCapstone)).toBe(true);
    await expectAppError(mentorQueue(db, assigned, { capstone: "maybe" }), "VALIDATION_FAILED");

    // A claimed request leaves the queue; an expired claim brings it back.
    const other = await createUser({ role: "MENTOR" });
    await claimMentorReview(db, other, regrade.request.id);
    expect((await mentorQueue(db, assigned, {})).items.map((item) => item.id)).not.toContain(regrade.request.id);
    expect((await mentorQueue(db, assigned, {}, later(CLAIM_MINUTES + 1))).items.map((item) => item.id)).toContain(regrade.request.id);
    // A mentor without assignments sees every track.
    expect((await mentorQueue(db, await createUser({ role: "MENTOR" }), { regrade: "yes" })).items.map((item) => item.id)).toContain(otherTrack.request.id);
  });

  it("answers every combination of filters with the requests that match it, each with its count", async () => {
    const [first, second] = [(await createMission()).trackId, (await createMission()).trackId];
    const made = [
      await requested({ passed: false, trackId: first }),
      await requested({ passed: false, trackId: second }),
      await reviewedAttempt({ isCapstone: true, trackId: first }),
      await reviewedAttempt({ isCapstone: true, trackId: second }),
    ];
    for (const trackId of [first, second]) {
      const plain = await reviewedAttempt({ passed: false, trackId });
      await requestMentorReview(plain.db, plain.student, plain.progress.id, {});
      made.push(plain);
    }
    const db = made[0]!.db;
    const mentor = await createUser({ role: "MENTOR" });
    await db.mentorTrack.createMany({ data: [first, second].map((trackId) => ({ mentorId: mentor.id, trackId })) });
    const all = (await mentorQueue(db, mentor, {})).items;
    expect(all).toHaveLength(made.length);
    expect(new Set(all.map((item) => `${item.trackSlug} ${item.isCapstone} ${item.isRegrade}`)).size).toBe(6);

    const slugs = [...new Set(all.map((item) => item.trackSlug))];
    for (const track of [undefined, ...slugs]) {
      for (const capstone of [undefined, "yes", "no"] as const) {
        for (const regrade of [undefined, "yes", "no"] as const) {
          const expected = all.filter(
            (item) =>
              (track === undefined || item.trackSlug === track) &&
              (capstone === undefined || item.isCapstone === (capstone === "yes")) &&
              (regrade === undefined || item.isRegrade === (regrade === "yes")),
          );
          const queue = await mentorQueue(db, mentor, { track, capstone, regrade });
          expect(
            queue.items.map((item) => item.id),
            JSON.stringify({ track, capstone, regrade }),
          ).toEqual(expected.map((item) => item.id));
          expect(queue.waiting).toBe(expected.length);
        }
      }
    }
    expect((await mentorQueue(db, mentor, { track: "no-such-track" })).items).toEqual([]);
  });

  it("shows the oldest page and counts no further than the cap", async () => {
    const mission = await createMission();
    const db = getDb();
    const mentor = await createUser({ role: "MENTOR" });
    await db.mentorTrack.create({ data: { mentorId: mentor.id, trackId: mission.trackId } });
    const queueOf = async (count: number) => {
      const made = await db.$queryRaw<{ id: string }[]>`
        WITH students AS (
          INSERT INTO "User" ("id", "email", "handle", "name", "passwordHash", "updatedAt")
          SELECT ${mission.id} || '-s' || g || '-' || ${count}, ${mission.id} || '-' || g || '-' || ${count} || '@example.test', ${mission.id} || '-' || g || '-' || ${count}, 'Student ' || g, 'unused', now() AT TIME ZONE 'UTC'
          FROM generate_series(1, ${count}::int) g RETURNING "id"
        ), records AS (
          INSERT INTO "MissionProgress" ("id", "userId", "missionId", "status", "currentAttempt", "updatedAt")
          SELECT "id" || '-p', "id", ${mission.id}, 'MENTOR_REVIEW_REQUESTED', 1, now() AT TIME ZONE 'UTC' FROM students RETURNING "id", "userId"
        ), attempts AS (
          INSERT INTO "Submission" ("id", "progressId", "attempt", "reflection", "snapshot")
          SELECT "id" || '-a', "id", 1, 'A reflection.', '{}'::jsonb FROM records RETURNING "id", "progressId"
        )
        INSERT INTO "MentorReview" ("id", "submissionId", "requestedById", "status", "trackId", "isCapstone", "isRegrade", "requestedAt")
        SELECT a."id" || '-r', a."id", r."userId", 'REQUESTED', ${mission.trackId}, false, false, now() AT TIME ZONE 'UTC' - (row_number() OVER (ORDER BY a."id") || ' minutes')::interval
        FROM attempts a JOIN records r ON r."id" = a."progressId" RETURNING "id"`;
      return made.length;
    };

    expect(await queueOf(QUEUE_PAGE_SIZE + 5)).toBe(QUEUE_PAGE_SIZE + 5);
    const page = await mentorQueue(db, mentor, {});
    expect(page.items).toHaveLength(QUEUE_PAGE_SIZE);
    expect(page).toMatchObject({ waiting: QUEUE_PAGE_SIZE + 5, waitingCapped: false });
    expect(page.items.map((item) => item.waitedSeconds)).toEqual([...page.items.map((item) => item.waitedSeconds)].sort((a, b) => b - a));
    // The oldest was asked for as many minutes ago as there are requests (times are UTC on both sides).
    expect(Math.abs(page.items[0]!.waitedSeconds - (QUEUE_PAGE_SIZE + 5) * 60)).toBeLessThan(60);

    await queueOf(QUEUE_COUNT_CAP);
    expect(await mentorQueue(db, mentor, {})).toMatchObject({ waiting: QUEUE_COUNT_CAP, waitingCapped: true });
    // Nothing through the filters: no rows and nothing counted.
    expect(await mentorQueue(db, mentor, { capstone: "yes" })).toMatchObject({ items: [], waiting: 0, waitingCapped: false });
  });
});

describe("completing a mentor review", () => {
  it("refuses unknown criteria, missing ones and scores out of range", async () => {
    const { db, progress } = await requested({ passed: false });
    const mentor = await createUser({ role: "MENTOR" });
    await expectAppError(
      completeMentorReview(db, mentor, progress.id, { scores: { ...FULL_MARKS, style: 2 }, decision: "approved" }),
      "VALIDATION_FAILED",
      /“style” is not a criterion/,
    );
    await expectAppError(
      completeMentorReview(db, mentor, progress.id, { scores: { evidence: 3, analysis: 3 }, decision: "approved" }),
      "VALIDATION_FAILED",
      /“communication” has no score/,
    );
    await expectAppError(completeMentorReview(db, mentor, progress.id, { scores: { ...FULL_MARKS, evidence: 4 }, decision: "approved" }), "VALIDATION_FAILED", /from 0 to 3/);
    await expectAppError(completeMentorReview(db, mentor, progress.id, { scores: { ...FULL_MARKS, evidence: 1.5 }, decision: "approved" }), "VALIDATION_FAILED");
    await expectAppError(completeMentorReview(db, mentor, progress.id, { scores: FULL_MARKS, decision: "maybe" }), "VALIDATION_FAILED");
    expect(await db.mentorReview.count({ where: { mentorId: mentor.id } })).toBe(0);
  });

  it("claims a free review, scores it through the rubric engine against a version and approves the attempt", async () => {
    const { db, progress, request, student, submission } = await requested({ passed: false });
    const mentor = await createUser({ role: "MENTOR" });
    const result = await completeMentorReview(db, mentor, progress.id, {
      scores: FULL_MARKS,
      comments: "Thorough work.",
      criterionComments: { analysis: "Every step is there." },
      decision: "approved",
    });
    expect(result).toMatchObject({ status: "completed", decision: "approved", total: 100, passed: true, progressStatus: "APPROVED", rubricVersion: 1, comments: "Thorough work." });
    expect(result.scores.find((score) => score.key === "analysis")).toMatchObject({ score: 3, level: "Exemplary", comment: "Every step is there." });
    expect(await db.mentorReview.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ status: "COMPLETED", mentorId: mentor.id, decision: "APPROVED", total: 100 });
    expect(await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).toMatchObject({ status: "APPROVED", approvedAt: expect.any(Date) as Date });
    expect(await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({ approvalScore: 100, approvedBy: "mentor", mentorApproved: true });
    expect((await queuedJobs("publish-portfolio")).some((job) => (job.payload as { submissionId: string }).submissionId === submission.id)).toBe(true);
    expect(await db.notification.count({ where: { userId: student.id, kind: "mentor-review-done" } })).toBe(1);
    // Done is done: a second completion, by anyone, is refused.
    await expectAppError(completeMentorReview(db, mentor, progress.id, { scores: LOW_MARKS, decision: "changes_requested" }), "INVALID_STATE", /already completed/);
  });

  it("is refused while another mentor holds the claim", async () => {
    const { db, progress, request } = await requested({ passed: false });
    const [holder, other] = [await createUser({ role: "MENTOR" }), await createUser({ role: "MENTOR" })];
    await claimMentorReview(db, holder, request.id);
    await expectAppError(completeMentorReview(db, other, progress.id, { scores: FULL_MARKS, decision: "approved" }), "INVALID_STATE", /Another mentor/);
    await expect(completeMentorReview(db, holder, progress.id, { scores: LOW_MARKS, decision: "changes_requested" })).resolves.toMatchObject({
      progressStatus: "CHANGES_REQUESTED",
    });
  });

  it("happens once when two mentors complete the same review at the same time", async () => {
    const { db, progress, request } = await requested({ passed: false });
    const mentors = await Promise.all(Array.from({ length: 4 }, () => createUser({ role: "MENTOR" })));
    const results = await Promise.allSettled(
      mentors.map((mentor, i) => completeMentorReview(db, mentor, progress.id, { scores: i % 2 ? FULL_MARKS : LOW_MARKS, decision: i % 2 ? "approved" : "changes_requested" })),
    );
    const won = results.filter((result) => result.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const lost of results.filter((result) => result.status === "rejected")) expect(lost.reason).toMatchObject({ code: "INVALID_STATE" });
    const stored = await db.mentorReview.findUniqueOrThrow({ where: { id: request.id } });
    expect(stored.decision).toBe((won[0] as PromiseFulfilledResult<{ decision: string }>).value.decision === "approved" ? "APPROVED" : "CHANGES_REQUESTED");
  });

  it("overrides an AI approval: changes requested withdraws the portfolio item and the skill signals drop the attempt", async () => {
    const { db, student, progress, submission } = await reviewedAttempt({ passed: true, skills: [{ key: "log-analysis", weight: 1 }] });
    await runQueuedJobs();
    expect(await db.portfolioItem.count({ where: { submissionId: submission.id } })).toBe(1);
    expect(await db.skillEvidence.count({ where: { submissionId: submission.id } })).toBe(1);

    await requestMentorReview(db, student, progress.id, { disputedCriteria: [] });
    const mentor = await createUser({ role: "MENTOR" });
    await completeMentorReview(db, mentor, progress.id, { scores: LOW_MARKS, comments: "The capture does not show the attack.", decision: "changes_requested" });
    expect(await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id } })).toMatchObject({ status: "CHANGES_REQUESTED", approvedAt: null });
    expect(await db.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({ approvedAt: null, mentorApproved: false });
    await runQueuedJobs();
    expect(await db.portfolioItem.count({ where: { submissionId: submission.id } })).toBe(0);
    expect(await db.skillEvidence.count({ where: { submissionId: submission.id } })).toBe(0);
    expect(await db.skillSignal.count({ where: { userId: student.id } })).toBe(0);
  });
});
