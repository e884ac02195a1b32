import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEvidenceStorage } from "~/adapters/storage/storage.server";
import { evidenceFileResponse } from "~/features/evidence/http.server";
import { openPublicEvidence } from "~/features/portfolio/service.server";
import { getDb } from "~/utils/db.server";
import { pageLoader } from "~/utils/page.server";

/**
 * /u/<handle>/files/<fileId> — a file a student chose to show on their public page, for anyone.
 * Any other file, or one hidden since, is the same 404 as a file that does not exist.
 */
export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ params }) => await evidenceFileResponse(await openPublicEvidence(getDb(), getEvidenceStorage(), params.handle ?? "", params.fileId ?? "")));
}
