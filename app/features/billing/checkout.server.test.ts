import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { localBillingProvider } from "~/adapters/billing/local.server";
import { createStripeClient, stripeBillingProvider } from "~/adapters/billing/stripe.server";
import { appErrorFrom as failure } from "~/testing/errors";
import { startFakeStripe, type FakeStripe } from "~/testing/fake-stripe";
import { createUser } from "~/testing/factories";
import { getDb } from "~/utils/db.server";
import { billingReturnTo, DEFAULT_RETURN_TO, ensureCustomer, openPortal, startCheckout } from "./checkout.server";
import { priceIdFor } from "./prices.server";

let fake: FakeStripe;
let stripe: ReturnType<typeof stripeBillingProvider>;

beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = stripeBillingProvider(createStripeClient({ secretKey: "sk_test_fake", apiUrl: `http://127.0.0.1:${fake.options.port}` }));
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

describe("billingReturnTo", () => {
  it("keeps a path on this site with its query", () => {
    expect(billingReturnTo("/dashboard/student/missions/web-101?x=1")).toBe("/dashboard/student/missions/web-101?x=1");
  });

  it("never sends the student to another site, nor back into billing's own steps", () => {
    for (const value of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "javascript:alert(1)",
      "",
      "/billing/checkout",
      "/billing/test-checkout/cs_1",
      "/api/v1/portfolio",
      `/${"a".repeat(2000)}`,
    ]) {
      expect(billingReturnTo(value), JSON.stringify(value)).toBe(DEFAULT_RETURN_TO);
    }
    expect(billingReturnTo(null)).toBe(DEFAULT_RETURN_TO);
    expect(billingReturnTo(new File(["x"], "x"))).toBe(DEFAULT_RETURN_TO);
    // What a JSON client may send instead of a path.
    for (const value of [42, ["/dashboard"], { path: "/dashboard" }, true]) expect(billingReturnTo(value), JSON.stringify(value)).toBe(DEFAULT_RETURN_TO);
  });
});

describe("one customer per user", () => {
  it("creates the customer once, however many checkouts of one user run at the same time", async () => {
    const student = await createUser();
    const results = await Promise.all(Array.from({ length: 6 }, () => startCheckout(getDb(), student, { tier: "PREMIUM", returnTo: "/dashboard" }, stripe)));
    expect(fake.requestsTo("POST", "/v1/customers")).toHaveLength(1);
    const sessions = fake.requestsTo("POST", "/v1/checkout/sessions");
    expect(sessions).toHaveLength(6);
    const customer = (await getDb().subscription.findUniqueOrThrow({ where: { userId: student.id } })).stripeCustomerId;
    expect(customer).toMatch(/^cus_/);
    expect(new Set(sessions.map((request) => request.params.get("customer")))).toEqual(new Set([customer]));
    expect(results.every((result) => result.kind === "checkout")).toBe(true);
  });

  it("keeps the row a subscription-less customer needs: status none, tier FREE", async () => {
    const student = await createUser();
    const customerId = await ensureCustomer(getDb(), student, stripe);
    expect(await getDb().subscription.findUniqueOrThrow({ where: { userId: student.id } })).toMatchObject({ stripeCustomerId: customerId, status: "none", tier: "FREE" });
    expect(await ensureCustomer(getDb(), student, stripe)).toBe(customerId);
    expect(fake.requestsTo("POST", "/v1/customers")).toHaveLength(1);
  });

  it("creates no customer row's value when the provider fails, so the next try creates it", async () => {
    const student = await createUser();
    fake.failNext("/v1/customers", 400);
    await expect(ensureCustomer(getDb(), student, stripe)).rejects.toThrow();
    expect((await getDb().subscription.findUnique({ where: { userId: student.id } }))?.stripeCustomerId ?? null).toBeNull();
    expect(await ensureCustomer(getDb(), student, stripe)).toMatch(/^cus_/);
  });
});

describe("startCheckout", () => {
  it("sells the tier's price and comes back to the success or cancel page with where the student was", async () => {
    const student = await createUser();
    const result = await startCheckout(getDb(), student, { tier: "STARTER", returnTo: "/dashboard/student/missions/web-101" }, stripe);
    expect(result.kind).toBe("checkout");
    expect(result.url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    const params = fake.requestsTo("POST", "/v1/checkout/sessions")[0]!.params;
    expect(params.get("line_items[0][price]")).toBe(priceIdFor("STARTER"));
    expect(params.get("client_reference_id")).toBe(student.id);
    expect(params.get("subscription_data[metadata][userId]")).toBe(student.id);
    const success = new URL(params.get("success_url")!);
    expect(success.pathname).toBe("/billing/success");
    expect(success.searchParams.get("returnTo")).toBe("/dashboard/student/missions/web-101");
    expect(success.searchParams.get("tier")).toBe("STARTER");
    expect(new URL(params.get("cancel_url")!).pathname).toBe("/billing/cancel");
  });

  it("sends a student whose subscription is still billed to the portal rather than a second checkout", async () => {
    const student = await createUser();
    await getDb().subscription.create({
      data: { userId: student.id, tier: "STARTER", status: "active", stripeCustomerId: `cus_live_${student.id}`, stripeSubscriptionId: `sub_live_${student.id}` },
    });
    const result = await startCheckout(getDb(), student, { tier: "PREMIUM", returnTo: "/dashboard" }, stripe);
    expect(result.kind).toBe("portal");
    expect(fake.requestsTo("POST", "/v1/checkout/sessions")).toHaveLength(0);
    expect(fake.requestsTo("POST", "/v1/billing_portal/sessions")[0]?.params.get("customer")).toBe(`cus_live_${student.id}`);
  });

  it("lets a student whose subscription ended check out again, with the same customer", async () => {
    const student = await createUser();
    await getDb().subscription.create({
      data: { userId: student.id, tier: "PREMIUM", status: "canceled", stripeCustomerId: `cus_old_${student.id}`, stripeSubscriptionId: `sub_old_${student.id}` },
    });
    expect((await startCheckout(getDb(), student, { tier: "PREMIUM" }, stripe)).kind).toBe("checkout");
    expect(fake.requestsTo("POST", "/v1/customers")).toHaveLength(0);
    expect(fake.requestsTo("POST", "/v1/checkout/sessions")[0]?.params.get("customer")).toBe(`cus_old_${student.id}`);
  });

  it("refuses a tier that is not sold and accounts that are not students", async () => {
    const student = await createUser();
    expect((await failure(startCheckout(getDb(), student, { tier: "FREE" }, stripe))).code).toBe("VALIDATION_FAILED");
    expect((await failure(startCheckout(getDb(), student, { tier: "GOLD" }, stripe))).code).toBe("VALIDATION_FAILED");
    const mentor = await createUser({ role: "MENTOR" });
    expect((await failure(startCheckout(getDb(), mentor, { tier: "PREMIUM" }, stripe))).code).toBe("FORBIDDEN");
    expect(fake.requests).toHaveLength(0);
  });

  it("with the local emulator, opens a checkout page on this site", async () => {
    const student = await createUser();
    const result = await startCheckout(getDb(), student, { tier: "PREMIUM", returnTo: "/dashboard/student/missions/web-101" }, localBillingProvider());
    expect(result.url).toMatch(/^\/billing\/test-checkout\/cs_local_/);
    const session = await getDb().localCheckoutSession.findFirstOrThrow({ where: { userId: student.id } });
    expect(session).toMatchObject({ priceId: priceIdFor("PREMIUM"), completedAt: null });
    expect(session.successUrl).toBe("/billing/success?tier=PREMIUM&returnTo=%2Fdashboard%2Fstudent%2Fmissions%2Fweb-101");
    expect(session.customerId).toMatch(/^cus_local_/);
  });
});

describe("openPortal", () => {
  it("opens the portal for the student's customer and refuses a student who never had one", async () => {
    const student = await createUser();
    expect((await failure(openPortal(getDb(), student, {}, stripe))).code).toBe("INVALID_STATE");
    await ensureCustomer(getDb(), student, stripe);
    const { url } = await openPortal(getDb(), student, { returnTo: "https://evil.example" }, stripe);
    expect(url).toMatch(/^https:\/\/billing\.stripe\.test\//);
    expect(new URL(fake.requestsTo("POST", "/v1/billing_portal/sessions")[0]!.params.get("return_url")!).pathname).toBe(DEFAULT_RETURN_TO);
  });
});
