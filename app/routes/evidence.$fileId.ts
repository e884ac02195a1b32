import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEvidenceStorage } from "~/adapters/storage/storage.server";
import { openEvidence } from "~/features/evidence/service.server";
import { requireUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { pageLoader } from "~/utils/page.server";
import { evidenceFileResponse } from "~/features/evidence/http.server";

/**
 * /evidence/:fileId — the download link pages show (EvidenceFileView.url). Cookie session;
 * anonymous visitors go to the log-in page and come back here. A refusal is the JSON error
 * answer (a resource route has no error page).
 */
export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request, params }) => {
    const user = await requireUser(request);
    return await evidenceFileResponse(await openEvidence(getDb(), getEvidenceStorage(), user, params.fileId));
  });
}
