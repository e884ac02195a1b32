import { mentorCoversTrack } from "~/domain/mentor-claims";
import { Prisma } from "@prisma/client";
import { isEditable, readSubtaskState, type ProgressStatus, type SubtaskStateMap } from "~/domain/mission-progress";
import type { Db } from "~/utils/db.server";
import { mergeProgressPatch, progressViewById } from "./queries.server";
import { AppError } from "~/utils/errors";
import { idSchema } from "~/utils/validation";
import { saveProgressInput } from "./schemas";
import type { PublicUser } from "~/features/accounts/service.server";
import { readSnapshot, type SubmissionSnapshot } from "~/features/submissions/snapshot";
import { parseOrThrow } from "~/utils/validation";

export const progressViewSelect = {
  id: true,
  userId: true,
  missionId: true,
  status: true,
  version: true,
  subtaskState: true,
  currentAttempt: true,
  startedAt: true,
  updatedAt: true,
  submittedAt: true,
  approvedAt: true,
  files: {
    orderBy: { createdAt: "asc" },
    select: { id: true, subtaskId: true, originalName: true, contentType: true, sizeBytes: true, lockedAt: true, createdAt: true },
  },
  submissions: {
    orderBy: { attempt: "desc" },
    select: { id: true, attempt: true, reflection: true, snapshot: true, createdAt: true, aiReview: { select: { status: true, total: true, passed: true } } },
  },
} satisfies Prisma.MissionProgressSelect;

export type ProgressRow = Prisma.MissionProgressGetPayload<{ select: typeof progressViewSelect }>;

export interface EvidenceFileView {
  id: string;
  subtaskId: string;
  originalName: string;
  contentType: string;
  sizeBytes: number;
  locked: boolean;
  createdAt: string;
  url: string;
}

export interface ProgressView {
  id: string;
  missionId: string;
  status: ProgressStatus;
  version: number;
  editable: boolean;
  subtasks: SubtaskStateMap;
  currentAttempt: number;
  startedAt: string;
  updatedAt: string;
  submittedAt: string | null;
  files: EvidenceFileView[];
  submissions: {
    id: string;
    attempt: number;
    reflection: string;
    createdAt: string;
    snapshot: SubmissionSnapshot;
    aiReview: { status: string; total: number | null; passed: boolean | null } | null;
  }[];
}

export function evidenceUrl(fileId: string): string {
  return `/evidence/${fileId}`;
}

export function toProgressView(row: ProgressRow, subtaskIds: string[]): ProgressView {
  return {
    id: row.id,
    missionId: row.missionId,
    status: row.status,
    version: row.version,
    editable: isEditable(row.status),
    subtasks: readSubtaskState(row.subtaskState, subtaskIds),
    currentAttempt: row.currentAttempt,
    startedAt: row.startedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    files: row.files.map((file) => ({
      id: file.id,
      subtaskId: file.subtaskId,
      originalName: file.originalName,
      contentType: file.contentType,
      sizeBytes: file.sizeBytes,
      locked: file.lockedAt !== null,
      createdAt: file.createdAt.toISOString(),
      url: evidenceUrl(file.id),
    })),
    submissions: row.submissions.map((submission) => ({
      id: submission.id,
      attempt: submission.attempt,
      reflection: submission.reflection,
      createdAt: submission.createdAt.toISOString(),
      snapshot: readSnapshot(submission.snapshot, submission),
      aiReview: submission.aiReview,
    })),
  };
}

async function subtaskIdsOf(db: Db | Prisma.TransactionClient, missionId: string): Promise<string[]> {
  const subtasks = await db.subtask.findMany({ where: { missionId }, orderBy: { position: "asc" }, select: { id: true } });
  return subtasks.map((subtask) => subtask.id);
}

/**
 * Who may read a progress record: its student; the mentor who claimed one of its reviews (or
 * any mentor while a review waits in the queue); admins. Everyone else gets NOT_FOUND, exactly
 * as if it did not exist.
 */
export async function assertCanReadProgress(db: Db, user: PublicUser, progress: { id: string; userId: string }): Promise<void> {
  if (progress.userId === user.id || user.role === "ADMIN") return;
  if (user.role === "MENTOR") {
    // Work the mentor holds or decided, or a request nobody holds (mentor-claims: mentorMayRead), in a track the mentor covers.
    const review = await db.mentorReview.findFirst({
      where: { submission: { progressId: progress.id }, OR: [{ mentorId: user.id }, { status: "REQUESTED" }, { status: "CLAIMED", claimExpiresAt: { lte: new Date() } }] },
      select: { submission: { select: { progress: { select: { mission: { select: { trackId: true } } } } } } },
    });
    if (review) {
      const assigned = await db.mentorTrack.findMany({ where: { mentorId: user.id }, select: { trackId: true } });
      if (
        mentorCoversTrack(
          assigned.map((row) => row.trackId),
          review.submission.progress.mission.trackId,
        )
      )
        return;
    }
  }
  throw AppError.notFound("This mission progress");
}

/** A progress record with its files, attempts and reviews and its mission's steps: one statement. */
export async function getProgress(db: Db, user: PublicUser, rawProgressId: unknown): Promise<ProgressView> {
  const progressId = parseOrThrow(idSchema, rawProgressId);
  const [found] = await progressViewById(db, progressId);
  if (!found) throw AppError.notFound("This mission progress");
  await assertCanReadProgress(db, user, found.progress);
  return toProgressView(found.progress, found.subtaskIds);
}

export interface SavedProgress {
  id: string;
  status: ProgressStatus;
  version: number;
  subtasks: SubtaskStateMap;
  updatedAt: string;
}

/**
 * Autosave. One statement on the happy path: the patch is merged into each subtask's JSON in
 * PostgreSQL, guarded by owner, version, editable status and subtask ids, and bumps the version.
 * When nothing matched, a second look says why: unknown (404), not editable (409 INVALID_STATE),
 * a stale version (409 VERSION_CONFLICT, with the current state so the page can show both) or a
 * subtask that is not part of the mission (400).
 */
export async function saveProgress(db: Db, user: PublicUser, rawProgressId: unknown, rawInput: unknown, now = new Date()): Promise<SavedProgress> {
  const progressId = parseOrThrow(idSchema, rawProgressId);
  const input = parseOrThrow(saveProgressInput, rawInput);
  const stamp = now.toISOString();
  const patch: Record<string, Record<string, unknown>> = {};
  for (const [subtaskId, change] of Object.entries(input.subtasks)) patch[subtaskId] = { ...change, updatedAt: stamp };
  const rows = await mergeProgressPatch(db, progressId, user.id, input.version, JSON.stringify(patch), now);
  const saved = rows[0];
  if (saved) {
    const subtasks = readSubtaskState(saved.subtaskState, Object.keys(saved.subtaskState));
    return { id: saved.id, status: saved.status, version: saved.version, subtasks, updatedAt: saved.updatedAt.toISOString() };
  }
  const current = await db.missionProgress.findUnique({
    where: { id: progressId },
    select: { id: true, userId: true, missionId: true, status: true, version: true, subtaskState: true, updatedAt: true },
  });
  if (!current || current.userId !== user.id) throw AppError.notFound("This mission progress");
  if (!isEditable(current.status)) {
    throw new AppError("INVALID_STATE", "This work has been submitted and can no longer be edited. It opens again if changes are requested.", { status: current.status });
  }
  const subtaskIds = await subtaskIdsOf(db, current.missionId);
  const unknown = Object.keys(input.subtasks).filter((id) => !subtaskIds.includes(id));
  if (unknown.length > 0) {
    throw new AppError("VALIDATION_FAILED", "Some subtasks are not part of this mission.", {
      fieldErrors: Object.fromEntries(unknown.map((id) => [`subtasks.${id}`, ["Not a subtask of this mission"]])),
    });
  }
  throw new AppError("VERSION_CONFLICT", "This work was changed somewhere else (another tab or device) since you loaded it.", {
    current: {
      id: current.id,
      status: current.status,
      version: current.version,
      subtasks: readSubtaskState(current.subtaskState, subtaskIds),
      updatedAt: current.updatedAt.toISOString(),
    },
    yourVersion: input.version,
  });
}
