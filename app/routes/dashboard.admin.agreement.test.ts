import { describe, expect, it } from "vitest";
import { createSession } from "~/features/accounts/session.server";
import { action, loader } from "~/routes/dashboard.admin.agreement";
import { cookieHeader, createUser } from "~/testing/factories";
import { createMission } from "~/testing/missions";
import { getDb } from "~/utils/db.server";

// The agreement page without JavaScript: the period comes from the address, a bad date is a 400
// that names it, and each mission's form switches whether its passing AI reviews wait for a mentor.
const context = { clientAddress: "198.51.100.7", requestId: "test" };
const path = "/dashboard/admin/agreement";

async function as(userId: string) {
  const { token } = await createSession(getDb(), userId);
  const headers = { Cookie: cookieHeader(token) };
  return {
    load: async (query = "") => loader({ request: new Request(`http://mxp.test${path}${query}`, { headers }), params: {}, context }),
    post: async (fields: [string, string][]) =>
      action({ request: new Request(`http://mxp.test${path}`, { method: "POST", body: new URLSearchParams(fields), headers }), params: {}, context }),
  };
}

describe("the AI agreement page", () => {
  it("reads the period from the address and lists the attempts behind a mission", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const mission = await createMission({ title: "Drill-down mission" });
    const page = await as(admin.id);
    const response = await page.load(`?from=2026-01-01&to=2026-03-31&mission=${mission.id}&criterion=evidence`);
    const body = (await response.json()) as { report: unknown; attempts: { period: unknown; missionTitle: string; criterion: string } };
    // The attempts are a page of their own: the report is not computed for it.
    expect(body.report).toBeNull();
    expect(body.attempts).toMatchObject({ period: { from: "2026-01-01", to: "2026-03-31" }, missionTitle: "Drill-down mission", criterion: "evidence" });
    const report = (await (await page.load("?from=2026-01-01&to=2026-03-31")).json()) as { report: { period: unknown }; attempts: unknown };
    expect(report).toMatchObject({ report: { period: { from: "2026-01-01", to: "2026-03-31" } }, attempts: null });

    const refused = await page.load("?from=March").catch((error: unknown) => error as Response);
    expect(refused).toBeInstanceOf(Response);
    expect(refused.status).toBe(400);
  });

  it("switches a mission between approving by itself and waiting for a mentor, and is closed to mentors", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const mission = await createMission();
    const page = await as(admin.id);
    const saved = await page.post([
      ["missionId", mission.id],
      ["mentorConfirmsPasses", "true"],
    ]);
    expect(await saved.json()).toMatchObject({ ok: true, mentorConfirmsPasses: true });
    expect((await getDb().mission.findUniqueOrThrow({ where: { id: mission.id } })).mentorConfirmsPasses).toBe(true);
    // A value the form never sends is refused, not read as "off".
    const garbled = await page.post([
      ["missionId", mission.id],
      ["mentorConfirmsPasses", "yes please"],
    ]);
    expect(garbled.status).toBe(400);
    expect((await getDb().mission.findUniqueOrThrow({ where: { id: mission.id } })).mentorConfirmsPasses).toBe(true);

    const mentor = await as((await createUser({ role: "MENTOR" })).id);
    const closed = await mentor.load().catch((error: unknown) => error as Response);
    expect(closed.status).toBe(403);
  });
});
