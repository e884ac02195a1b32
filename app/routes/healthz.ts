import { getHealth } from "~/features/health/service.server";
import { json } from "~/utils/api.server";

export async function loader() {
  const health = await getHealth();
  return json(health, { status: health.status === "ok" ? 200 : 503 });
}
