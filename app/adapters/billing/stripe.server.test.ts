import type Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeStripe, type FakeStripe } from "~/testing/fake-stripe";
import { parseEnv } from "~/utils/env.server";
import { billingProvider, isLocalBilling } from "./billing.server";
import { createStripeClient, customerIdempotencyKey, stripeBillingProvider } from "./stripe.server";

let fake: FakeStripe;
let provider: ReturnType<typeof stripeBillingProvider>;

beforeAll(async () => {
  fake = await startFakeStripe();
  provider = stripeBillingProvider(createStripeClient({ secretKey: "sk_test_fake", apiUrl: `http://127.0.0.1:${fake.options.port}` }));
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

describe("the Stripe adapter, against a local fake of Stripe's API", () => {
  it("creates a customer with the user's e-mail, name and id, under an idempotency key per user", async () => {
    const { customerId } = await provider.createCustomer({ userId: "user_1", email: "ada@example.test", name: "Ada" });
    expect(customerId).toMatch(/^cus_/);
    const [request] = fake.requestsTo("POST", "/v1/customers");
    expect(request?.params.get("email")).toBe("ada@example.test");
    expect(request?.params.get("name")).toBe("Ada");
    expect(request?.params.get("metadata[userId]")).toBe("user_1");
    expect(request?.idempotencyKey).toBe(customerIdempotencyKey("user_1"));
    expect(request?.authorization).toBe("Bearer sk_test_fake");
  });

  it("gets the same customer back when the creation is retried (Stripe's idempotency)", async () => {
    const first = await provider.createCustomer({ userId: "user_retry", email: "r@example.test", name: null });
    const second = await provider.createCustomer({ userId: "user_retry", email: "r@example.test", name: null });
    expect(second.customerId).toBe(first.customerId);
    expect(fake.requestsTo("POST", "/v1/customers")[0]?.params.has("name")).toBe(false);
  });

  it("opens a Checkout Session in subscription mode for one price, the user on the session and on the subscription", async () => {
    const session = await provider.createCheckoutSession({
      userId: "user_2",
      customerId: "cus_2",
      priceId: "price_premium",
      successUrl: "https://mxp.example/billing/success?tier=PREMIUM",
      cancelUrl: "https://mxp.example/billing/cancel",
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`https://checkout.stripe.test/c/pay/${session.id}`);
    const [request] = fake.requestsTo("POST", "/v1/checkout/sessions");
    expect(Object.fromEntries(request!.params)).toEqual({
      mode: "subscription",
      customer: "cus_2",
      client_reference_id: "user_2",
      "line_items[0][price]": "price_premium",
      "line_items[0][quantity]": "1",
      "subscription_data[metadata][userId]": "user_2",
      "metadata[userId]": "user_2",
      success_url: "https://mxp.example/billing/success?tier=PREMIUM",
      cancel_url: "https://mxp.example/billing/cancel",
    });
  });

  it("opens the customer portal for the customer, returning to the given page", async () => {
    const portal = await provider.createPortalSession({ customerId: "cus_3", returnUrl: "https://mxp.example/billing" });
    expect(portal.url).toMatch(/^https:\/\/billing\.stripe\.test\/p\/session\/bps_/);
    const [request] = fake.requestsTo("POST", "/v1/billing_portal/sessions");
    expect(Object.fromEntries(request!.params)).toEqual({ customer: "cus_3", return_url: "https://mxp.example/billing" });
  });

  it("re-reads a subscription, and answers undefined for one Stripe does not have", async () => {
    const subscription = { id: "sub_1", object: "subscription", status: "active", metadata: { userId: "user_4" } } as unknown as Stripe.Subscription;
    fake.subscriptions.set("sub_1", subscription);
    expect(await provider.retrieveSubscription("sub_1")).toMatchObject({ id: "sub_1", status: "active" });
    expect(await provider.retrieveSubscription("sub_missing")).toBeUndefined();
    expect(fake.requestsTo("GET", "/v1/subscriptions/sub_1")).toHaveLength(1);
  });

  it("passes on a failure of Stripe's API instead of pretending", async () => {
    fake.failNext("/v1/billing_portal/sessions", 400);
    await expect(provider.createPortalSession({ customerId: "cus_x", returnUrl: "https://mxp.example/billing" })).rejects.toThrow(/told to fail/);
  });
});

describe("billingProvider", () => {
  it("is the local emulator without STRIPE_SECRET_KEY and Stripe with it", () => {
    const previous = { key: process.env.STRIPE_SECRET_KEY, url: process.env.STRIPE_API_URL };
    try {
      delete process.env.STRIPE_SECRET_KEY;
      expect(billingProvider().kind).toBe("local");
      process.env.STRIPE_SECRET_KEY = "sk_test_fake";
      process.env.STRIPE_API_URL = `http://127.0.0.1:${fake.options.port}`;
      expect(billingProvider().kind).toBe("stripe");
    } finally {
      if (previous.key === undefined) delete process.env.STRIPE_SECRET_KEY;
      else process.env.STRIPE_SECRET_KEY = previous.key;
      if (previous.url === undefined) delete process.env.STRIPE_API_URL;
      else process.env.STRIPE_API_URL = previous.url;
    }
  });

  it("sells nothing in production without a key unless LOCAL_CHECKOUT=true says the test checkout is wanted", async () => {
    const production = { NODE_ENV: "production", APP_URL: "https://mxp.example.org", SESSION_SECRET: "s".repeat(32) };
    const closed = billingProvider(parseEnv(production));
    expect(closed.kind).toBe("none");
    expect(isLocalBilling(parseEnv(production))).toBe(false);
    await expect(closed.createCheckoutSession({ userId: "u", customerId: "c", priceId: "p", successUrl: "/", cancelUrl: "/" })).rejects.toMatchObject({
      code: "UNAVAILABLE",
      message: expect.stringMatching(/payments are not set up/) as string,
    });
    await expect(closed.createCustomer({ userId: "u", email: "a@example.test", name: null })).rejects.toMatchObject({ code: "UNAVAILABLE" });
    expect(await closed.retrieveSubscription("sub_1")).toBeUndefined();

    expect(billingProvider(parseEnv({ ...production, LOCAL_CHECKOUT: "true" })).kind).toBe("local");
    expect(billingProvider(parseEnv({ NODE_ENV: "development" })).kind).toBe("local");
    expect(billingProvider(parseEnv({ NODE_ENV: "development", LOCAL_CHECKOUT: "false" })).kind).toBe("none");
  });
});
