import { canRequestMentorReview, MENTOR_REVIEW_TIER } from "~/domain/entitlements";
import { CLAIM_MINUTES, MAX_CLAIMS_PER_MENTOR, claimExpiry, claimRefusal, mentorCoversTrack, type ClaimRefusal } from "~/domain/mentor-claims";
import { levelFor, scoreProblems, verdict, type Rubric } from "~/domain/rubric";
import { statusAfterMentorDecision, statusAfterMentorRequest } from "~/domain/mission-progress";
import type { PublicUser } from "~/features/accounts/service.server";
import { approveSubmissionIn, withdrawApprovalIn } from "~/features/approvals/service.server";
import { loadStudentContext } from "~/features/dashboard/student-context.server";
import { createNotificationIn } from "~/features/notifications/service.server";
import { publishReviewChange } from "~/features/reviews/queries.server";
import { ensureRubricVersion, readLevels } from "~/features/reviews/service.server";
import { lockProgressForUpdate } from "~/features/submissions/queries.server";
import type { Db, Prisma } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { idSchema, parseOrThrow } from "~/utils/validation";
import { latestMentorReviewForUpdate, lockMentorClaims, mentorQueuePage, mentorReviewForUpdate, QUEUE_COUNT_CAP, type MentorReviewForUpdate } from "./queries.server";
import { notifyMentorsOfRequestIn } from "./notify.server";
import { mentorQueueFilters, mentorReviewCompleteInput, mentorReviewRequestInput, type MentorScore } from "./schemas";

type Tx = Prisma.TransactionClient;

/**
 * A student asks a mentor to review their latest attempt (PRODUCT.md, "A mission's life"):
 * Premium only, after its AI review whatever the verdict, once per attempt. Work the AI asked to
 * change waits for the mentor (MENTOR_REVIEW_REQUESTED); an approval stands until a mentor
 * decides otherwise, so nothing the student has earned is taken away by asking.
 */
export async function requestMentorReview(db: Db, student: PublicUser, rawProgressId: unknown, rawInput: unknown, now = new Date()) {
  const progressId = parseOrThrow(idSchema, rawProgressId);
  const input = parseOrThrow(mentorReviewRequestInput, rawInput ?? {});
  return await db.$transaction(async (tx) => {
    await lockProgressForUpdate(tx, progressId);
    const progress = await tx.missionProgress.findUnique({
      where: { id: progressId },
      select: {
        userId: true,
        status: true,
        currentAttempt: true,
        mission: { select: { id: true, title: true, trackId: true, isCapstone: true, rubric: { select: { key: true } } } },
        submissions: { orderBy: { attempt: "desc" }, take: 1, select: { id: true, attempt: true, aiReview: { select: { status: true } }, mentorReview: { select: { id: true } } } },
      },
    });
    if (!progress || progress.userId !== student.id) throw AppError.notFound("This mission progress");
    const context = await loadStudentContext(tx, student.id, now);
    if (!canRequestMentorReview(context.tier)) {
      throw new AppError("TIER_REQUIRED", "Mentor reviews come with the Premium plan. Upgrade to ask a mentor to review this attempt.", {
        required: MENTOR_REVIEW_TIER,
        current: context.tier,
      });
    }
    const latest = progress.submissions[0];
    if (!latest || latest.attempt !== progress.currentAttempt || latest.aiReview?.status !== "COMPLETED") {
      throw new AppError("INVALID_STATE", "A mentor review can be asked for once the AI review of your latest attempt is ready.", { status: progress.status });
    }
    if (latest.mentorReview) throw new AppError("INVALID_STATE", "This attempt already has a mentor review. You can ask again for your next attempt.", { status: progress.status });
    const next = statusAfterMentorRequest(progress.status);
    if (!next) throw new AppError("INVALID_STATE", "This attempt cannot go to a mentor in its current state.", { status: progress.status });
    const keys = new Set(progress.mission.rubric.map((criterion) => criterion.key));
    const disputed = [...new Set(input.disputedCriteria ?? [])];
    const unknown = disputed.filter((key) => !keys.has(key));
    if (unknown.length > 0) {
      throw new AppError(
        "VALIDATION_FAILED",
        `${unknown.map((key) => `“${key}”`).join(", ")} ${unknown.length === 1 ? "is not a criterion" : "are not criteria"} of this mission's rubric.`,
        {
          fieldErrors: { disputedCriteria: [`Unknown criteria: ${unknown.join(", ")}`] },
        },
      );
    }
    const reason = input.reason || null;
    const created = await tx.mentorReview.create({
      data: {
        submissionId: latest.id,
        requestedById: student.id,
        reason,
        disputedCriteria: disputed,
        trackId: progress.mission.trackId,
        isCapstone: progress.mission.isCapstone,
        isRegrade: disputed.length > 0 || reason !== null,
        requestedAt: now,
      },
      select: { id: true, requestedAt: true, reason: true, disputedCriteria: true },
    });
    if (next !== progress.status) await tx.missionProgress.update({ where: { id: progressId }, data: { status: next, version: { increment: 1 } } });
    await notifyMentorsOfRequestIn(tx, {
      reviewId: created.id,
      trackId: progress.mission.trackId,
      missionTitle: progress.mission.title,
      attempt: latest.attempt,
      regrade: disputed.length > 0 || reason !== null,
    });
    await publishReviewChange(tx, progressId);
    return {
      id: created.id,
      progressId,
      attempt: latest.attempt,
      status: "requested" as const,
      reason: created.reason,
      disputedCriteria: created.disputedCriteria,
      requestedAt: created.requestedAt.toISOString(),
    };
  });
}

const CLAIM_MESSAGES: Record<ClaimRefusal, string> = {
  completed: "This review is already completed.",
  "held-by-another": "Another mentor is reviewing this now. Pick another one from the queue.",
  "too-many-claims": `You hold ${MAX_CLAIMS_PER_MENTOR} reviews already. Finish or release one before you take another.`,
};

/** A mentor may work only on requests in their tracks; others are not theirs to see. */
function assertCovers(review: MentorReviewForUpdate): void {
  if (!mentorCoversTrack(review.mentorTrackIds, review.trackId)) throw new AppError("FORBIDDEN", "This review belongs to a track you are not assigned to.");
}

/**
 * Claims a request for 30 minutes (or extends the mentor's own claim by 30 minutes from now).
 * Exclusive and capped: the request's row and the mentor's claims are locked while deciding.
 */
export async function claimMentorReview(db: Db, mentor: PublicUser, rawReviewId: unknown, now = new Date()) {
  const reviewId = parseOrThrow(idSchema, rawReviewId);
  return await db.$transaction(async (tx) => {
    await lockMentorClaims(tx, mentor.id);
    const [review] = await mentorReviewForUpdate(tx, reviewId, mentor.id, now);
    if (!review) throw AppError.notFound("This review request");
    assertCovers(review);
    const refusal = claimRefusal(review, mentor.id, review.heldByMentor, now);
    if (refusal) throw new AppError("INVALID_STATE", CLAIM_MESSAGES[refusal], { reason: refusal });
    return await holdClaim(tx, review, mentor.id, now);
  });
}

async function holdClaim(tx: Tx, review: MentorReviewForUpdate, mentorId: string, now: Date) {
  const expiresAt = claimExpiry(now);
  const renewing = review.status === "CLAIMED" && review.mentorId === mentorId;
  await tx.mentorReview.update({
    where: { id: review.id },
    data: { status: "CLAIMED", mentorId, claimExpiresAt: expiresAt, ...(renewing ? {} : { claimedAt: now }) },
  });
  if (review.progressStatus === "MENTOR_REVIEW_REQUESTED" && review.attempt === review.currentAttempt) {
    await tx.missionProgress.update({ where: { id: review.progressId }, data: { status: "IN_MENTOR_REVIEW" } });
    await publishReviewChange(tx, review.progressId);
  }
  return { id: review.id, progressId: review.progressId, status: "claimed" as const, claimExpiresAt: expiresAt.toISOString(), minutes: CLAIM_MINUTES };
}

/** Gives a claim back: the request returns to the queue where it was (its place is its request time). */
export async function releaseMentorReview(db: Db, mentor: PublicUser, rawReviewId: unknown, now = new Date()) {
  const reviewId = parseOrThrow(idSchema, rawReviewId);
  return await db.$transaction(async (tx) => {
    const [review] = await mentorReviewForUpdate(tx, reviewId, mentor.id, now);
    if (!review) throw AppError.notFound("This review request");
    if (review.status !== "CLAIMED" || review.mentorId !== mentor.id) throw new AppError("INVALID_STATE", "You do not hold this review.");
    await tx.mentorReview.update({ where: { id: review.id }, data: { status: "REQUESTED", mentorId: null, claimExpiresAt: null, claimedAt: null } });
    if (review.progressStatus === "IN_MENTOR_REVIEW" && review.attempt === review.currentAttempt) {
      await tx.missionProgress.update({ where: { id: review.progressId }, data: { status: "MENTOR_REVIEW_REQUESTED" } });
      await publishReviewChange(tx, review.progressId);
    }
    return { id: review.id, status: "requested" as const };
  });
}

/**
 * A mentor's decision on the latest attempt of a progress record (PRODUCT.md, REST details):
 * claims the request if nobody holds it, scores through the rubric engine against the current
 * rubric's version, and overrides the AI's verdict: an approval publishes (or keeps) the
 * portfolio item and skill signals, "changes requested" withdraws an earlier approval. Both
 * sides are told.
 */
export async function completeMentorReview(db: Db, mentor: PublicUser, rawProgressId: unknown, rawInput: unknown, now = new Date()) {
  const progressId = parseOrThrow(idSchema, rawProgressId);
  const input = parseOrThrow(mentorReviewCompleteInput, rawInput);
  const rubric = await loadRubric(db, progressId);
  const problems = scoreProblems(rubric.rubric.criteria, input.scores);
  const unknownComments = Object.keys(input.criterionComments ?? {}).filter((key) => !rubric.rubric.criteria.some((criterion) => criterion.key === key));
  if (unknownComments.length > 0) problems.push(...unknownComments.map((key) => `“${key}” is not a criterion of this rubric (in criterionComments).`));
  if (problems.length > 0) throw new AppError("VALIDATION_FAILED", `The scores do not fit this mission's rubric: ${problems.join(" ")}`, { fieldErrors: { scores: problems } });
  const rubricVersionId = await ensureRubricVersion(db, rubric.missionId, rubric.rubric);
  const result = verdict(rubric.rubric, input.scores, []);
  const scores: MentorScore[] = rubric.rubric.criteria.map((criterion) => {
    const score = input.scores[criterion.key]!;
    const level = levelFor(criterion, score);
    return {
      key: criterion.key,
      title: criterion.title,
      score,
      maxScore: criterion.maxScore,
      level: level?.label ?? null,
      levelDescription: level?.description ?? null,
      comment: input.criterionComments?.[criterion.key] || null,
    };
  });
  const decision = input.decision === "approved" ? "APPROVED" : "CHANGES_REQUESTED";
  const nextStatus = statusAfterMentorDecision(input.decision);

  return await db.$transaction(async (tx) => {
    await lockMentorClaims(tx, mentor.id);
    const [review] = await latestMentorReviewForUpdate(tx, progressId, mentor.id, now);
    if (!review) {
      const exists = await tx.missionProgress.count({ where: { id: progressId } });
      if (exists === 0) throw AppError.notFound("This mission progress");
      throw new AppError("INVALID_STATE", "No mentor review was requested for the latest attempt of this mission.");
    }
    assertCovers(review);
    // Completing takes the request at once, so it does not count against the mentor's open claims.
    const refusal = claimRefusal(review, mentor.id, 0, now);
    if (refusal) throw new AppError("INVALID_STATE", CLAIM_MESSAGES[refusal], { reason: refusal });
    const completed = await tx.mentorReview.update({
      where: { id: review.id },
      data: {
        status: "COMPLETED",
        mentorId: mentor.id,
        claimedAt: review.status === "CLAIMED" && review.mentorId === mentor.id ? undefined : now,
        claimExpiresAt: null,
        scores: scores,
        total: result.total,
        passed: result.passed,
        comments: input.comments || null,
        rubricVersionId,
        decision,
        completedAt: now,
      },
      select: { id: true, rubricVersion: { select: { version: true } } },
    });
    await tx.missionProgress.update({
      where: { id: review.progressId },
      data: { status: nextStatus, approvedAt: nextStatus === "APPROVED" ? now : null, updatedAt: now, version: { increment: 1 } },
    });
    if (nextStatus === "APPROVED") {
      await approveSubmissionIn(tx, { submissionId: review.submissionId, userId: review.studentId, score: result.total, approvedBy: "mentor", mentorApproved: true, at: now });
    } else {
      await withdrawApprovalIn(tx, { submissionId: review.submissionId, userId: review.studentId });
    }
    await createNotificationIn(tx, {
      userId: review.studentId,
      kind: "mentor-review-done",
      title: "Your mentor review is ready",
      body:
        nextStatus === "APPROVED"
          ? `A mentor scored attempt ${review.attempt} of “${review.missionTitle}” ${result.total}/100 and approved it.`
          : `A mentor scored attempt ${review.attempt} of “${review.missionTitle}” ${result.total}/100 and asked for changes: read their comments, improve your work and submit again.`,
      link: `/dashboard/student/missions/${review.missionSlug}#review`,
      dedupeKey: `mentor-review-done:${review.id}`,
      emailTo: review.studentEmail,
    });
    await publishReviewChange(tx, review.progressId);
    return {
      id: completed.id,
      progressId: review.progressId,
      attempt: review.attempt,
      status: "completed" as const,
      decision: input.decision,
      total: result.total,
      passed: result.passed,
      comments: input.comments || null,
      scores,
      rubricVersion: completed.rubricVersion?.version ?? 1,
      progressStatus: nextStatus,
      completedAt: now.toISOString(),
    };
  });
}

/** The mission's rubric as it is now (what the mentor scores against). */
async function loadRubric(db: Db, progressId: string): Promise<{ missionId: string; rubric: Rubric }> {
  const progress = await db.missionProgress.findUnique({
    where: { id: progressId },
    select: {
      mission: {
        select: {
          id: true,
          passThreshold: true,
          rubric: { orderBy: { position: "asc" }, select: { key: true, title: true, description: true, weight: true, maxScore: true, levels: true } },
        },
      },
    },
  });
  if (!progress) throw AppError.notFound("This mission progress");
  const { mission } = progress;
  return {
    missionId: mission.id,
    rubric: { passThreshold: mission.passThreshold, criteria: mission.rubric.map((criterion) => ({ ...criterion, levels: readLevels(criterion.levels) })) },
  };
}

/** The mentor's queue: what they hold, and the oldest requests they may take, with how long each has waited. */
export async function mentorQueue(db: Db, mentor: PublicUser, rawFilters: unknown, now = new Date()) {
  const filters = parseOrThrow(mentorQueueFilters, rawFilters ?? {});
  const where = {
    trackSlug: filters.track ?? null,
    capstone: filters.capstone === undefined ? null : filters.capstone === "yes",
    regrade: filters.regrade === undefined ? null : filters.regrade === "yes",
  };
  const { items, waiting, claims, tracks } = await mentorQueuePage(db, mentor.id, now, where);
  return {
    filters,
    tracks,
    waiting: Math.min(waiting, QUEUE_COUNT_CAP),
    waitingCapped: waiting > QUEUE_COUNT_CAP,
    claimsLeft: Math.max(0, MAX_CLAIMS_PER_MENTOR - claims.length),
    claims: claims.map((claim) => ({ ...claim, requestedAt: claim.requestedAt.toISOString(), claimExpiresAt: claim.claimExpiresAt.toISOString() })),
    items: items.map((row) => ({
      ...row,
      requestedAt: row.requestedAt.toISOString(),
      waitedSeconds: Math.max(0, Math.round((now.getTime() - row.requestedAt.getTime()) / 1000)),
    })),
  };
}
