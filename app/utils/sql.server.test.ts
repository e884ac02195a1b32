/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import {
  agreementAttemptRows,
  agreementCells,
  agreementRevisionRow,
  agreementVerdicts,
  lockAcademyContent,
  jobsOutOfTries,
  operationsFacts,
  retryJobsNow,
  usersPage,
  usersSearchPage,
} from "~/features/academy/queries.server";
import { z } from "zod";
import { EDITABLE_STATUSES } from "~/domain/mission-progress";
import { quotaMonth } from "~/domain/entitlements";
import { hashToken } from "~/features/accounts/session.server";
import { sessionWithUser, countRateLimitHit } from "~/features/accounts/queries.server";
import { studentContextRow, studentWorkSummaryRow } from "~/features/dashboard/queries.server";
import { evidenceBytesUsed, lockEvidenceQuota, progressForUpload, deleteEditableEvidence } from "~/features/evidence/queries.server";
import { pingDatabase, waitingJobs } from "~/features/health/queries.server";
import { catalogueRevisionRow, lockUserForUpdate, missionDetailOwnRows, publishedCatalogueRow } from "~/features/missions/queries.server";
import { startMission } from "~/features/missions/service.server";
import {
  emailForDelivery,
  failingEmails,
  insertEmail,
  insertNotification,
  notificationsPage,
  recordEmailAttempt,
  unreadNotificationCount,
} from "~/features/notifications/queries.server";
import { mergeProgressPatch, progressViewById } from "~/features/progress/queries.server";
import { lockProgressForUpdate } from "~/features/submissions/queries.server";
import { attemptReviewRows, claimReviewContext, completeReview, lockRubricVersions, publishReviewChange } from "~/features/reviews/queries.server";
import { addJob } from "#jobs/queries.server";
import { markSubmissionApproved } from "~/features/approvals/queries.server";
import {
  claimStripeEvent,
  liveLocalSubscriptionForUpdate,
  lockLocalCheckoutSession,
  lockSubscriptionForUpdate,
  recordStripeEventOutcome,
  stripeEventForUpdate,
  subscriptionForUpdate,
} from "~/features/billing/queries.server";
import {
  latestMentorReviewForUpdate,
  lockMentorClaims,
  mentorOverviewRows,
  QUEUE_FILTER_SHAPES,
  mentorQueueStatement,
  mentorReviewForUpdate,
  mentorsForTrack,
  mentorWaitStats,
  requestMentorReviewOnce,
} from "~/features/mentoring/queries.server";
import { submissionStandingForUpdate } from "~/features/portfolio/queries.server";
import { approvedEvidenceRows, lockSkillSignals } from "~/features/skills/queries.server";
import { createSignedInUser, createUser } from "~/testing/factories";
import { createMission } from "~/testing/missions";
import { getDb, type Queryable } from "./db.server";
import { defineQuery, sqlInteger, sqlLiterals, sqlTimestamp, type Query } from "./sql.server";

// Every module that defines statements: a statement added there without a case below fails the coverage check.
const queryModules = {
  ...import.meta.glob<Record<string, unknown>>("../features/*/queries.server.ts", { eager: true }),
  ...import.meta.glob<Record<string, unknown>>("../../jobs/queries.server.ts", { eager: true }),
};

class RolledBack extends Error {
  constructor(readonly value: unknown) {
    super("rolled back");
  }
}

/** What `run` returns inside a transaction that is then rolled back, so the same statement can run again on the same data. */
async function inRolledBackTransaction<T>(run: (tx: Queryable) => Promise<T>): Promise<T> {
  const outcome = await getDb()
    .$transaction(async (tx) => {
      throw new RolledBack(await run(tx));
    })
    .catch((error: unknown) => error);
  if (!(outcome instanceof RolledBack)) throw outcome;
  return outcome.value as T;
}

/** Data every statement has something to find in: a student with a plan, a started mission with notes, evidence, a queued job. */
async function fixture() {
  const { user, token } = await createSignedInUser({ tier: "STARTER" });
  const now = new Date();
  await getDb().user.update({ where: { id: user.id }, data: { onboardedAt: new Date("2026-11-20T23:30:00.000Z"), profilerScore: 45 } });
  await getDb().subscription.update({
    where: { userId: user.id },
    data: { currentPeriodEnd: new Date("2026-12-24T22:15:00.000Z"), pastDueSince: new Date("2026-11-21T01:45:00.000Z") },
  });
  // One grant in force, one that has ended: only the first comes back.
  await getDb().tierGrant.createMany({
    data: [
      {
        userId: user.id,
        tier: "PREMIUM",
        reason: "Scholarship",
        startsAt: new Date("2026-11-19T23:10:00.000Z"),
        endsAt: new Date(now.getTime() + 30 * 86_400_000),
        grantedById: user.id,
      },
      { userId: user.id, tier: "PREMIUM", reason: "Trial", startsAt: new Date("2026-10-01T00:00:00.000Z"), endsAt: new Date(now.getTime() - 86_400_000), grantedById: user.id },
    ],
  });
  await getDb().notification.create({ data: { userId: user.id, kind: "test", title: "Hello", body: "Unread" } });
  const mission = await createMission();
  const { progress } = await startMission(getDb(), user, mission.id, now);
  const [first, second] = mission.subtasks;
  await getDb().missionProgress.update({
    where: { id: progress.id },
    data: { subtaskState: { [first!.id]: { notes: "done", completed: true }, [second!.id]: { notes: "", completed: false } } },
  });
  const file = await getDb().evidenceFile.create({
    data: {
      progressId: progress.id,
      subtaskId: first!.id,
      ownerId: user.id,
      originalName: "a.txt",
      storageKey: `key-${progress.id}`,
      contentType: "text/plain",
      sizeBytes: 1234,
      sha256: "0".repeat(64),
    },
  });
  // Two attempts: one scored against a rubric version (a retried failure before it), one waiting.
  const version = await getDb().rubricVersion.create({ data: { missionId: mission.id, version: 1, contentHash: "f".repeat(64), content: { passThreshold: 70, criteria: [] } } });
  const first_ = await getDb().submission.create({
    data: {
      progressId: progress.id,
      attempt: 1,
      reflection: "First try.",
      snapshot: {},
      approvedAt: new Date("2026-11-30T10:05:00.000Z"),
      approvalScore: 42.5,
      approvedBy: "heuristic",
      aiReview: {
        create: {
          status: "COMPLETED",
          reviewer: "heuristic",
          rubricVersionId: version.id,
          scores: [],
          total: 42.5,
          passed: false,
          summary: "Try again.",
          flags: [],
          retryAt: new Date("2026-11-30T10:00:00.000Z"),
          completedAt: new Date("2026-11-30T10:05:00.000Z"),
        },
      },
    },
  });
  const waiting = await getDb().submission.create({
    data: { progressId: progress.id, attempt: 2, reflection: "Second try.", snapshot: {}, aiReview: { create: { status: "PENDING" } } },
  });
  // A mentor holding the first attempt's review, and the second attempt's request waiting in the queue.
  const mentor = await createUser({ role: "MENTOR" });
  await getDb().missionProgress.update({ where: { id: progress.id }, data: { currentAttempt: 2 } });
  await getDb().mentorReview.create({
    data: {
      submissionId: first_.id,
      requestedById: user.id,
      trackId: mission.trackId,
      isCapstone: false,
      isRegrade: false,
      status: "CLAIMED",
      mentorId: mentor.id,
      claimedAt: now,
      claimExpiresAt: new Date(now.getTime() + 30 * 60_000),
    },
  });
  const mentorRequest = await getDb().mentorReview.create({
    data: {
      submissionId: waiting.id,
      requestedById: user.id,
      reason: "Look again",
      disputedCriteria: ["evidence"],
      trackId: mission.trackId,
      isCapstone: false,
      isRegrade: true,
      requestedAt: new Date("2026-11-30T11:00:00.000Z"),
    },
  });
  // More waiting requests, so each of the queue's filter combinations has one to find.
  for (const [attempt, isCapstone, isRegrade] of [
    [3, false, false],
    [4, true, true],
    [5, true, false],
  ] as const) {
    const submission = await getDb().submission.create({ data: { progressId: progress.id, attempt, reflection: "Another try.", snapshot: {} } });
    await getDb().mentorReview.create({
      data: { submissionId: submission.id, requestedById: user.id, trackId: mission.trackId, isCapstone, isRegrade, reason: isRegrade ? "Look again" : null },
    });
  }
  // An attempt both the AI and a mentor have scored: what the agreement statements read.
  const bothReviewed = await getDb().submission.create({
    data: {
      progressId: progress.id,
      attempt: 6,
      reflection: "Scored twice.",
      snapshot: {},
      aiReview: { create: { status: "COMPLETED", scores: [{ key: "evidence", title: "Evidence", score: 2, maxScore: 3 }], total: 66.7, passed: false, completedAt: now } },
    },
  });
  await getDb().mentorReview.create({
    data: {
      submissionId: bothReviewed.id,
      requestedById: user.id,
      trackId: mission.trackId,
      isCapstone: false,
      isRegrade: false,
      status: "COMPLETED",
      mentorId: mentor.id,
      scores: [{ key: "evidence", title: "Evidence", score: 3, maxScore: 3 }],
      total: 100,
      passed: true,
      completedAt: now,
    },
  });
  const track = await getDb().track.findUniqueOrThrow({ where: { id: mission.trackId } });
  await addJob(getDb(), {
    name: "send-welcome",
    payload: JSON.stringify({ userId: user.id }),
    runAt: new Date(Date.now() - 60_000),
    maxAttempts: null,
    jobKey: null,
    priority: null,
    queueName: null,
  });
  const failedEmail = await getDb().emailOutbox.create({
    data: {
      userId: user.id,
      to: user.email,
      subject: "Bounced",
      text: "Hi",
      status: "PENDING",
      attempts: 2,
      error: "550 No such mailbox",
      lastAttemptAt: new Date("2026-11-30T10:06:00.000Z"),
    },
  });
  await addJob(getDb(), {
    name: "send-email",
    payload: JSON.stringify({ emailId: failedEmail.id }),
    // Its next try is ahead: it does not count as a job that waits now.
    runAt: new Date(now.getTime() + 60 * 60_000),
    maxAttempts: null,
    jobKey: `send-email:${failedEmail.id}`,
    priority: null,
    queueName: null,
  });
  return {
    user,
    token,
    now,
    mission,
    progress,
    file,
    submissionId: waiting.id,
    firstSubmissionId: first_.id,
    rubricVersionId: version.id,
    mentor,
    mentorRequestId: mentorRequest.id,
    trackSlug: track.slug,
    failedEmailId: failedEmail.id,
  };
}

type Fixture = Awaited<ReturnType<typeof fixture>>;

/** One call of each statement; the rows must be the same through pg and through Prisma in a transaction. */
const cases: Record<string, { query: Query<never[], unknown>; args: (f: Fixture) => unknown[] }> = {
  "mxp.resolve-session": { query: sessionWithUser, args: (f) => [hashToken(f.token)] },
  "mxp.rate-limit-hit": { query: countRateLimitHit, args: (f) => [`test:${f.user.id}`, f.now, new Date(f.now.getTime() - 60_000)] },
  "mxp.student-context": { query: studentContextRow, args: (f) => [f.user.id, quotaMonth(f.now), f.now] },
  "mxp.student-work-summary": { query: studentWorkSummaryRow, args: (f) => [f.user.id] },
  "mxp.published-catalogue": { query: publishedCatalogueRow, args: () => [] },
  "mxp.lock-user": { query: lockUserForUpdate, args: (f) => [f.user.id] },
  "mxp.mission-detail-own": { query: missionDetailOwnRows, args: (f) => [f.user.id, f.mission.id, [f.mission.id], []] },
  "mxp.notifications-page": { query: notificationsPage, args: (f) => [f.user.id, 20] },
  "mxp.unread-notification-count": { query: unreadNotificationCount, args: (f) => [f.user.id] },
  "mxp.insert-notification": {
    query: insertNotification,
    args: (f) => [
      {
        id: `notice-${f.user.id}`,
        userId: f.user.id,
        kind: "review-ready",
        title: "Ready",
        body: "Your review is ready.",
        link: "/dashboard",
        dedupeKey: `test:${f.user.id}`,
        createdAt: f.now,
        checkPreference: true,
        readAddress: true,
      },
    ],
  },
  "mxp.failing-emails": { query: failingEmails, args: () => [100] },
  "mxp.insert-email": {
    query: insertEmail,
    args: (f) => [
      {
        id: `email-${f.user.id}`,
        userId: f.user.id,
        to: f.user.email,
        subject: "Ready",
        text: "Hi",
        html: "<p>Hi</p>",
        dedupeKey: `email:test:${f.user.id}`,
        createdAt: f.now,
      },
    ],
  },
  "mxp.email-for-delivery": { query: emailForDelivery, args: (f) => [f.failedEmailId] },
  "mxp.record-email-attempt": {
    query: recordEmailAttempt,
    args: (f) => [{ emailId: f.failedEmailId, status: "SENT", error: null, transport: "outbox", at: f.now, sentAt: f.now }],
  },
  "mxp.progress-view": { query: progressViewById, args: (f) => [f.progress.id] },
  "mxp.save-progress": {
    query: mergeProgressPatch,
    args: (f) => [f.progress.id, f.user.id, f.progress.version, JSON.stringify({ [f.mission.subtasks[1]!.id]: { notes: "more", updatedAt: f.now.toISOString() } }), f.now],
  },
  "mxp.evidence-bytes-used": { query: evidenceBytesUsed, args: (f) => [f.user.id] },
  "mxp.lock-evidence-quota": { query: lockEvidenceQuota, args: (f) => [f.user.id] },
  "mxp.progress-for-upload": { query: progressForUpload, args: (f) => [f.progress.id] },
  "mxp.delete-editable-evidence": { query: deleteEditableEvidence, args: (f) => [f.file.id] },
  "mxp.lock-progress": { query: lockProgressForUpdate, args: (f) => [f.progress.id] },
  "mxp.ping": { query: pingDatabase, args: () => [] },
  "mxp.waiting-jobs": { query: waitingJobs, args: () => [] },
  "mxp.add-job": {
    query: addJob,
    args: (f) => [
      { name: "send-welcome", payload: JSON.stringify({ userId: f.user.id }), runAt: f.now, maxAttempts: 3, jobKey: `test:${f.user.id}`, priority: 1, queueName: null },
    ],
  },
  "mxp.mark-submission-approved": {
    query: markSubmissionApproved,
    args: (f) => [{ submissionId: f.submissionId, at: f.now, score: 81.5, approvedBy: "mentor", mentorApproved: true }],
  },
  "mxp.submission-standing-for-update": { query: submissionStandingForUpdate, args: (f) => [f.firstSubmissionId] },
  "mxp.lock-skill-signals": { query: lockSkillSignals, args: (f) => [f.user.id] },
  "mxp.approved-evidence": { query: approvedEvidenceRows, args: (f) => [f.user.id] },
  "mxp.lock-mentor-claims": { query: lockMentorClaims, args: (f) => [f.mentor.id] },
  "mxp.mentor-review-for-update": { query: mentorReviewForUpdate, args: (f) => [f.mentorRequestId, f.mentor.id, f.now] },
  "mxp.latest-mentor-review-for-update": { query: latestMentorReviewForUpdate, args: (f) => [f.progress.id, f.mentor.id, f.now] },
  ...Object.fromEntries(
    QUEUE_FILTER_SHAPES.flatMap((shape) => {
      const query = mentorQueueStatement(shape);
      const filters = (f: Fixture) => ({ trackSlug: shape.track ? f.trackSlug : null, capstone: shape.capstone, regrade: shape.regrade });
      return [[query.statement.name, { query, args: (f: Fixture) => [f.mentor.id, f.now, filters(f)] }]];
    }),
  ),
  "mxp.mentors-for-track": { query: mentorsForTrack, args: (f) => [f.mission.trackId] },
  // The attempt already waits for a mentor: the statement finds its request rather than adding one.
  "mxp.request-mentor-review-once": {
    query: requestMentorReviewOnce,
    args: (f) => [{ id: `request-${f.submissionId}`, submissionId: f.submissionId, requestedById: f.user.id, trackId: f.mission.trackId, isCapstone: false, requestedAt: f.now }],
  },
  "mxp.mentor-overview": { query: mentorOverviewRows, args: (f) => [f.now, new Date(f.now.getTime() - 7 * 86_400_000)] },
  "mxp.mentor-wait-stats": { query: mentorWaitStats, args: (f) => [new Date(f.now.getTime() - 7 * 86_400_000)] },
  "mxp.publish-review-change": { query: publishReviewChange, args: (f) => [f.progress.id] },
  "mxp.attempt-reviews": { query: attemptReviewRows, args: (f) => [f.progress.id, f.user.id] },
  "mxp.claim-review-context": { query: claimReviewContext, args: (f) => [f.submissionId, f.now, { revision: null, missionIds: [] }] },
  "mxp.complete-review": {
    query: completeReview,
    args: (f) => [
      {
        submissionId: f.submissionId,
        reviewer: "heuristic",
        rubricVersionId: f.rubricVersionId,
        inputTokens: null,
        outputTokens: 12,
        latencyMs: 3,
        flags: "[]",
        scores: '[{"key":"a","score":1}]',
        total: 66.7,
        passed: false,
        summary: "Nearly.",
        completedAt: f.now,
        nextStatus: "CHANGES_REQUESTED",
        progressId: f.progress.id,
        attempt: 2,
        notice: { id: `notice-${f.submissionId}`, kind: "review-ready", title: "Ready", body: "Scored.", link: "/", dedupeKey: `test-review-ready:${f.submissionId}` },
        email: { id: `email-${f.submissionId}`, to: f.user.email, text: "Scored.", html: "<p>Scored.</p>", deliveredBy: "development-outbox" },
      },
    ],
  },
  // The claim's run on the client commits the event row the next statement locks.
  "mxp.claim-stripe-event": { query: claimStripeEvent, args: (f) => [{ id: `evt_claim_${f.user.id}`, type: "customer.subscription.updated", createdAt: f.now }] },
  "mxp.stripe-event-for-update": { query: stripeEventForUpdate, args: (f) => [`evt_claim_${f.user.id}`] },
  "mxp.record-stripe-event-outcome": {
    query: recordStripeEventOutcome,
    args: (f) => [{ id: `evt_failed_${f.user.id}`, type: "invoice.paid", createdAt: f.now, outcome: "failed", detail: "Stripe is unreachable", userId: f.user.id }],
  },
  "mxp.lock-subscription": { query: lockSubscriptionForUpdate, args: (f) => [`sub-${f.user.id}`, f.user.id] },
  "mxp.subscription-for-update": { query: subscriptionForUpdate, args: (f) => [f.user.id] },
  "mxp.catalogue-revision": { query: catalogueRevisionRow, args: () => [] },
  "mxp.agreement-revision": { query: agreementRevisionRow, args: () => [] },
  "mxp.lock-academy-content": { query: lockAcademyContent, args: () => [] },
  "mxp.lock-rubric-versions": { query: lockRubricVersions, args: (f) => [f.mission.id] },
  "mxp.lock-local-checkout-session": { query: lockLocalCheckoutSession, args: () => ["no-such-session"] },
  "mxp.live-local-subscription-for-update": { query: liveLocalSubscriptionForUpdate, args: (f) => [f.user.id] },
  "mxp.agreement-cells": { query: agreementCells, args: (f) => [new Date(f.now.getTime() - 86_400_000), new Date(f.now.getTime() + 86_400_000)] },
  "mxp.agreement-verdicts": { query: agreementVerdicts, args: (f) => [new Date(f.now.getTime() - 86_400_000), new Date(f.now.getTime() + 86_400_000)] },
  "mxp.agreement-attempts": {
    query: agreementAttemptRows,
    args: (f) => [new Date(f.now.getTime() - 86_400_000), new Date(f.now.getTime() + 86_400_000), f.mission.id, "evidence", null, 25],
  },
  "mxp.admin-users-page": { query: usersPage, args: () => ["", null, 5] },
  "mxp.operations": { query: operationsFacts, args: (f) => [new Date(f.now.getTime() - 30 * 86_400_000), new Date(f.now.getTime() - 7 * 86_400_000)] },
  "mxp.retry-jobs": { query: retryJobsNow, args: () => [["999999999"]] },
  "mxp.jobs-out-of-tries": { query: jobsOutOfTries, args: () => [["999999999"], "ai-review"] },
  "mxp.admin-users-search-page": { query: usersSearchPage, args: (f) => ["", "STUDENT", 5, `${f.user.email.slice(0, 8)}%`] },
};

describe("typed SQL statements", () => {
  it("has a case below for every statement the queries modules define", () => {
    const defined = Object.values(queryModules)
      .flatMap((module) => Object.values(module))
      .filter((value): value is Query<unknown[], unknown> => typeof value === "function" && "statement" in value)
      .map((query) => query.statement.name)
      .concat(QUEUE_FILTER_SHAPES.map((shape) => mentorQueueStatement(shape).statement.name));
    expect(defined.length).toBeGreaterThanOrEqual(15);
    expect([...defined].sort()).toEqual(Object.keys(cases).sort());
  });

  it("give the same rows on the client (pg, prepared) and inside a transaction (Prisma)", async () => {
    const f = await fixture();
    for (const [name, { query, args }] of Object.entries(cases)) {
      expect(query.statement.name).toBe(name);
      const inTransaction = await inRolledBackTransaction((tx) => query(tx, ...(args(f) as never[])));
      const onClient = await query(getDb(), ...(args(f) as never[]));
      expect(onClient, name).toEqual(inTransaction);
      expect(onClient.length, `${name} returns rows here`).toBeGreaterThan(0);
    }
  });

  it("read timestamps, counts and enums as the Prisma models do, in a time zone far from UTC", async () => {
    expect(process.env.TZ).toBe("America/Sao_Paulo");
    const f = await fixture();
    const session = await getDb().session.findUniqueOrThrow({ where: { id: hashToken(f.token) } });
    const subscription = await getDb().subscription.findUniqueOrThrow({ where: { userId: f.user.id } });
    for (const db of [getDb(), null]) {
      const run = <T>(read: (q: Queryable) => Promise<T>) => (db ? read(db) : inRolledBackTransaction(read));
      const [row] = await run((q) => sessionWithUser(q, hashToken(f.token)));
      expect(row).toMatchObject({ lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt, role: "STUDENT", profilerScore: 45 });
      const [context] = await run((q) => studentContextRow(q, f.user.id, quotaMonth(f.now), f.now));
      expect(context).toMatchObject({
        onboardedAt: new Date("2026-11-20T23:30:00.000Z"),
        currentPeriodEnd: subscription.currentPeriodEnd,
        pastDueSince: new Date("2026-11-21T01:45:00.000Z"),
        grants: [{ tier: "PREMIUM", startsAt: new Date("2026-11-19T23:10:00.000Z"), endsAt: new Date(f.now.getTime() + 30 * 86_400_000) }],
        tier: "STARTER",
        starts: 1,
        unread: 1,
        tracks: [f.mission.trackId],
      });
      const [summary] = await run((q) => studentWorkSummaryRow(q, f.user.id));
      expect(summary!.progress).toEqual([{ id: f.progress.id, missionId: f.mission.id, status: "IN_PROGRESS", completed: 1 }]);
      expect(await run((q) => evidenceBytesUsed(q, f.user.id))).toEqual([{ used: 1234 }]);
      const [queue] = await run((q) => waitingJobs(q));
      expect(queue!.queued).toBeGreaterThanOrEqual(1);
      expect(queue!.oldest).toBeInstanceOf(Date);
      expect(Math.abs(queue!.oldest!.getTime() - (Date.now() - 60_000))).toBeLessThan(60_000);
    }
    // A saved timestamp reads back as the instant that was written, through the model too.
    const at = new Date("2026-11-25T01:02:03.456Z");
    const [saved] = await mergeProgressPatch(getDb(), f.progress.id, f.user.id, f.progress.version, JSON.stringify({ [f.mission.subtasks[0]!.id]: { notes: "later" } }), at);
    expect(saved!.updatedAt).toEqual(at);
    expect((await getDb().missionProgress.findUniqueOrThrow({ where: { id: f.progress.id } })).updatedAt).toEqual(at);
  });

  it("build status lists from the domain's constants", () => {
    expect(mergeProgressPatch.statement.text).toContain(`p."status" IN (${EDITABLE_STATUSES.map((status) => `'${status}'`).join(", ")})`);
    expect(deleteEditableEvidence.statement.text).toContain(`p."status" IN ('IN_PROGRESS', 'CHANGES_REQUESTED')`);
    expect(() => sqlLiterals(["IN_PROGRESS'; DROP TABLE x; --"])).toThrow(/Not a plain constant/);
    expect(() => sqlLiterals([])).toThrow();
  });

  it("refuse rows that do not match their parser, naming the statement", async () => {
    const wrong = defineQuery({ name: "mxp.test-wrong-row", text: `SELECT 'x' AS "count"`, values: () => [], row: z.object({ count: sqlInteger }) });
    await expect(wrong(getDb())).rejects.toThrow(/mxp\.test-wrong-row/);
    await expect(inRolledBackTransaction((tx) => wrong(tx))).rejects.toThrow(/mxp\.test-wrong-row/);
  });

  it("refuse two statements with one name", () => {
    defineQuery({ name: "mxp.test-twice", text: "SELECT 1", values: () => [], row: z.object({}) });
    expect(() => defineQuery({ name: "mxp.test-twice", text: "SELECT 1", values: () => [], row: z.object({}) })).not.toThrow();
    expect(() => defineQuery({ name: "mxp.test-twice", text: "SELECT 2", values: () => [], row: z.object({}) })).toThrow(/Two SQL statements are named mxp\.test-twice/);
  });
});

describe("column parsers", () => {
  it("read PostgreSQL's timestamp text as UTC unless it names a zone", () => {
    expect(sqlTimestamp.parse("2026-11-25 09:30:00.123")).toEqual(new Date("2026-11-25T09:30:00.123Z"));
    expect(sqlTimestamp.parse("2026-11-25 09:30:00+00")).toEqual(new Date("2026-11-25T09:30:00.000Z"));
    expect(sqlTimestamp.parse("2026-11-25 09:30:00.5-03")).toEqual(new Date("2026-11-25T12:30:00.500Z"));
    expect(sqlTimestamp.parse("2026-11-25 09:30:00+05:30")).toEqual(new Date("2026-11-25T04:00:00.000Z"));
    expect(sqlTimestamp.parse("2026-11-25")).toEqual(new Date("2026-11-25T00:00:00.000Z"));
    const date = new Date();
    expect(sqlTimestamp.parse(date)).toBe(date);
    expect(sqlTimestamp.safeParse("yesterday").success).toBe(false);
  });

  it("read counts as numbers whichever way they come", () => {
    expect(sqlInteger.parse(3)).toBe(3);
    expect(sqlInteger.parse(3n)).toBe(3);
    expect(sqlInteger.parse("3")).toBe(3);
    expect(sqlInteger.safeParse("3.5").success).toBe(false);
    expect(sqlInteger.safeParse(2n ** 60n).success).toBe(false);
  });
});
