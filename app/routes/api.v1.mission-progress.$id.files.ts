import { getEvidenceStorage } from "~/adapters/storage/storage.server";
import { assertCanUploadEvidence, uploadEvidence } from "~/features/evidence/service.server";
import { allowMethods, apiHandler, json } from "~/utils/api.server";
import { requireApiUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { readEvidenceUpload } from "~/features/evidence/http.server";

/** POST /api/v1/mission-progress/:id/files — multipart `file` + `subtaskId` → 201 with the file record. */
export const loader = apiHandler(async ({ request }) => {
  allowMethods(request, ["POST"]);
  return json({});
});

export const action = apiHandler(async ({ request, params }) => {
  allowMethods(request, ["POST"]);
  const { user } = await requireApiUser(request);
  const db = getDb();
  // Unknown or foreign progress, or submitted work: answered before the body is read.
  await assertCanUploadEvidence(db, user, params.id);
  const { UPLOAD_MAX_BYTES } = getEnv();
  const upload = await readEvidenceUpload(request, { maxBytes: UPLOAD_MAX_BYTES });
  const file = await uploadEvidence(db, getEvidenceStorage(), user, params.id, {
    subtaskId: upload.fields.subtaskId,
    fileName: upload.file.name,
    claimedType: upload.file.type,
    data: upload.file.data,
  });
  return json(file, { status: 201, headers: { Location: `/api/v1/mission-progress/${encodeURIComponent(params.id!)}/files/${file.id}` } });
});
