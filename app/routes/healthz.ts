import type { LoaderFunctionArgs } from "@remix-run/node";
import { getHealth } from "~/features/health/service.server";
import { json } from "~/utils/api.server";
import { pageLoader } from "~/utils/page.server";

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async () => {
    const health = await getHealth();
    return json(health, { status: health.status === "ok" ? 200 : 503 });
  });
}
