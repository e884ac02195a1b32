import crypto from "node:crypto";
import { z } from "zod";
import { enqueueJob } from "#jobs/enqueue.server";
import { evidenceStorageFor, newStorageKey, readStream, StorageObjectNotFoundError, type EvidenceStorage, type StorageBackend } from "~/adapters/storage/storage.server";
import { ACCEPTED_FILE_TYPES_DESCRIPTION, detectFileType, fileTooLargeMessage, formatMiB, storedFileName, type DetectedFileType } from "~/domain/file-types";
import { isEditable } from "~/domain/mission-progress";
import { logger } from "~/server/logger.server";
import type { Db, Prisma, Queryable } from "~/utils/db.server";
import { deleteEditableEvidence, evidenceBytesUsed, lockEvidenceQuota, progressForUpload } from "./queries.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { idSchema } from "~/utils/validation";
import { assertCanReadProgress, evidenceUrl, type EvidenceFileView } from "~/features/progress/service.server";
import type { PublicUser } from "~/features/accounts/service.server";
import { parseOrThrow } from "~/utils/validation";
import { hitRateLimit, rateLimited } from "~/features/accounts/rate-limit.server";

/** How much evidence one student may keep stored, across all missions. */
export const EVIDENCE_QUOTA_BYTES = 500 * 1024 * 1024;

/** How many files one step of a mission may hold. */
export const MAX_FILES_PER_SUBTASK = 10;

/** Uploads one student may start per minute, across all missions. */
export const EVIDENCE_UPLOADS_PER_MINUTE = 30;

export interface EvidenceLimits {
  /** Per file; UPLOAD_MAX_BYTES by default. */
  maxBytes?: number;
  /** Per student; EVIDENCE_QUOTA_BYTES by default. */
  quotaBytes?: number;
  /** Per student per minute; EVIDENCE_UPLOADS_PER_MINUTE by default. */
  uploadsPerMinute?: number;
}

export interface UploadEvidenceInput {
  subtaskId: unknown;
  fileName: unknown;
  /** What the browser claimed; recorded nowhere and never trusted (the content decides). */
  claimedType?: unknown;
  data: Buffer;
}

const evidenceFileSelect = {
  id: true,
  subtaskId: true,
  originalName: true,
  contentType: true,
  sizeBytes: true,
  lockedAt: true,
  createdAt: true,
} satisfies Prisma.EvidenceFileSelect;

type EvidenceFileRow = Prisma.EvidenceFileGetPayload<{ select: typeof evidenceFileSelect }>;

export function toEvidenceFileView(row: EvidenceFileRow): EvidenceFileView {
  return {
    id: row.id,
    subtaskId: row.subtaskId,
    originalName: row.originalName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    locked: row.lockedAt !== null,
    createdAt: row.createdAt.toISOString(),
    url: evidenceUrl(row.id),
  };
}

const subtaskIdSchema = z.object({ subtaskId: idSchema });

const PROGRESS_NOT_FOUND = "This mission progress";
const NOT_EDITABLE_MESSAGE = "This work has been submitted, so its evidence can no longer be changed. It opens again if changes are requested.";

function unsupportedType(): AppError {
  return new AppError("UNSUPPORTED_FILE_TYPE", `This kind of file is not accepted as evidence. Upload ${ACCEPTED_FILE_TYPES_DESCRIPTION}.`, {
    accepted: ACCEPTED_FILE_TYPES_DESCRIPTION,
  });
}

function quotaExceeded(quotaBytes: number, usedBytes: number): AppError {
  return new AppError(
    "FILE_TOO_LARGE",
    `Your evidence storage is full: each student can keep ${formatMiB(quotaBytes)} of evidence and you use ${formatMiB(usedBytes)}. Delete files you no longer need, then try again.`,
    { quotaBytes, usedBytes },
  );
}

function tooManyFiles(): AppError {
  return new AppError("VALIDATION_FAILED", `A step can hold at most ${MAX_FILES_PER_SUBTASK} files. Delete one you no longer need, then upload again.`, {
    fieldErrors: { file: [`At most ${MAX_FILES_PER_SUBTASK} files per step`] },
  });
}

function limitsOf(limits: EvidenceLimits) {
  return {
    maxBytes: limits.maxBytes ?? getEnv().UPLOAD_MAX_BYTES,
    quotaBytes: limits.quotaBytes ?? EVIDENCE_QUOTA_BYTES,
    uploadsPerMinute: limits.uploadsPerMinute ?? EVIDENCE_UPLOADS_PER_MINUTE,
  };
}

async function usedBytes(db: Queryable, ownerId: string): Promise<number> {
  const [row] = await evidenceBytesUsed(db, ownerId);
  return row?.used ?? 0;
}

/**
 * The checks that need no file content: the progress is the caller's (else NOT_FOUND, as if it
 * did not exist), still editable, and the subtask belongs to its mission. With `sizeBytes`
 * (declared by a client before uploading) also the size limit and the storage quota. With
 * `countUpload`, the call counts as one upload against the student's uploads per minute: the
 * entry points (before an upload's body is read, and UploadThing's middleware) pass it, once per
 * file.
 */
export async function assertCanUploadEvidence(
  db: Db,
  user: Pick<PublicUser, "id">,
  rawProgressId: unknown,
  options: { subtaskId?: unknown; sizeBytes?: number; countUpload?: boolean } & EvidenceLimits = {},
): Promise<{ progressId: string; missionId: string; subtaskId?: string }> {
  const progressId = parseOrThrow(idSchema, rawProgressId);
  if (options.countUpload) {
    const uploads = await hitRateLimit(db, `evidence-upload:${user.id}`, limitsOf(options).uploadsPerMinute, 60_000);
    if (!uploads.allowed) throw rateLimited("That is a lot of uploads at once.", uploads.retryAfterSeconds);
  }
  const progress = await db.missionProgress.findUnique({ where: { id: progressId }, select: { id: true, userId: true, missionId: true, status: true } });
  if (!progress || progress.userId !== user.id) throw AppError.notFound(PROGRESS_NOT_FOUND);
  if (!isEditable(progress.status)) throw new AppError("INVALID_STATE", NOT_EDITABLE_MESSAGE, { status: progress.status });
  let subtaskId: string | undefined;
  if (options.subtaskId !== undefined) {
    subtaskId = parseOrThrow(subtaskIdSchema, { subtaskId: options.subtaskId }).subtaskId;
    const subtask = await db.subtask.findFirst({ where: { id: subtaskId, missionId: progress.missionId }, select: { id: true } });
    if (!subtask) throw new AppError("VALIDATION_FAILED", "This step is not part of the mission.", { fieldErrors: { subtaskId: ["Not a subtask of this mission"] } });
    if ((await db.evidenceFile.count({ where: { progressId, subtaskId } })) >= MAX_FILES_PER_SUBTASK) throw tooManyFiles();
  }
  if (options.sizeBytes !== undefined) {
    const { maxBytes, quotaBytes } = limitsOf(options);
    if (options.sizeBytes <= 0) throw emptyFile();
    if (options.sizeBytes > maxBytes) throw new AppError("FILE_TOO_LARGE", fileTooLargeMessage(maxBytes), { maxBytes });
    const used = await usedBytes(db, user.id);
    if (used + options.sizeBytes > quotaBytes) throw quotaExceeded(quotaBytes, used);
  }
  return { progressId: progress.id, missionId: progress.missionId, subtaskId };
}

function emptyFile(): AppError {
  return new AppError("VALIDATION_FAILED", "This file is empty.", { fieldErrors: { file: ["The file is empty"] } });
}

interface CheckedContent {
  detected: DetectedFileType;
  sha256: string;
  sizeBytes: number;
}

function checkContent(data: Buffer, maxBytes: number): CheckedContent {
  if (data.length === 0) throw emptyFile();
  if (data.length > maxBytes) throw new AppError("FILE_TOO_LARGE", fileTooLargeMessage(maxBytes), { maxBytes });
  const detected = detectFileType(data);
  if (!detected) throw unsupportedType();
  return { detected, sha256: crypto.createHash("sha256").update(data).digest("hex"), sizeBytes: data.length };
}

/**
 * Inserts the row for a blob that is already stored, under a per-student advisory lock so that
 * concurrent uploads cannot overshoot the quota, and with the progress row share-locked so a
 * submission running at the same time either sees the file or the upload sees the submission.
 */
async function insertEvidenceRow(
  db: Db,
  params: {
    ownerId: string;
    progressId: string;
    subtaskId: string;
    originalName: string;
    storageKey: string;
    backend: StorageBackend;
    content: CheckedContent;
    quotaBytes: number;
  },
): Promise<EvidenceFileView> {
  return await db.$transaction(async (tx) => {
    await lockEvidenceQuota(tx, params.ownerId);
    const [progress] = await progressForUpload(tx, params.progressId);
    if (!progress || progress.userId !== params.ownerId) throw AppError.notFound(PROGRESS_NOT_FOUND);
    if (!isEditable(progress.status)) throw new AppError("INVALID_STATE", NOT_EDITABLE_MESSAGE, { status: progress.status });
    const used = await usedBytes(tx, params.ownerId);
    if (used + params.content.sizeBytes > params.quotaBytes) throw quotaExceeded(params.quotaBytes, used);
    // Counted under the owner's lock, so parallel uploads cannot pass the limit together.
    if ((await tx.evidenceFile.count({ where: { progressId: params.progressId, subtaskId: params.subtaskId } })) >= MAX_FILES_PER_SUBTASK) throw tooManyFiles();
    const row = await tx.evidenceFile.create({
      data: {
        progressId: params.progressId,
        subtaskId: params.subtaskId,
        ownerId: params.ownerId,
        originalName: params.originalName,
        storageKey: params.storageKey,
        storage: params.backend,
        contentType: params.content.detected.mime,
        sizeBytes: params.content.sizeBytes,
        sha256: params.content.sha256,
      },
      select: evidenceFileSelect,
    });
    return toEvidenceFileView(row);
  });
}

/**
 * Removes a blob whose row is gone (or was never written). When the storage refuses now, a
 * `delete-evidence-blob` job retries with back-off, so nobody's file lingers in storage.
 */
async function deleteBlobQuietly(db: Db, storage: EvidenceStorage, key: string): Promise<void> {
  try {
    await storage.delete(key);
  } catch (error) {
    try {
      await enqueueJob(db, "delete-evidence-blob", { backend: storage.backend, key }, { jobKey: `delete-evidence-blob:${key}` });
      logger.warn({ error, key, backend: storage.backend }, "could not delete an evidence blob; a job will retry");
    } catch (enqueueError) {
      logger.error({ error, enqueueError, key, backend: storage.backend }, "could not delete an evidence blob nor queue its deletion; it is orphaned");
    }
  }
}

/**
 * Attaches an evidence file to a subtask of the caller's mission progress. Every check runs
 * before anything is stored; the blob is written first, then the row, and the blob is removed
 * again when the row cannot be written.
 */
export async function uploadEvidence(
  db: Db,
  storage: EvidenceStorage,
  user: Pick<PublicUser, "id">,
  rawProgressId: unknown,
  input: UploadEvidenceInput,
  limits: EvidenceLimits = {},
): Promise<EvidenceFileView> {
  const { maxBytes, quotaBytes } = limitsOf(limits);
  const { progressId, subtaskId } = await assertCanUploadEvidence(db, user, rawProgressId, { subtaskId: input.subtaskId ?? "" });
  const content = checkContent(input.data, maxBytes);
  const used = await usedBytes(db, user.id);
  if (used + content.sizeBytes > quotaBytes) throw quotaExceeded(quotaBytes, used);

  const storageKey = newStorageKey();
  await storage.put(storageKey, input.data, content.detected.mime);
  try {
    return await insertEvidenceRow(db, {
      ownerId: user.id,
      progressId,
      subtaskId: subtaskId!,
      originalName: storedFileName(input.fileName, content.detected),
      storageKey,
      backend: storage.backend,
      content,
      quotaBytes,
    });
  } catch (error) {
    await deleteBlobQuietly(db, storage, storageKey);
    throw error;
  }
}

/**
 * For uploads that went straight from the browser to the storage backend (UploadThing): the
 * stored bytes are read back and put through the same rules as `uploadEvidence`. When any
 * check fails, the stored file is deleted and the error is thrown.
 */
export async function recordStoredEvidence(
  db: Db,
  storage: EvidenceStorage,
  user: Pick<PublicUser, "id">,
  rawProgressId: unknown,
  input: { subtaskId: unknown; fileName: unknown; storageKey: string },
  limits: EvidenceLimits = {},
): Promise<EvidenceFileView> {
  const { maxBytes, quotaBytes } = limitsOf(limits);
  try {
    const { progressId, subtaskId } = await assertCanUploadEvidence(db, user, rawProgressId, { subtaskId: input.subtaskId ?? "" });
    // One byte more than allowed is enough to know it is too large.
    const data = await readStream(await storage.get(input.storageKey), maxBytes + 1);
    const content = checkContent(data, maxBytes);
    return await insertEvidenceRow(db, {
      ownerId: user.id,
      progressId,
      subtaskId: subtaskId!,
      originalName: storedFileName(input.fileName, content.detected),
      storageKey: input.storageKey,
      backend: storage.backend,
      content,
      quotaBytes,
    });
  } catch (error) {
    await deleteBlobQuietly(db, storage, input.storageKey);
    throw error;
  }
}

function storageOf(storage: EvidenceStorage, backend: StorageBackend): EvidenceStorage {
  return storage.backend === backend ? storage : evidenceStorageFor(backend);
}

/**
 * Removes one of the caller's evidence files while the work is editable. Files of a submitted
 * attempt (lockedAt set) stay forever. The row goes first (guarded against a concurrent
 * submission locking it), then the blob.
 */
export async function deleteEvidence(db: Db, storage: EvidenceStorage, user: Pick<PublicUser, "id">, rawFileId: unknown, options: { progressId?: string } = {}): Promise<void> {
  const fileId = parseOrThrow(idSchema, rawFileId);
  const file = await db.evidenceFile.findUnique({
    where: { id: fileId },
    select: { id: true, ownerId: true, progressId: true, lockedAt: true, storageKey: true, storage: true, progress: { select: { status: true } } },
  });
  if (!file || file.ownerId !== user.id || (options.progressId !== undefined && file.progressId !== options.progressId)) throw AppError.notFound("This file");
  if (file.lockedAt) throw new AppError("INVALID_STATE", "Files of a submitted attempt cannot be changed.");
  if (!isEditable(file.progress.status)) throw new AppError("INVALID_STATE", NOT_EDITABLE_MESSAGE, { status: file.progress.status });
  const deleted = await deleteEditableEvidence(db, file.id);
  if (deleted.length === 0) throw new AppError("INVALID_STATE", "Files of a submitted attempt cannot be changed.");
  await deleteBlobQuietly(db, storageOf(storage, file.storage), file.storageKey);
}

export interface OpenedEvidence {
  id: string;
  progressId: string;
  stream: ReadableStream<Uint8Array> | NodeJS.ReadableStream;
  contentType: string;
  sizeBytes: number;
  fileName: string;
  /** Images and PDF may be shown in the browser; everything else is downloaded. */
  inline: boolean;
  sha256: string;
}

const INLINE_SAFE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"]);

/**
 * Opens an evidence file for reading: its student, admins, and mentors allowed by
 * `assertCanReadProgress`. Everyone else gets NOT_FOUND, exactly as if it did not exist.
 */
export async function openEvidence(db: Db, storage: EvidenceStorage, user: PublicUser, rawFileId: unknown): Promise<OpenedEvidence> {
  const fileId = parseOrThrow(idSchema, rawFileId);
  const file = await db.evidenceFile.findUnique({
    where: { id: fileId },
    select: {
      id: true,
      progressId: true,
      originalName: true,
      storageKey: true,
      storage: true,
      contentType: true,
      sizeBytes: true,
      sha256: true,
      progress: { select: { id: true, userId: true } },
    },
  });
  if (!file) throw AppError.notFound("This file");
  try {
    await assertCanReadProgress(db, user, file.progress);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") throw AppError.notFound("This file");
    throw error;
  }
  return await openStoredEvidence(storage, file);
}

/**
 * The stored bytes of a file the caller has already been allowed to read (by openEvidence's
 * rule above, or the public portfolio's: a file the student chose to show).
 */
export async function openStoredEvidence(
  storage: EvidenceStorage,
  file: { id: string; progressId: string; originalName: string; storageKey: string; storage: StorageBackend; contentType: string; sizeBytes: number; sha256: string },
): Promise<OpenedEvidence> {
  let stream: OpenedEvidence["stream"];
  try {
    stream = await storageOf(storage, file.storage).get(file.storageKey);
  } catch (error) {
    if (error instanceof StorageObjectNotFoundError) {
      logger.error({ fileId: file.id, key: file.storageKey, backend: file.storage }, "evidence row without its stored content");
      throw new AppError("NOT_FOUND", "This file's content is missing from storage.");
    }
    throw error;
  }
  return {
    id: file.id,
    progressId: file.progressId,
    stream,
    contentType: file.contentType,
    sizeBytes: file.sizeBytes,
    fileName: file.originalName,
    inline: INLINE_SAFE_TYPES.has(file.contentType),
    sha256: file.sha256,
  };
}
