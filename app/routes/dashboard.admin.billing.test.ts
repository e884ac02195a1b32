import { describe, expect, it } from "vitest";
import { createSession } from "~/features/accounts/session.server";
import { action, loader } from "~/routes/dashboard.admin.billing";
import { cookieHeader, createUser } from "~/testing/factories";
import { getDb } from "~/utils/db.server";

// The admin billing page without JavaScript: its loader shows the overview, and its two forms
// reach the grant service; a refusal comes back to the grant form with what was typed.
const context = { clientAddress: "198.51.100.7", requestId: "test" };
const path = "/dashboard/admin/billing";

async function as(userId: string) {
  const { token } = await createSession(getDb(), userId);
  const headers = { Cookie: cookieHeader(token) };
  return {
    load: async (query = "") => loader({ request: new Request(`http://mxp.test${path}${query}`, { headers }), params: {}, context }),
    post: async (fields: [string, string][]) => {
      const response = await action({ request: new Request(`http://mxp.test${path}`, { method: "POST", body: new URLSearchParams(fields), headers }), params: {}, context });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
  };
}

const tomorrow = () => new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

describe("the admin billing page", () => {
  it("grants and revokes a plan through its forms, and lists the grant", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const student = await createUser();
    const page = await as(admin.id);

    const granted = await page.post([
      ["intent", "grant"],
      ["email", student.email],
      ["tier", "PREMIUM"],
      ["reason", "Scholarship"],
      ["endsOn", tomorrow()],
    ]);
    expect(granted).toEqual({ status: 200, body: { intent: "grant", granted: { email: student.email, tier: "PREMIUM" } } });

    const overview = (await (await page.load()).json()) as {
      plans: { user: { id: string }; tierInForce: string }[];
      grants: { id: string; user: { id: string }; status: string }[];
    };
    expect(overview.plans.find((plan) => plan.user.id === student.id)?.tierInForce).toBe("PREMIUM");
    const grant = overview.grants.find((candidate) => candidate.user.id === student.id)!;
    expect(grant.status).toBe("in force");

    expect(
      await page.post([
        ["intent", "revoke"],
        ["grantId", grant.id],
      ]),
    ).toEqual({ status: 200, body: { intent: "revoke", revoked: grant.id } });
    expect(await getDb().tierGrant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({ revokedById: admin.id });
  });

  it("sends a refused grant back to its form with the field's message and what was typed", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const student = await createUser();
    const refused = await (
      await as(admin.id)
    ).post([
      ["intent", "grant"],
      ["email", student.email],
      ["tier", "STARTER"],
      ["reason", ""],
      ["endsOn", ""],
    ]);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      fieldErrors: { reason: [expect.any(String)] },
      values: { intent: "grant", email: student.email, tier: "STARTER", reason: "", endsOn: "" },
    });
    expect(await getDb().tierGrant.count({ where: { userId: student.id } })).toBe(0);
  });

  it("filters events by outcome and refuses an unknown one", async () => {
    const page = await as((await createUser({ role: "ADMIN" })).id);
    const failed = (await (await page.load("?events=failed")).json()) as { filters: { events: string } };
    expect(failed.filters.events).toBe("failed");
    const error = await page.load("?events=lost").then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(400);
  });

  it("is closed to students, and their forms change nothing", async () => {
    const student = await createUser();
    const page = await as(student.id);
    const error = await page.load().then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect((error as Response).status).toBe(403);
    const refused = await page
      .post([
        ["intent", "grant"],
        ["email", student.email],
        ["tier", "PREMIUM"],
        ["reason", "Because"],
      ])
      .then(
        () => null,
        (thrown: unknown) => thrown,
      );
    expect((refused as Response).status).toBe(403);
    expect(await getDb().tierGrant.count({ where: { userId: student.id } })).toBe(0);
  });
});
