import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localBillingProvider } from "~/adapters/billing/local.server";
import { appErrorFrom as failure } from "~/testing/errors";
import { createUser } from "~/testing/factories";
import { startWebhookServer } from "~/testing/webhook-server";
import { getDb } from "~/utils/db.server";
import { startCheckout } from "./checkout.server";
import { confirmLocalCheckout, getLocalCheckout, getLocalSubscription, runEmulatorAction, webhookDelivery, type EventDelivery } from "./emulator.server";
import { priceIdFor } from "./prices.server";
import { getTier } from "./service.server";

let webhook: { url: string; close: () => Promise<void> };
let deliver: EventDelivery;
/** Every event delivered, as the route received it. */
const delivered: Stripe.Event[] = [];

beforeAll(async () => {
  webhook = await startWebhookServer();
  const overHttp = webhookDelivery(webhook.url);
  deliver = async (events) => {
    delivered.push(...events);
    await overHttp(events);
  };
});
afterAll(() => webhook.close());

async function subscribedStudent(tier: "STARTER" | "PREMIUM" = "PREMIUM") {
  const student = await createUser();
  const { url } = await startCheckout(getDb(), student, { tier, returnTo: "/dashboard/student/missions/web-101" }, localBillingProvider());
  const sessionId = decodeURIComponent(url.split("/").at(-1)!);
  return { student, sessionId };
}

const appRow = (userId: string) => getDb().subscription.findUniqueOrThrow({ where: { userId } });

describe("the local checkout emulator, through the real webhook route over HTTP", () => {
  it("confirming a checkout delivers signed Stripe events that give the student the plan, then lands on the success page", async () => {
    const { student, sessionId } = await subscribedStudent("PREMIUM");
    expect(await getLocalCheckout(getDb(), student, sessionId)).toMatchObject({ tier: "PREMIUM", priceUsdPerMonth: 7, completed: false });
    const before = delivered.length;
    const landing = await confirmLocalCheckout(getDb(), student, sessionId, deliver);
    expect(landing).toBe("/billing/success?tier=PREMIUM&returnTo=%2Fdashboard%2Fstudent%2Fmissions%2Fweb-101");
    const events = delivered.slice(before);
    expect(events.map((event) => event.type)).toEqual(["checkout.session.completed", "customer.subscription.created", "invoice.paid"]);
    // Each event is later than the one before it, as Stripe's are.
    expect(events.map((event) => event.created)).toEqual([...events.map((event) => event.created)].sort((a, b) => a - b));
    expect(new Set(events.map((event) => event.created)).size).toBe(events.length);
    const row = await appRow(student.id);
    expect(row).toMatchObject({ tier: "PREMIUM", status: "active", stripePriceId: priceIdFor("PREMIUM"), cancelAtPeriodEnd: false });
    expect(row.stripeSubscriptionId).toMatch(/^sub_local_/);
    expect(await getTier(getDb(), student.id)).toBe("PREMIUM");
    expect(await getDb().processedStripeEvent.count({ where: { userId: student.id, outcome: "applied" } })).toBe(3);
  });

  it("a second confirmation of the same checkout sends nothing and starts no second subscription", async () => {
    const { student, sessionId } = await subscribedStudent("STARTER");
    await confirmLocalCheckout(getDb(), student, sessionId, deliver);
    const before = delivered.length;
    await Promise.all([confirmLocalCheckout(getDb(), student, sessionId, deliver), confirmLocalCheckout(getDb(), student, sessionId, deliver)]);
    expect(delivered.length).toBe(before);
    expect(await getDb().localSubscription.count({ where: { userId: student.id } })).toBe(1);
  });

  it("cancel at period end keeps the plan until the period ends; ending the period makes the student Free", async () => {
    const { student, sessionId } = await subscribedStudent("PREMIUM");
    await confirmLocalCheckout(getDb(), student, sessionId, deliver);
    await runEmulatorAction(getDb(), student, { action: "cancel" }, deliver);
    expect(await appRow(student.id)).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
    expect(await getTier(getDb(), student.id)).toBe("PREMIUM");

    await runEmulatorAction(getDb(), student, { action: "resume" }, deliver);
    expect(await appRow(student.id)).toMatchObject({ cancelAtPeriodEnd: false });
    await runEmulatorAction(getDb(), student, { action: "cancel" }, deliver);

    const before = delivered.length;
    await runEmulatorAction(getDb(), student, { action: "end-period" }, deliver);
    expect(delivered.slice(before).map((event) => event.type)).toEqual(["customer.subscription.deleted"]);
    expect(await appRow(student.id)).toMatchObject({ status: "canceled" });
    expect(await getTier(getDb(), student.id)).toBe("FREE");
    expect(await getLocalSubscription(getDb(), student.id)).toBeNull();
    expect((await failure(runEmulatorAction(getDb(), student, { action: "cancel" }, deliver))).code).toBe("INVALID_STATE");
  });

  it("changes plan, and a failed payment makes the subscription past due until a payment goes through", async () => {
    const { student, sessionId } = await subscribedStudent("STARTER");
    await confirmLocalCheckout(getDb(), student, sessionId, deliver);
    await runEmulatorAction(getDb(), student, { action: "change-plan", tier: "PREMIUM" }, deliver);
    expect(await appRow(student.id)).toMatchObject({ tier: "PREMIUM", stripePriceId: priceIdFor("PREMIUM") });

    const before = delivered.length;
    await runEmulatorAction(getDb(), student, { action: "fail-payment" }, deliver);
    expect(delivered.slice(before).map((event) => event.type)).toEqual(["invoice.payment_failed", "customer.subscription.updated"]);
    const pastDue = await appRow(student.id);
    expect(pastDue).toMatchObject({ status: "past_due", tier: "PREMIUM" });
    expect(pastDue.pastDueSince).not.toBeNull();
    expect(await getTier(getDb(), student.id)).toBe("PREMIUM");

    await runEmulatorAction(getDb(), student, { action: "recover-payment" }, deliver);
    expect(await appRow(student.id)).toMatchObject({ status: "active", pastDueSince: null });
  });

  it("renews when the period ends without a cancellation", async () => {
    const { student, sessionId } = await subscribedStudent("STARTER");
    await confirmLocalCheckout(getDb(), student, sessionId, deliver);
    const before = delivered.length;
    await runEmulatorAction(getDb(), student, { action: "end-period" }, deliver);
    expect(delivered.slice(before).map((event) => event.type)).toEqual(["invoice.paid", "customer.subscription.updated"]);
    expect(await appRow(student.id)).toMatchObject({ status: "active", tier: "STARTER", cancelAtPeriodEnd: false });
    expect((await appRow(student.id)).currentPeriodEnd!.getTime()).toBeGreaterThan(Date.now() + 1000 * 60 * 60 * 24 * 28);
    expect(await getTier(getDb(), student.id)).toBe("STARTER");
  });

  it("refuses another user's checkout as not found, and changes nothing when the webhook refuses an event", async () => {
    const { student, sessionId } = await subscribedStudent("PREMIUM");
    const other = await createUser();
    expect((await failure(getLocalCheckout(getDb(), other, sessionId))).code).toBe("NOT_FOUND");
    expect((await failure(confirmLocalCheckout(getDb(), other, sessionId, deliver))).code).toBe("NOT_FOUND");

    const refused: EventDelivery = () => Promise.reject(new Error("webhook down"));
    await expect(confirmLocalCheckout(getDb(), student, sessionId, refused)).rejects.toThrow("webhook down");
    expect(await getDb().localCheckoutSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ completedAt: null });
    expect(await getDb().localSubscription.count({ where: { userId: student.id } })).toBe(0);
    // The student can try again.
    await confirmLocalCheckout(getDb(), student, sessionId, deliver);
    expect(await getTier(getDb(), student.id)).toBe("PREMIUM");
  });

  it("does not exist when Stripe is configured", async () => {
    const { student, sessionId } = await subscribedStudent("PREMIUM");
    process.env.STRIPE_SECRET_KEY = "sk_test_configured";
    try {
      expect((await failure(getLocalCheckout(getDb(), student, sessionId))).code).toBe("NOT_FOUND");
      expect((await failure(confirmLocalCheckout(getDb(), student, sessionId, deliver))).code).toBe("NOT_FOUND");
      expect((await failure(runEmulatorAction(getDb(), student, { action: "cancel" }, deliver))).code).toBe("NOT_FOUND");
    } finally {
      delete process.env.STRIPE_SECRET_KEY;
    }
  });
});

describe("webhookDelivery", () => {
  it("fails, saying so, when the webhook does not acknowledge an event", async () => {
    const elsewhere = webhookDelivery(`${webhook.url}/nowhere`);
    expect((await failure(elsewhere([{ id: "evt_x", type: "invoice.paid" } as unknown as Stripe.Event]))).code).toBe("UNAVAILABLE");
  });
});
