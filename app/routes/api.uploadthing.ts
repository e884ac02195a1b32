import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createRouteHandler } from "uploadthing/remix";
import { createEvidenceRouter } from "~/adapters/storage/uploadthing-router.server";
import { getEnv } from "~/utils/env.server";
import { errorResponse, AppError } from "~/utils/errors";

/**
 * /api/uploadthing — UploadThing's route handler (presigned URLs for the browser, and the
 * signed callback from UploadThing when a file has arrived). Only active with UPLOADTHING_TOKEN;
 * the SDK also honours UPLOADTHING_API_URL / UPLOADTHING_INGEST_URL / UPLOADTHING_CALLBACK_URL.
 */
let handler: { token: string; handle: ReturnType<typeof createRouteHandler> } | undefined;

function getHandler() {
  const token = getEnv().UPLOADTHING_TOKEN;
  if (!token) return null;
  if (!handler || handler.token !== token) {
    handler = { token, handle: createRouteHandler({ router: createEvidenceRouter(), config: { token } }) };
  }
  return handler.handle;
}

function disabled(): Response {
  return errorResponse(new AppError("NOT_FOUND", "UploadThing is not configured here; upload with POST /api/v1/mission-progress/{id}/files."));
}

export async function loader(args: LoaderFunctionArgs) {
  const handle = getHandler();
  return handle ? await handle.loader(args) : disabled();
}

export async function action(args: ActionFunctionArgs) {
  const handle = getHandler();
  return handle ? await handle.action(args) : disabled();
}
