import express from "express";
import { saveProgress } from "~/features/progress/service.server";
import { getDb } from "~/utils/db.server";
import { AppError, isAppError, toAppError } from "~/utils/errors";
import { tokenFromHeaders } from "~/features/accounts/auth.server";
import { resolveSession } from "~/features/accounts/session.server";
import type { Logger } from "./logger.server";

/**
 * `PATCH /api/v1/mission-progress/:id`, the autosave, served by Express directly instead of
 * through Remix: every open mission page saves at least every 30 s, so this is the hottest
 * endpoint by far, and Remix's per-request work (a Fetch Request, route matching, its
 * response pipeline) was most of its cost (docs/decisions/009). The rule is the same service
 * the Remix routes and tRPC call; only the transport differs. GET stays a Remix route.
 */
export function mountAutosaveRoute(app: express.Express, log: Logger): void {
  const parseJson = express.json({ limit: "1mb", type: () => true });
  app.patch("/api/v1/mission-progress/:id", (req, res, next) => {
    if (!(req.headers["content-type"] ?? "").includes("application/json")) {
      return sendError(res, new AppError("VALIDATION_FAILED", "Send the body as JSON with Content-Type: application/json."));
    }
    parseJson(req, res, (error?: unknown) => {
      if (error) {
        const status = (error as { status?: number }).status;
        return sendError(res, status === 413 ? new AppError("VALIDATION_FAILED", "The request body is too large.") : new AppError("VALIDATION_FAILED", "The request body is not valid JSON."));
      }
      handle(req, res).catch(next);
    });
  });

  async function handle(req: express.Request, res: express.Response) {
    try {
      const credentials = tokenFromHeaders(req.headers.authorization, req.headers.cookie);
      const session = credentials ? await resolveSession(getDb(), credentials.token) : null;
      if (!session) throw new AppError("UNAUTHENTICATED", "Log in first: send a session cookie or an Authorization: Bearer token.");
      const saved = await saveProgress(getDb(), session.user, req.params.id, req.body);
      res.status(200).set("Cache-Control", "no-store").json(saved);
    } catch (error) {
      if (!isAppError(error)) log.error({ error, path: req.originalUrl }, "autosave failed");
      sendError(res, error);
    }
  }
}

function sendError(res: express.Response, error: unknown) {
  const appError = toAppError(error);
  if (appError.retryAfter) res.set("Retry-After", String(appError.retryAfter));
  res.status(appError.status).set("Cache-Control", "no-store").json(appError.toJSON());
}
