import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/features/accounts/session.server";
import { action as billingAction, loader as billingLoader } from "~/routes/billing._index";
import { action as checkoutAction } from "~/routes/billing.checkout";
import { loader as successLoader } from "~/routes/billing.success";
import { action as testCheckoutAction, loader as testCheckoutLoader } from "~/routes/billing.test-checkout.$sessionId";
import { loader as pricingLoader } from "~/routes/pricing";
import { cookieHeader, createUser } from "~/testing/factories";
import { startWebhookServer } from "~/testing/webhook-server";
import { getDb } from "~/utils/db.server";

// The billing pages' loaders and actions as a browser without JavaScript reaches them, with the
// local checkout emulator delivering to the real webhook route (APP_URL points at it).
const context = { clientAddress: "198.51.100.7", requestId: "test" };
let webhook: { url: string; close: () => Promise<void> };
const previousAppUrl = process.env.APP_URL;

beforeAll(async () => {
  webhook = await startWebhookServer();
  process.env.APP_URL = webhook.url;
});
afterAll(async () => {
  if (previousAppUrl === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = previousAppUrl;
  await webhook.close();
});

async function browserOf(userId: string) {
  const { token } = await createSession(getDb(), userId);
  const headers = { Cookie: cookieHeader(token) };
  const request = (path: string, fields?: [string, string][]) =>
    new Request(`http://mxp.test${path}`, fields ? { method: "POST", body: new URLSearchParams(fields), headers } : { headers });
  return { request };
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

describe("the billing pages", () => {
  it("a Free student goes from an upgrade button through the test checkout to the success page and back", async () => {
    const student = await createUser();
    const browser = await browserOf(student.id);

    const pricing = (await (await pricingLoader({ request: browser.request("/pricing?returnTo=/dashboard/student/missions/web-101"), params: {}, context })).json()) as Record<
      string,
      unknown
    >;
    expect(pricing).toMatchObject({ student: { tier: "FREE", subscribed: false }, returnTo: "/dashboard/student/missions/web-101" });

    const started = await checkoutAction({
      request: browser.request("/billing/checkout", [
        ["tier", "PREMIUM"],
        ["returnTo", "/dashboard/student/missions/web-101"],
      ]),
      params: {},
      context,
    });
    expect(started.status).toBe(303);
    const checkoutPath = started.headers.get("Location")!;
    expect(checkoutPath).toMatch(/^\/billing\/test-checkout\/cs_local_/);
    const sessionId = checkoutPath.split("/").at(-1)!;

    const page = (await (await testCheckoutLoader({ request: browser.request(checkoutPath), params: { sessionId }, context })).json()) as unknown as {
      checkout: Record<string, unknown>;
    };
    expect(page.checkout).toMatchObject({ tier: "PREMIUM", priceUsdPerMonth: 7, completed: false });

    const confirmed = await testCheckoutAction({ request: browser.request(checkoutPath, [["intent", "confirm"]]), params: { sessionId }, context });
    const success = confirmed.headers.get("Location")!;
    expect(success).toBe("/billing/success?tier=PREMIUM&returnTo=%2Fdashboard%2Fstudent%2Fmissions%2Fweb-101");
    const landed = (await (await successLoader({ request: browser.request(success), params: {}, context })).json()) as Record<string, unknown>;
    expect(landed).toMatchObject({ bought: "PREMIUM", tier: "PREMIUM", returnTo: "/dashboard/student/missions/web-101" });

    // A subscriber's next upgrade goes to the portal (the billing page's test controls here), never a second checkout.
    const again = await checkoutAction({ request: browser.request("/billing/checkout", [["tier", "STARTER"]]), params: {}, context });
    expect(again.headers.get("Location")).toBe("/billing");
  });

  it("the billing page shows the plan and runs the test controls", async () => {
    const student = await createUser();
    const browser = await browserOf(student.id);
    const started = await checkoutAction({ request: browser.request("/billing/checkout", [["tier", "STARTER"]]), params: {}, context });
    const sessionId = started.headers.get("Location")!.split("/").at(-1)!;
    await testCheckoutAction({ request: browser.request(`/billing/test-checkout/${sessionId}`, [["intent", "confirm"]]), params: { sessionId }, context });

    const posted = await billingAction({ request: browser.request("/billing?index", [["intent", "cancel"]]), params: {}, context });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ outcome: { action: "cancel", message: "Your plan will end at the end of the current period." } });
    const shown = (await (await billingLoader({ request: browser.request("/billing"), params: {}, context })).json()) as unknown as {
      overview: { tier: string; subscription: Record<string, unknown>; emulated: Record<string, unknown> };
      subscribed: boolean;
    };
    expect(shown.subscribed).toBe(true);
    expect(shown.overview.tier).toBe("STARTER");
    expect(shown.overview.subscription).toMatchObject({ status: "active", cancelAtPeriodEnd: true, periodEnded: false });
    expect(shown.overview.emulated).toMatchObject({ tier: "STARTER", cancelAtPeriodEnd: true });

    const refused = await billingAction({ request: browser.request("/billing?index", [["intent", "pay-nothing"]]), params: {}, context });
    expect(refused.status).toBe(400);
  });

  it("offers a Free student with a Free row from an older seed the upgrades, as it does one with no row", async () => {
    const student = await createUser();
    await getDb().subscription.create({ data: { userId: student.id, tier: "FREE", status: "active" } });
    const browser = await browserOf(student.id);
    const shown = (await (await billingLoader({ request: browser.request("/billing"), params: {}, context })).json()) as unknown as {
      overview: { tier: string; subscription: unknown };
      subscribed: boolean;
    };
    expect(shown).toMatchObject({ subscribed: false, overview: { tier: "FREE", subscription: null } });
  });

  it("never sends the student to another site after checkout", async () => {
    const student = await createUser();
    const browser = await browserOf(student.id);
    const started = await checkoutAction({
      request: browser.request("/billing/checkout", [
        ["tier", "STARTER"],
        ["returnTo", "https://evil.example/phish"],
      ]),
      params: {},
      context,
    });
    const sessionId = started.headers.get("Location")!.split("/").at(-1)!;
    const session = await getDb().localCheckoutSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.successUrl).toBe("/billing/success?tier=STARTER&returnTo=%2Fdashboard%2Fstudent%2Fmissions");
    const landed = (await (await successLoader({ request: browser.request("/billing/success?tier=STARTER&returnTo=//evil.example"), params: {}, context })).json()) as Record<
      string,
      unknown
    >;
    expect(landed.returnTo).toBe("/dashboard/student/missions");
  });

  it("the test checkout does not exist when Stripe is configured", async () => {
    const student = await createUser();
    const browser = await browserOf(student.id);
    const started = await checkoutAction({ request: browser.request("/billing/checkout", [["tier", "STARTER"]]), params: {}, context });
    const sessionId = started.headers.get("Location")!.split("/").at(-1)!;
    process.env.STRIPE_SECRET_KEY = "sk_test_configured";
    try {
      expect((await thrown(testCheckoutLoader({ request: browser.request(`/billing/test-checkout/${sessionId}`), params: { sessionId }, context }))).status).toBe(404);
      const posted = await testCheckoutAction({
        request: browser.request(`/billing/test-checkout/${sessionId}`, [["intent", "confirm"]]),
        params: { sessionId },
        context,
      });
      expect(posted.status).toBe(404);
      expect(await billingAction({ request: browser.request("/billing?index", [["intent", "cancel"]]), params: {}, context })).toHaveProperty("status", 404);
    } finally {
      delete process.env.STRIPE_SECRET_KEY;
    }
  });

  it("sends visitors to log in", async () => {
    const anonymous = new Request("http://mxp.test/billing");
    expect((await thrown(billingLoader({ request: anonymous, params: {}, context }))).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const pricing = (await (await pricingLoader({ request: new Request("http://mxp.test/pricing"), params: {}, context })).json()) as Record<string, unknown>;
    expect(pricing).toMatchObject({ student: null, signedIn: false });
  });
});
