import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getEvidenceStorage } from "~/adapters/storage/storage.server";
import { evidenceFileResponse } from "~/features/evidence/http.server";
import { openPublicEvidence, readByPublicHandle } from "~/features/portfolio/service.server";
import { getDb } from "~/utils/db.server";
import { pageLoader } from "~/utils/page.server";

/**
 * /u/<handle>/files/<fileId> — a file a student chose to show on their public page, for anyone.
 * Any other file, or one hidden since, is the same 404 as a file that does not exist.
 */
export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ params }) => {
    const db = getDb();
    const fileId = params.fileId ?? "";
    const file = await readByPublicHandle(db, params.handle ?? "", (handle) => openPublicEvidence(db, getEvidenceStorage(), handle, fileId));
    if ("movedTo" in file) return redirect(`/u/${file.movedTo}/files/${encodeURIComponent(fileId)}`, 302);
    return await evidenceFileResponse(file.found);
  });
}
