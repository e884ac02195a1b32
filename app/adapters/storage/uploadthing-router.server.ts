import { createUploadthing, UTFiles, type FileRouter } from "uploadthing/remix";
import { UploadThingError } from "uploadthing/server";
import { z } from "zod";
import { assertCanUploadEvidence, recordStoredEvidence } from "~/features/evidence/service.server";
import { idSchema } from "~/utils/validation";
import type { EvidenceFileView } from "~/features/progress/service.server";
import { logger } from "~/server/logger.server";
import { getAuth } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError, isAppError, toAppError, type AppErrorCode } from "~/utils/errors";
import { evidenceStorageFor, newStorageKey } from "./storage.server";
import { UploadThingStorage } from "./uploadthing.server";

/**
 * UploadThing mode (UPLOADTHING_TOKEN set): the browser sends files straight to UploadThing.
 * Our route only hands out presigned URLs (after the middleware has checked the session, the
 * progress and the declared size/quota) and records the file when UploadThing calls back. The
 * callback re-reads the stored bytes and runs the same rules as a direct upload (type by
 * content, size, quota, editable progress); a file that fails them is deleted from UploadThing
 * and the client gets the error in `serverData`.
 */

const f = createUploadthing({
  errorFormatter: (error) => {
    const cause = error.cause;
    return { message: error.message, code: isAppError(cause) ? cause.code : undefined };
  },
});

/** Our error codes as UploadThing's (which decide the HTTP status of its route handler). */
const UT_CODES: Partial<Record<AppErrorCode, "BAD_REQUEST" | "FORBIDDEN" | "NOT_FOUND" | "TOO_LARGE">> = {
  VALIDATION_FAILED: "BAD_REQUEST",
  UNAUTHENTICATED: "FORBIDDEN",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  INVALID_STATE: "FORBIDDEN",
  FILE_TOO_LARGE: "TOO_LARGE",
  UNSUPPORTED_FILE_TYPE: "BAD_REQUEST",
};

function toUploadThingError(error: unknown): UploadThingError {
  const appError = toAppError(error);
  if (appError.code === "INTERNAL") logger.error({ error }, "UploadThing middleware failed");
  return new UploadThingError({ code: UT_CODES[appError.code] ?? "INTERNAL_SERVER_ERROR", message: appError.message, cause: appError });
}

/** UploadThing's own first-line limit ("blob" = any type; the content check is ours). */
function uploadThingSizeLimit(maxBytes: number): `${number}MB` {
  let megabytes = 1;
  while (megabytes * 1024 * 1024 < maxBytes && megabytes < 1024) megabytes *= 2;
  return `${megabytes}MB`;
}

type Plain<T> = { [K in keyof T]: T[K] };
/** What `onUploadComplete` hands back to the browser (`serverData`). */
export type EvidenceUploadResult = { ok: true; file: Plain<EvidenceFileView> } | { ok: false; error: { code: AppErrorCode; message: string } };

export function createEvidenceRouter() {
  const maxBytes = getEnv().UPLOAD_MAX_BYTES;
  return {
    evidence: f({ blob: { maxFileSize: uploadThingSizeLimit(maxBytes) as "32MB", maxFileCount: 10 } }, { awaitServerData: true })
      .input(z.object({ progressId: idSchema, subtaskId: idSchema }))
      .middleware(async ({ event, input, files }) => {
        try {
          const auth = await getAuth(event.request);
          if (!auth) throw new AppError("UNAUTHENTICATED", "Log in first.");
          const declared = files.reduce((sum, file) => sum + file.size, 0);
          for (const file of files) {
            await assertCanUploadEvidence(getDb(), auth.user, input.progressId, { subtaskId: input.subtaskId, sizeBytes: file.size, countUpload: true });
          }
          if (files.length > 1) await assertCanUploadEvidence(getDb(), auth.user, input.progressId, { sizeBytes: declared, maxBytes: Number.MAX_SAFE_INTEGER });
          return {
            userId: auth.user.id,
            progressId: input.progressId,
            subtaskId: input.subtaskId,
            // Our random storage key travels as UploadThing's customId.
            [UTFiles]: files.map((file) => ({ ...file, customId: newStorageKey() })),
          };
        } catch (error) {
          throw toUploadThingError(error);
        }
      })
      .onUploadComplete(async ({ metadata, file }): Promise<EvidenceUploadResult> => {
        const storage = evidenceStorageFor("UPLOADTHING");
        if (!file.customId) {
          // Not a file we can record: removed by UploadThing's own key.
          await new UploadThingStorage({ token: getEnv().UPLOADTHING_TOKEN ?? "" }).api.deleteFiles(file.key).catch(() => undefined);
          return { ok: false, error: { code: "VALIDATION_FAILED", message: "The upload lost its storage key; please try again." } };
        }
        try {
          const recorded = await recordStoredEvidence(getDb(), storage, { id: metadata.userId }, metadata.progressId, {
            subtaskId: metadata.subtaskId,
            fileName: file.name,
            storageKey: file.customId,
          });
          return { ok: true, file: recorded };
        } catch (error) {
          const appError = toAppError(error);
          if (appError.code === "INTERNAL") logger.error({ error, fileKey: file.key }, "recording an UploadThing upload failed");
          return { ok: false, error: { code: appError.code, message: appError.message } };
        }
      }),
  } satisfies FileRouter;
}

export type EvidenceRouter = ReturnType<typeof createEvidenceRouter>;
