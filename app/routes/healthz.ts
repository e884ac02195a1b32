import { getHealth } from "~/features/health/service.server";

export async function loader() {
  const health = await getHealth();
  return new Response(JSON.stringify(health), {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}
