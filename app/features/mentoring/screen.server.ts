import { isHeld, mentorCoversTrack, mentorMayRead } from "~/domain/mentor-claims";
import type { Rubric } from "~/domain/rubric";
import type { PublicUser } from "~/features/accounts/service.server";
import { readLevels } from "~/features/reviews/service.server";
import { attemptReviewsOf } from "~/features/reviews/view.server";
import { readSnapshot } from "~/features/submissions/snapshot";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { idSchema, parseOrThrow } from "~/utils/validation";
import { diffText, hasChanges, type DiffPart } from "./attempt-diff";
import { mentorScoreSchema } from "./schemas";

const INLINE_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/**
 * Everything a mentor reads to decide on a request (issue: "the review screen"): the mission and
 * its rubric with level descriptors, the attempt's notes, reflection and evidence, the AI review,
 * the student's reason and disputed criteria, and what changed since the previous attempt.
 */
export async function mentorReviewScreen(db: Db, mentor: PublicUser, rawReviewId: unknown, now = new Date()) {
  const reviewId = parseOrThrow(idSchema, rawReviewId);
  const request = await db.mentorReview.findUnique({
    where: { id: reviewId },
    select: {
      id: true,
      status: true,
      reason: true,
      disputedCriteria: true,
      requestedAt: true,
      claimExpiresAt: true,
      mentorId: true,
      mentor: { select: { name: true } },
      scores: true,
      total: true,
      comments: true,
      decision: true,
      completedAt: true,
      submission: {
        select: {
          id: true,
          attempt: true,
          reflection: true,
          snapshot: true,
          progress: {
            select: {
              id: true,
              userId: true,
              status: true,
              currentAttempt: true,
              user: { select: { name: true } },
              submissions: { orderBy: { attempt: "desc" }, select: { attempt: true, reflection: true, snapshot: true } },
              mission: {
                select: {
                  id: true,
                  slug: true,
                  title: true,
                  summary: true,
                  objectives: true,
                  successCriteria: true,
                  isCapstone: true,
                  passThreshold: true,
                  trackId: true,
                  track: { select: { title: true } },
                  subtasks: { orderBy: { position: "asc" }, select: { id: true, position: true, title: true, evidenceRequired: true } },
                  rubric: { orderBy: { position: "asc" }, select: { key: true, title: true, description: true, weight: true, maxScore: true, levels: true } },
                },
              },
            },
          },
        },
      },
    },
  });
  if (!request) throw AppError.notFound("This review request");
  const { submission } = request;
  const { progress } = submission;
  const { mission } = progress;
  const assigned = await db.mentorTrack.findMany({ where: { mentorId: mentor.id }, select: { trackId: true } });
  if (
    !mentorCoversTrack(
      assigned.map((row) => row.trackId),
      mission.trackId,
    )
  )
    throw new AppError("FORBIDDEN", "This review belongs to a track you are not assigned to.");

  const claim = { status: request.status, mentorId: request.mentorId, claimExpiresAt: request.claimExpiresAt };
  if (!mentorMayRead(claim, mentor.id, now)) {
    throw new AppError(
      "INVALID_STATE",
      request.status === "COMPLETED" ? "Another mentor has decided this review." : "Another mentor is reviewing this now. Pick another review from the queue.",
    );
  }
  const rubric: Rubric = { passThreshold: mission.passThreshold, criteria: mission.rubric.map((criterion) => ({ ...criterion, levels: readLevels(criterion.levels) })) };
  const snapshot = readSnapshot(submission.snapshot, { attempt: submission.attempt, reflection: submission.reflection });
  const previousRow = progress.submissions.find((row) => row.attempt === submission.attempt - 1);
  const previous = previousRow ? readSnapshot(previousRow.snapshot, { attempt: previousRow.attempt, reflection: previousRow.reflection }) : null;
  const reviews = await attemptReviewsOf(db, progress.id, progress.userId, rubric);
  const aiReview = reviews.find((review) => review.attempt === submission.attempt) ?? null;
  const held = isHeld(claim, now);

  const comparison = (before: string, after: string): DiffPart[] | null => {
    if (!previous) return null;
    const parts = diffText(before, after);
    return hasChanges(parts) ? parts : [];
  };
  return {
    request: {
      id: request.id,
      status: request.status === "COMPLETED" ? ("completed" as const) : held ? ("claimed" as const) : ("waiting" as const),
      reason: request.reason,
      disputedCriteria: request.disputedCriteria,
      requestedAt: request.requestedAt.toISOString(),
      heldByMe: held && request.mentorId === mentor.id,
      claimExpiresAt: held ? request.claimExpiresAt!.toISOString() : null,
      /** Only the latest attempt's request can be decided. */
      decidable: request.status !== "COMPLETED" && submission.attempt === progress.currentAttempt,
      result:
        request.status === "COMPLETED" && request.decision && request.total !== null
          ? {
              decision: request.decision,
              total: request.total,
              comments: request.comments,
              scores: mentorScoreSchema.array().catch([]).parse(request.scores),
              completedAt: request.completedAt?.toISOString() ?? null,
              by: request.mentor?.name ?? null,
            }
          : null,
    },
    student: { name: progress.user.name },
    progress: { id: progress.id, status: progress.status },
    mission: {
      title: mission.title,
      slug: mission.slug,
      summary: mission.summary,
      track: mission.track.title,
      objectives: mission.objectives,
      successCriteria: mission.successCriteria,
      isCapstone: mission.isCapstone,
      passThreshold: mission.passThreshold,
      rubric: rubric.criteria.map((criterion) => ({ ...criterion, levels: [...criterion.levels].sort((a, b) => a.score - b.score) })),
    },
    attempt: {
      number: submission.attempt,
      previousNumber: previous?.attempt ?? null,
      reflection: snapshot.reflection,
      reflectionDiff: comparison(previous?.reflection ?? "", snapshot.reflection),
      steps: mission.subtasks.map((subtask) => {
        const notes = snapshot.subtasks[subtask.id]?.notes ?? "";
        return {
          id: subtask.id,
          position: subtask.position,
          title: subtask.title,
          completed: snapshot.subtasks[subtask.id]?.completed ?? false,
          notes,
          notesDiff: comparison(previous?.subtasks[subtask.id]?.notes ?? "", notes),
          files: snapshot.files
            .filter((file) => file.subtaskId === subtask.id)
            .map((file) => ({
              id: file.id,
              name: file.originalName,
              contentType: file.contentType,
              sizeBytes: file.sizeBytes,
              url: `/evidence/${file.id}`,
              preview: INLINE_IMAGES.has(file.contentType) ? ("image" as const) : file.contentType === "application/pdf" ? ("pdf" as const) : null,
            })),
        };
      }),
    },
    aiReview,
  };
}

export type MentorReviewScreen = Awaited<ReturnType<typeof mentorReviewScreen>>;
