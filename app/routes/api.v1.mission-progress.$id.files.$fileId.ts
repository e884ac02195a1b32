import { getEvidenceStorage } from "~/adapters/storage/storage.server";
import { deleteEvidence, openEvidence } from "~/features/evidence/service.server";
import { allowMethods, apiHandler } from "~/utils/api.server";
import { requireApiUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { evidenceFileResponse } from "~/features/evidence/http.server";

/** GET /api/v1/mission-progress/:id/files/:fileId — the file itself, to whoever may read the progress. */
export const loader = apiHandler(async ({ request, params }) => {
  allowMethods(request, ["GET", "HEAD"]);
  const { user } = await requireApiUser(request);
  const file = await openEvidence(getDb(), getEvidenceStorage(), user, params.fileId);
  if (file.progressId !== params.id) {
    await cancel(file.stream);
    throw AppError.notFound("This file");
  }
  return await evidenceFileResponse(file);
});

/** DELETE /api/v1/mission-progress/:id/files/:fileId — 204; only the student, only before submission. */
export const action = apiHandler(async ({ request, params }) => {
  allowMethods(request, ["DELETE"]);
  const { user } = await requireApiUser(request);
  await deleteEvidence(getDb(), getEvidenceStorage(), user, params.fileId, { progressId: params.id });
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});

async function cancel(stream: ReadableStream<Uint8Array> | NodeJS.ReadableStream): Promise<void> {
  if (stream instanceof ReadableStream) await stream.cancel().catch(() => undefined);
  else (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
}
