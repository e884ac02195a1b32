import { afterAll, describe, expect, it } from "vitest";
import { priceIdFor } from "~/features/billing/prices.server";
import { signStripePayload, stripeId, stripeSubscription, subscriptionEvent } from "~/features/billing/stripe-events";
import { createUser } from "~/testing/factories";
import { startWebhookServer } from "~/testing/webhook-server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

// The webhook as Stripe reaches it: through the whole HTTP stack (security headers, body limits,
// the cross-site check), a server-to-server POST with no cookie and no Origin.
let server: Awaited<ReturnType<typeof startWebhookServer>> | undefined;
afterAll(async () => {
  await server?.close();
});

describe("POST /api/webhooks/stripe over HTTP", () => {
  it("reaches the route with its body untouched: no cross-site refusal, and the signature checks out", async () => {
    server = await startWebhookServer();
    const base = server.url;
    const user = await createUser();
    const event = subscriptionEvent(
      "customer.subscription.created",
      stripeSubscription({ customerId: stripeId("cus"), userId: user.id, priceId: priceIdFor("STARTER"), status: "active" }),
    );
    // Pretty-printed: a body re-serialised on the way would no longer match its signature.
    const payload = JSON.stringify(event, null, 2);
    const response = await fetch(`${base}/api/webhooks/stripe`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Stripe-Signature": signStripePayload(payload, getEnv().STRIPE_WEBHOOK_SECRET),
        "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      },
      body: payload,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: true, outcome: "applied" });
    expect(await getDb().subscription.findUnique({ where: { userId: user.id } })).toMatchObject({ tier: "STARTER", status: "active" });

    const get = await fetch(`${base}/api/webhooks/stripe`);
    expect(get.status).toBe(405);
  });
});
