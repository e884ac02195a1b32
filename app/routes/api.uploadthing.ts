import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { createRouteHandler } from "uploadthing/remix";
import { getEnv } from "~/utils/env.server";
import { errorResponse, AppError } from "~/utils/errors";

/**
 * /api/uploadthing — UploadThing's route handler (presigned URLs for the browser, and the
 * signed callback from UploadThing when a file has arrived). Only active with UPLOADTHING_TOKEN;
 * the SDK also honours UPLOADTHING_API_URL / UPLOADTHING_INGEST_URL / UPLOADTHING_CALLBACK_URL.
 */
let handler: { token: string; handle: Promise<ReturnType<typeof createRouteHandler>> } | undefined;

// The SDK takes seconds to import: loaded on the first request that needs it, never without a token.
async function loadHandler(token: string): Promise<ReturnType<typeof createRouteHandler>> {
  const [{ createRouteHandler }, { createEvidenceRouter }] = await Promise.all([import("uploadthing/remix"), import("~/adapters/storage/uploadthing-router.server")]);
  return createRouteHandler({ router: createEvidenceRouter(), config: { token } });
}

function getHandler() {
  const token = getEnv().UPLOADTHING_TOKEN;
  if (!token) return null;
  if (!handler || handler.token !== token) {
    const loading = loadHandler(token);
    handler = { token, handle: loading };
    // A failed import is tried again on the next request rather than kept.
    loading.catch(() => {
      if (handler?.handle === loading) handler = undefined;
    });
  }
  return handler.handle;
}

function disabled(): Response {
  return errorResponse(new AppError("NOT_FOUND", "UploadThing is not configured here; upload with POST /api/v1/mission-progress/{id}/files."));
}

export async function loader(args: LoaderFunctionArgs) {
  const handle = getHandler();
  return handle ? await (await handle).loader(args) : disabled();
}

export async function action(args: ActionFunctionArgs) {
  const handle = getHandler();
  return handle ? await (await handle).action(args) : disabled();
}
