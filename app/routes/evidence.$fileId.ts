import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEvidenceStorage } from "~/adapters/storage/storage.server";
import { logger } from "~/server/logger.server";
import { openEvidence } from "~/features/evidence/service.server";
import { requireUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { errorResponse, isAppError } from "~/utils/errors";
import { evidenceFileResponse } from "~/features/evidence/http.server";

/**
 * /evidence/:fileId — the download link pages show (EvidenceFileView.url). Cookie session;
 * anonymous visitors go to the log-in page and come back here.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    return await evidenceFileResponse(await openEvidence(getDb(), getEvidenceStorage(), user, params.fileId));
  } catch (error) {
    if (!isAppError(error)) logger.error({ error, fileId: params.fileId }, "evidence download failed");
    return errorResponse(error);
  }
}
