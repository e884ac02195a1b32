import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { action, loader } from "~/routes/api.webhooks.stripe";
import { createUser } from "~/testing/factories";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { priceIdFor } from "./prices.server";
import { getTier } from "./service.server";
import {
  checkoutSessionCompletedEvent,
  invoiceEvent,
  signStripePayload,
  stripeCheckoutSession,
  stripeId,
  stripeInvoice,
  stripeSubscription,
  subscriptionEvent,
  toStripeTime,
  type SubscriptionInput,
} from "./stripe-events";
import { handleStripeWebhook, type SubscriptionSource } from "./webhook.server";

const context = { clientAddress: "198.51.100.7", requestId: "test" };
const DAY = 24 * 60 * 60;
const now = () => toStripeTime();
const inAMonth = () => now() + 30 * DAY;

/** Delivers an event through the real route, signed as Stripe signs it (or with the given header). */
async function deliver(event: Stripe.Event, options: { timestamp?: number; signature?: string | null; body?: string } = {}) {
  const payload = options.body ?? JSON.stringify(event);
  const signature = options.signature === undefined ? signStripePayload(payload, getEnv().STRIPE_WEBHOOK_SECRET, options.timestamp) : options.signature;
  const headers = new Headers({ "Content-Type": "application/json" });
  if (signature !== null) headers.set("Stripe-Signature", signature);
  const response = await action({ request: new Request("http://mxp.test/api/webhooks/stripe", { method: "POST", body: payload, headers }), params: {}, context });
  return { status: response.status, body: (await response.json()) as { received?: true; outcome?: string; replay?: true; detail?: string; error?: { code: string } } };
}

async function customer() {
  const user = await createUser();
  return { user, customerId: stripeId("cus"), subscriptionId: stripeId("sub") };
}

function subscription(who: { user: { id: string }; customerId: string; subscriptionId: string }, input: Partial<SubscriptionInput> = {}) {
  return stripeSubscription({
    id: who.subscriptionId,
    customerId: who.customerId,
    userId: who.user.id,
    priceId: priceIdFor("STARTER"),
    status: "active",
    currentPeriodEnd: inAMonth(),
    ...input,
  });
}

const row = (userId: string) => getDb().subscription.findUnique({ where: { userId } });
const recorded = (eventId: string) => getDb().processedStripeEvent.findUnique({ where: { id: eventId } });

describe("POST /api/webhooks/stripe", () => {
  it("stores the customer of a completed checkout, and the subscription's events then set the tier", async () => {
    const who = await customer();
    const completed = checkoutSessionCompletedEvent(stripeCheckoutSession({ customerId: who.customerId, userId: who.user.id, subscription: who.subscriptionId }));
    expect(await deliver(completed)).toMatchObject({ status: 200, body: { received: true, outcome: "applied" } });
    expect(await row(who.user.id)).toMatchObject({ stripeCustomerId: who.customerId, stripeSubscriptionId: who.subscriptionId, tier: "FREE", status: "none" });
    expect(await getTier(getDb(), who.user.id)).toBe("FREE");
    expect(await recorded(completed.id)).toMatchObject({ type: "checkout.session.completed", outcome: "applied", userId: who.user.id, attempts: 1 });

    // The subscription's own event finds the user by metadata and sets the tier from the price.
    const periodEnd = inAMonth();
    const created = subscriptionEvent("customer.subscription.created", subscription(who, { priceId: priceIdFor("PREMIUM"), currentPeriodEnd: periodEnd }));
    expect(await deliver(created)).toMatchObject({ status: 200, body: { outcome: "applied" } });
    expect(await row(who.user.id)).toMatchObject({
      tier: "PREMIUM",
      status: "active",
      stripePriceId: priceIdFor("PREMIUM"),
      currentPeriodEnd: new Date(periodEnd * 1000),
      cancelAtPeriodEnd: false,
      pastDueSince: null,
      lastEventAt: new Date(created.created * 1000),
    });
    expect(await getTier(getDb(), who.user.id)).toBe("PREMIUM");
  });

  it("finds the user by the stored customer when the subscription carries no metadata, and applies an expanded checkout subscription", async () => {
    const who = await customer();
    const expanded = subscription(who, { userId: undefined });
    await deliver(checkoutSessionCompletedEvent(stripeCheckoutSession({ customerId: who.customerId, userId: who.user.id, subscription: expanded })));
    expect(await row(who.user.id)).toMatchObject({ tier: "STARTER", status: "active", stripeCustomerId: who.customerId, stripeSubscriptionId: who.subscriptionId });

    const updated = subscriptionEvent("customer.subscription.updated", subscription(who, { userId: undefined, priceId: priceIdFor("PREMIUM") }));
    expect(await deliver(updated)).toMatchObject({ status: 200, body: { outcome: "applied" } });
    expect(await row(who.user.id)).toMatchObject({ tier: "PREMIUM" });
    expect(await getTier(getDb(), who.user.id)).toBe("PREMIUM");
  });

  it("stores every status as Stripe says it, with the tier each leaves in force", async () => {
    const cases: { status: Stripe.Subscription.Status; tier?: "FREE" | "STARTER" }[] = [
      { status: "active", tier: "STARTER" },
      { status: "trialing", tier: "STARTER" },
      { status: "past_due", tier: "STARTER" },
      { status: "canceled", tier: "FREE" },
      { status: "incomplete_expired", tier: "FREE" },
      // The tier in force for these two is the entitlement module's to say.
      { status: "unpaid" },
      { status: "incomplete" },
    ];
    for (const { status, tier } of cases) {
      const who = await customer();
      const event = subscriptionEvent("customer.subscription.updated", subscription(who, { status }));
      expect(await deliver(event), status).toMatchObject({ status: 200, body: { outcome: "applied" } });
      const stored = await row(who.user.id);
      expect(stored, status).toMatchObject({
        tier: "STARTER",
        status,
        stripeSubscriptionId: who.subscriptionId,
        pastDueSince: status === "past_due" ? new Date(event.created * 1000) : null,
      });
      if (tier) expect(await getTier(getDb(), who.user.id), status).toBe(tier);
    }
  });

  it("keeps a cancellation at period end's tier until then, and a deleted subscription ends it", async () => {
    const who = await customer();
    const t = now() - 100;
    await deliver(subscriptionEvent("customer.subscription.created", subscription(who), { created: t }));
    await deliver(subscriptionEvent("customer.subscription.updated", subscription(who, { cancelAtPeriodEnd: true }), { created: t + 10 }));
    expect(await row(who.user.id)).toMatchObject({ tier: "STARTER", status: "active", cancelAtPeriodEnd: true });
    expect(await getTier(getDb(), who.user.id)).toBe("STARTER");

    const deleted = subscriptionEvent("customer.subscription.deleted", subscription(who, { status: "canceled", created: t + 20 }), { created: t + 20 });
    expect(await deliver(deleted)).toMatchObject({ status: 200, body: { outcome: "applied" } });
    expect(await row(who.user.id)).toMatchObject({ status: "canceled", currentPeriodEnd: new Date((t + 20) * 1000) });
    expect(await getTier(getDb(), who.user.id)).toBe("FREE");
  });

  it("refuses bad, missing and stale signatures with 400 and changes nothing", async () => {
    const who = await customer();
    const event = subscriptionEvent("customer.subscription.created", subscription(who));
    const payload = JSON.stringify(event);
    const answers = [
      await deliver(event, { signature: null }),
      await deliver(event, { signature: signStripePayload(payload, "whsec_someone_else") }),
      await deliver(event, { signature: "t=1,v1=nonsense" }),
      await deliver(event, { timestamp: now() - 301 }),
      // The body was changed after it was signed.
      await deliver(event, { signature: signStripePayload(payload, getEnv().STRIPE_WEBHOOK_SECRET), body: payload.replace(priceIdFor("STARTER"), priceIdFor("PREMIUM")) }),
    ];
    for (const answer of answers) expect(answer).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    expect(await row(who.user.id)).toBeNull();
    expect(await recorded(event.id)).toBeNull();
    // Within the tolerance it is accepted.
    expect(await deliver(event, { timestamp: now() - 240 })).toMatchObject({ status: 200 });
  });

  it("answers other methods with 405", async () => {
    const get = loader();
    expect(get.status).toBe(405);
    const put = await action({ request: new Request("http://mxp.test/api/webhooks/stripe", { method: "PUT", body: "{}" }), params: {}, context });
    expect(put.status).toBe(405);
    expect(put.headers.get("Allow")).toBe("POST");
  });

  it("applies an event id once: a replay is acknowledged and changes nothing", async () => {
    const who = await customer();
    const t = now() - 60;
    const first = subscriptionEvent("customer.subscription.created", subscription(who), { created: t });
    await deliver(first);
    await deliver(subscriptionEvent("customer.subscription.updated", subscription(who, { priceId: priceIdFor("PREMIUM") }), { created: t + 30 }));
    const before = await row(who.user.id);
    expect(await deliver(first)).toEqual({ status: 200, body: { received: true, outcome: "applied", replay: true } });
    expect(await row(who.user.id)).toEqual(before);
    expect(await recorded(first.id)).toMatchObject({ outcome: "applied", attempts: 1 });
  });

  it("never trusts arrival order: a deleted subscription stays deleted when an older update arrives after it", async () => {
    const who = await customer();
    const t = now() - 100;
    const updated = subscriptionEvent("customer.subscription.updated", subscription(who), { created: t });
    const deleted = subscriptionEvent("customer.subscription.deleted", subscription(who, { status: "canceled", created: t + 10 }), { created: t + 10 });
    await deliver(deleted);
    const late = await deliver(updated);
    expect(late).toMatchObject({ status: 200, body: { outcome: "ignored" } });
    expect(late.body.detail).toMatch(/^Stale/);
    expect(await row(who.user.id)).toMatchObject({ status: "canceled", lastEventAt: new Date((t + 10) * 1000) });
    expect(await getTier(getDb(), who.user.id)).toBe("FREE");
    expect(await recorded(updated.id)).toMatchObject({ outcome: "ignored", userId: who.user.id });
  });

  it("never trusts arrival order: of two updates, the older one arriving last changes nothing", async () => {
    const who = await customer();
    const t = now() - 100;
    const older = subscriptionEvent("customer.subscription.updated", subscription(who, { priceId: priceIdFor("STARTER") }), { created: t });
    const newer = subscriptionEvent("customer.subscription.updated", subscription(who, { priceId: priceIdFor("PREMIUM") }), { created: t + 5 });
    await deliver(newer);
    expect(await deliver(older)).toMatchObject({ status: 200, body: { outcome: "ignored" } });
    expect(await row(who.user.id)).toMatchObject({ tier: "PREMIUM", stripePriceId: priceIdFor("PREMIUM") });
    expect(await getTier(getDb(), who.user.id)).toBe("PREMIUM");
  });

  it("acknowledges unknown users, unknown prices and unused event types, records why, and grants nothing", async () => {
    const stranger = stripeSubscription({ customerId: stripeId("cus"), userId: "no-such-user", priceId: priceIdFor("PREMIUM"), status: "active" });
    const unknownUser = subscriptionEvent("customer.subscription.created", stranger);
    expect(await deliver(unknownUser)).toMatchObject({ status: 200, body: { outcome: "ignored" } });
    expect((await recorded(unknownUser.id))?.detail).toMatch(/No user matches/);

    const who = await customer();
    const foreignPrice = subscriptionEvent("customer.subscription.created", subscription(who, { priceId: "price_someone_elses" }));
    expect(await deliver(foreignPrice)).toMatchObject({ status: 200, body: { outcome: "ignored" } });
    expect(await recorded(foreignPrice.id)).toMatchObject({
      outcome: "ignored",
      userId: who.user.id,
      detail: expect.stringMatching(/price_someone_elses is not one of ours/) as string,
    });
    expect(await row(who.user.id)).toBeNull();
    expect(await getTier(getDb(), who.user.id)).toBe("FREE");

    const other = { ...subscriptionEvent("customer.subscription.created", subscription(who)), type: "customer.updated" } as unknown as Stripe.Event;
    expect(await deliver(other)).toMatchObject({ status: 200, body: { outcome: "ignored" } });
    expect((await recorded(other.id))?.detail).toMatch(/customer\.updated/);
    expect(await row(who.user.id)).toBeNull();
  });

  it("marks a failed payment past_due with one notice and e-mail per run of failures, and a paid invoice ends it", async () => {
    const who = await customer();
    const t = now() - 300;
    await deliver(subscriptionEvent("customer.subscription.created", subscription(who), { created: t }));
    const failed = (at: number) =>
      invoiceEvent("invoice.payment_failed", stripeInvoice({ customerId: who.customerId, subscriptionId: who.subscriptionId, userId: who.user.id, paid: false, created: at }), {
        created: at,
      });

    expect(await deliver(failed(t + 10))).toMatchObject({ status: 200, body: { outcome: "applied" } });
    expect(await row(who.user.id)).toMatchObject({ status: "past_due", pastDueSince: new Date((t + 10) * 1000), tier: "STARTER" });
    expect(await getTier(getDb(), who.user.id)).toBe("STARTER");
    // Stripe's own subscription update for the same failure, then another failed retry: still the one run.
    await deliver(subscriptionEvent("customer.subscription.updated", subscription(who, { status: "past_due" }), { created: t + 11 }));
    await deliver(failed(t + 20));
    expect(await row(who.user.id)).toMatchObject({ status: "past_due", pastDueSince: new Date((t + 10) * 1000) });

    const notices = await getDb().notification.findMany({ where: { userId: who.user.id, kind: "payment-problem" } });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ link: "/billing", title: "The payment for your Starter plan failed" });
    const graceEnd = new Date((t + 10 + 14 * DAY) * 1000).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    expect(notices[0]?.body).toContain(graceEnd);
    const emails = await getDb().emailOutbox.findMany({ where: { userId: who.user.id } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: who.user.email, subject: "The payment for your Starter plan failed" });
    expect(emails[0]?.text).toContain("/billing");

    const paid = invoiceEvent("invoice.paid", stripeInvoice({ customerId: who.customerId, subscriptionId: who.subscriptionId, paid: true, created: t + 30 }), { created: t + 30 });
    expect(await deliver(paid)).toMatchObject({ status: 200, body: { outcome: "applied" } });
    expect(await row(who.user.id)).toMatchObject({ status: "active", pastDueSince: null });

    // A new run of failures is a new notice.
    await deliver(failed(t + 40));
    expect(await getDb().notification.count({ where: { userId: who.user.id, kind: "payment-problem" } })).toBe(2);
  });

  it("records a failure with its error so Stripe's retry runs it again, and the retry's success replaces it", async () => {
    const who = await customer();
    const event = subscriptionEvent("customer.subscription.created", subscription(who));
    let fail = true;
    const flaky: SubscriptionSource = {
      kind: "stripe",
      retrieveSubscription: () => (fail ? Promise.reject(new Error("Stripe is unreachable")) : Promise.resolve(undefined)),
    };
    const payload = JSON.stringify(event);
    const signature = () => signStripePayload(payload, getEnv().STRIPE_WEBHOOK_SECRET);
    const first = await handleStripeWebhook({ db: getDb(), provider: flaky }, payload, signature());
    expect(first).toMatchObject({ status: 500, body: { error: { code: "INTERNAL" } } });
    expect(await recorded(event.id)).toMatchObject({ outcome: "failed", detail: "Stripe is unreachable", attempts: 1 });
    expect(await row(who.user.id)).toBeNull();

    fail = false;
    expect(await handleStripeWebhook({ db: getDb(), provider: flaky }, payload, signature())).toMatchObject({ status: 200, body: { outcome: "applied" } });
    expect(await recorded(event.id)).toMatchObject({ outcome: "applied", attempts: 2 });
    expect(await row(who.user.id)).toMatchObject({ tier: "STARTER", status: "active" });
    // And now it is a replay.
    expect(await handleStripeWebhook({ db: getDb(), provider: flaky }, payload, signature())).toMatchObject({ status: 200, body: { replay: true } });
  });

  it("with a Stripe key, applies the subscription as Stripe has it now rather than the event's stale copy", async () => {
    const who = await customer();
    const current = subscription(who, { priceId: priceIdFor("PREMIUM"), status: "active" });
    const asked: string[] = [];
    const stripe: SubscriptionSource = {
      kind: "stripe",
      retrieveSubscription: (id) => {
        asked.push(id);
        return Promise.resolve(current);
      },
    };
    // The event still says STARTER past_due; Stripe now says PREMIUM active.
    const event = subscriptionEvent("customer.subscription.updated", subscription(who, { priceId: priceIdFor("STARTER"), status: "past_due" }));
    const payload = JSON.stringify(event);
    const answer = await handleStripeWebhook({ db: getDb(), provider: stripe }, payload, signStripePayload(payload, getEnv().STRIPE_WEBHOOK_SECRET));
    expect(answer).toMatchObject({ status: 200, body: { outcome: "applied" } });
    expect(asked).toEqual([who.subscriptionId]);
    expect(await row(who.user.id)).toMatchObject({ tier: "PREMIUM", status: "active", pastDueSince: null });
    expect(await getTier(getDb(), who.user.id)).toBe("PREMIUM");
    expect(await getDb().notification.count({ where: { userId: who.user.id } })).toBe(0);
  });

  it("applies parallel deliveries for one user one after another, and the newest state wins", async () => {
    const who = await customer();
    const t = now() - 200;
    const tiers = ["STARTER", "PREMIUM"] as const;
    const events = Array.from({ length: 12 }, (_, i) =>
      subscriptionEvent("customer.subscription.updated", subscription(who, { priceId: priceIdFor(tiers[i % 2]!) }), { created: t + i }),
    );
    // Each one twice, all at once, newest first.
    const answers = await Promise.all([...events, ...events].reverse().map((event) => deliver(event)));
    for (const answer of answers) expect(answer.status).toBe(200);
    expect(await row(who.user.id)).toMatchObject({ tier: "PREMIUM", lastEventAt: new Date((t + 11) * 1000) });
    expect(await getDb().processedStripeEvent.count({ where: { id: { in: events.map((event) => event.id) } } })).toBe(12);
    expect(await getDb().subscription.count({ where: { userId: who.user.id } })).toBe(1);
  });
});
