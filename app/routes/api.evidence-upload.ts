import { getEvidenceStorage } from "~/adapters/storage/storage.server";
import { assertCanUploadEvidence, uploadEvidence } from "~/features/evidence/service.server";
import { allowMethods, apiHandler, json } from "~/utils/api.server";
import { requireApiUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { readEvidenceUpload } from "~/features/evidence/http.server";

/**
 * POST /api/evidence-upload — where the page's uploader sends files (session cookie; the CSRF
 * check of the HTTP server applies). Same body as the REST route plus `progressId`, which may
 * also come as `?progressId=` so a foreign or submitted progress is refused before the body is
 * read. Answers 201 with the file record or the JSON error shape.
 */
export const loader = apiHandler(async ({ request }) => {
  allowMethods(request, ["POST"]);
  return json({});
});

export const action = apiHandler(async ({ request }) => {
  allowMethods(request, ["POST"]);
  const { user } = await requireApiUser(request);
  const db = getDb();
  const queryProgressId = new URL(request.url).searchParams.get("progressId") ?? undefined;
  if (queryProgressId !== undefined) await assertCanUploadEvidence(db, user, queryProgressId);
  const upload = await readEvidenceUpload(request, { maxBytes: getEnv().UPLOAD_MAX_BYTES });
  const progressId = queryProgressId ?? upload.fields.progressId;
  if (upload.fields.progressId !== undefined && queryProgressId !== undefined && upload.fields.progressId !== queryProgressId) {
    throw new AppError("VALIDATION_FAILED", "The progress in the address and in the form differ.", { fieldErrors: { progressId: ["Does not match the address"] } });
  }
  if (!progressId) throw new AppError("VALIDATION_FAILED", "Say which mission progress the file belongs to.", { fieldErrors: { progressId: ["Required"] } });
  const file = await uploadEvidence(db, getEvidenceStorage(), user, progressId, {
    subtaskId: upload.fields.subtaskId,
    fileName: upload.file.name,
    claimedType: upload.file.type,
    data: upload.file.data,
  });
  return json(file, { status: 201 });
});
