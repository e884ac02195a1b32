import type { LoaderFunctionArgs } from "@remix-run/node";
import { healthFor } from "~/features/health/service.server";
import { pageLoader } from "~/utils/page.server";

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const health = await healthFor(request);
    return new Response(JSON.stringify(health), {
      status: health.status === "ok" ? 200 : 503,
      headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
    });
  });
}
