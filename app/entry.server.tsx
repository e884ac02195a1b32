import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { logger } from "~/server/logger.server";
import { isAppError } from "~/utils/errors";
import { NonceProvider } from "~/utils/nonce";

export function handleError(error: unknown, { request, context }: { request: Request; context?: AppLoadContext }) {
  if (request.signal.aborted || isAppError(error)) return;
  // 4xx route responses (unknown URLs, thrown redirects and refusals) are answers, not failures.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number" && status < 500) return;
  logger.error({ error, requestId: context?.requestId, url: request.url, method: request.method }, "unhandled error while rendering");
}

/**
 * Renders the whole document to one string and answers with it. The app has no deferred data
 * and no Suspense on the server, so streaming would only add work: the stream renderer's
 * scheduling, 2 KiB chunk copies and re-assembly cost about a third of a dashboard render
 * (docs/BENCHMARKS.md, ADR 010). A component that throws makes Remix render the error boundary.
 */
export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  // The page's inline scripts carry the nonce of its Content-Security-Policy (set by the server).
  const page = (
    <NonceProvider value={loadContext.cspNonce ?? ""}>
      <RemixServer context={remixContext} url={request.url} />
    </NonceProvider>
  );
  // Encoded once here: the length comes with it, and the Response takes the bytes as they are.
  const body = Buffer.from(`<!DOCTYPE html>${renderToString(page)}`);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Length", String(body.length));
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}
