import { evidenceCountBySubtask, readSubtaskState, submissionChecklist, isEditable, type MissingItem } from "~/domain/mission-progress";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { idSchema } from "~/utils/validation";
import { submitInput } from "./schemas";
import { buildSnapshot } from "./snapshot";
import type { PublicUser } from "~/features/accounts/service.server";
import { parseOrThrow } from "~/utils/validation";
import { lockProgressForUpdate } from "./queries.server";
import { enqueueAiReview } from "~/features/reviews/queue.server";

async function loadForSubmission(db: Db | Parameters<Parameters<Db["$transaction"]>[0]>[0], userId: string, progressId: string) {
  const progress = await db.missionProgress.findUnique({
    where: { id: progressId },
    select: {
      id: true,
      userId: true,
      status: true,
      version: true,
      currentAttempt: true,
      subtaskState: true,
      mission: { select: { id: true, title: true, subtasks: { orderBy: { position: "asc" }, select: { id: true, position: true, title: true, evidenceRequired: true } } } },
      files: { select: { id: true, subtaskId: true, originalName: true, contentType: true, sizeBytes: true, sha256: true, createdAt: true } },
    },
  });
  if (!progress || progress.userId !== userId) throw AppError.notFound("This mission progress");
  return progress;
}

/** What is still missing before the student can submit (for the page's checklist). */
export async function getSubmissionChecklist(db: Db, user: PublicUser, rawProgressId: unknown, reflection: string | null = null): Promise<MissingItem[]> {
  const progress = await loadForSubmission(db, user.id, parseOrThrow(idSchema, rawProgressId));
  const subtaskIds = progress.mission.subtasks.map((subtask) => subtask.id);
  return submissionChecklist(progress.mission.subtasks, readSubtaskState(progress.subtaskState, subtaskIds), evidenceCountBySubtask(progress.files), reflection);
}

/**
 * Submits the current work as a new attempt: checks completeness, freezes a snapshot (subtask
 * state, file list, reflection), locks the files, moves the progress to SUBMITTED and queues the
 * AI review — all in one transaction, with the progress row locked so a double click or two tabs
 * cannot create two attempts.
 */
export async function submitProgress(db: Db, user: PublicUser, rawProgressId: unknown, rawInput: unknown, now = new Date()) {
  const progressId = parseOrThrow(idSchema, rawProgressId);
  const { reflection } = parseOrThrow(submitInput, rawInput);
  return await db.$transaction(async (tx) => {
    await lockProgressForUpdate(tx, progressId);
    const progress = await loadForSubmission(tx, user.id, progressId);
    if (!isEditable(progress.status)) {
      throw new AppError("INVALID_STATE", "This attempt has already been submitted. You can submit again if changes are requested.", { status: progress.status });
    }
    const subtaskIds = progress.mission.subtasks.map((subtask) => subtask.id);
    const state = readSubtaskState(progress.subtaskState, subtaskIds);
    const missing = submissionChecklist(progress.mission.subtasks, state, evidenceCountBySubtask(progress.files), reflection);
    if (missing.length > 0) {
      throw new AppError("INCOMPLETE_SUBMISSION", `Not ready to submit yet: ${missing.length} item${missing.length === 1 ? "" : "s"} to finish.`, { missing });
    }
    const attempt = progress.currentAttempt + 1;
    const snapshot = buildSnapshot({
      attempt,
      missionTitle: progress.mission.title,
      version: progress.version,
      subtasks: state,
      files: progress.files,
      reflection: reflection.trim(),
    });
    const submission = await tx.submission.create({
      data: { progressId, attempt, reflection: snapshot.reflection, snapshot, createdAt: now, aiReview: { create: { status: "PENDING" } } },
      select: { id: true, attempt: true, reflection: true, createdAt: true },
    });
    await tx.evidenceFile.updateMany({ where: { progressId, lockedAt: null }, data: { lockedAt: now } });
    await tx.missionProgress.update({
      where: { id: progressId },
      data: { status: "SUBMITTED", currentAttempt: attempt, submittedAt: now, version: { increment: 1 } },
    });
    await enqueueAiReview(tx, submission.id);
    return {
      id: submission.id,
      progressId,
      attempt: submission.attempt,
      reflection: submission.reflection,
      createdAt: submission.createdAt.toISOString(),
      status: "SUBMITTED" as const,
      aiReview: { status: "PENDING" as const },
    };
  });
}
