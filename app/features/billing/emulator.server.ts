import type Stripe from "stripe";
import { z } from "zod";
import { isLocalBilling } from "~/adapters/billing/billing.server";
import { localId } from "~/adapters/billing/local.server";
import { ENTITLEMENTS } from "~/domain/entitlements";
import type { PublicUser } from "~/features/accounts/service.server";
import type { Db, Prisma } from "~/utils/db.server";
import { appUrl, getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { parseOrThrow } from "~/utils/validation";
import { PAID_TIERS, priceIdFor, tierForPrice, type PaidTier } from "./prices.server";
import { liveLocalSubscriptionForUpdate, lockLocalCheckoutSession } from "./queries.server";
import {
  checkoutSessionCompletedEvent,
  invoiceEvent,
  signStripePayload,
  stripeCheckoutSession,
  stripeInvoice,
  stripeSubscription,
  subscriptionEvent,
  toStripeTime,
} from "./stripe-events";

/*
 * The local checkout emulator's side of billing (no STRIPE_SECRET_KEY): it plays Stripe. It
 * keeps its checkouts and subscriptions in its own tables (LocalCheckoutSession,
 * LocalSubscription), and everything that happens to them goes to the app the way Stripe's
 * news does: as Stripe-shaped events, signed with STRIPE_WEBHOOK_SECRET and POSTed to this
 * site's /api/webhooks/stripe. Nothing here writes the app's Subscription row.
 */

type Student = Pick<PublicUser, "id" | "email" | "role">;

/** Sends events to the webhook route, in order; throws when one is not acknowledged. */
export type EventDelivery = (events: Stripe.Event[]) => Promise<void>;

const DAY_MS = 24 * 60 * 60 * 1000;
/** The emulator bills monthly, as the plans are priced. */
const PERIOD_MS = 30 * DAY_MS;

/** Delivery over HTTP to `baseUrl`'s webhook route, signed as Stripe signs. */
export function webhookDelivery(baseUrl: string = appUrl()): EventDelivery {
  return async (events) => {
    const secret = getEnv().STRIPE_WEBHOOK_SECRET;
    for (const event of events) {
      const payload = JSON.stringify(event);
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/webhooks/stripe`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "Stripe-Signature": signStripePayload(payload, secret) },
          body: payload,
          signal: AbortSignal.timeout(20_000),
        });
      } catch (error) {
        throw new AppError("UNAVAILABLE", "The test checkout could not reach this site's webhook, so nothing changed. Try again in a moment.", undefined, { cause: error });
      }
      await response.body?.cancel();
      if (!response.ok) {
        throw new AppError(
          "UNAVAILABLE",
          `The webhook did not accept the test checkout's ${event.type} event (HTTP ${response.status}), so the plan may not have changed. Try again in a moment.`,
        );
      }
    }
  };
}

function assertEmulator(): void {
  // With a secret key, Stripe takes payments: the emulator's pages and controls do not exist.
  if (!isLocalBilling()) throw new AppError("NOT_FOUND", "This page does not exist.");
}

function paidTierOf(priceId: string): PaidTier {
  const tier = tierForPrice(priceId);
  if (!tier) throw new AppError("INVALID_STATE", "This test plan's price is no longer sold. Start again from the pricing page.");
  return tier;
}

function cents(tier: PaidTier): number {
  return ENTITLEMENTS[tier].priceUsdPerMonth * 100;
}

export interface LocalCheckoutView {
  id: string;
  tier: PaidTier;
  priceUsdPerMonth: number;
  completed: boolean;
  cancelPath: string;
}

async function ownSession(db: Prisma.TransactionClient | Db, user: Student, sessionId: string) {
  const session = await db.localCheckoutSession.findUnique({ where: { id: sessionId } });
  // Another user's checkout is not found, like any id that does not exist.
  if (!session || session.userId !== user.id) throw new AppError("NOT_FOUND", "This checkout does not exist or has expired. Start again from the pricing page.");
  return session;
}

/** What the emulator's checkout page shows. */
export async function getLocalCheckout(db: Db, user: Student, sessionId: string): Promise<LocalCheckoutView> {
  assertEmulator();
  const session = await ownSession(db, user, sessionId);
  const tier = paidTierOf(session.priceId);
  return { id: session.id, tier, priceUsdPerMonth: ENTITLEMENTS[tier].priceUsdPerMonth, completed: session.completedAt !== null, cancelPath: session.cancelUrl };
}

/** Where "Cancel" on the emulator's checkout page goes (nothing is sent). */
export async function cancelLocalCheckout(db: Db, user: Student, sessionId: string): Promise<string> {
  assertEmulator();
  return (await ownSession(db, user, sessionId)).cancelUrl;
}

type LocalSubscriptionRow = Prisma.LocalSubscriptionGetPayload<object>;

/** The next event time for a subscription: now, but always after the previous event, as Stripe's clock runs. */
function eventClock(after: Date | null): () => number {
  let last = after ? toStripeTime(after) : 0;
  return () => {
    last = Math.max(toStripeTime(new Date()), last + 1);
    return last;
  };
}

function subscriptionObject(row: LocalSubscriptionRow, created?: number): Stripe.Subscription {
  return stripeSubscription({
    id: row.id,
    customerId: row.customerId,
    userId: row.userId,
    priceId: row.priceId,
    status: row.status,
    currentPeriodEnd: row.currentPeriodEnd,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    created: created ?? row.createdAt,
    unitAmount: cents(paidTierOf(row.priceId)),
  });
}

function invoiceFor(row: LocalSubscriptionRow, paid: boolean, created: number): Stripe.Invoice {
  return stripeInvoice({
    id: localId("in"),
    customerId: row.customerId,
    subscriptionId: row.id,
    userId: row.userId,
    paid,
    amount: cents(paidTierOf(row.priceId)),
    created,
    ...(paid ? {} : { attemptCount: 1, nextPaymentAttempt: new Date(created * 1000 + 3 * DAY_MS) }),
  });
}

/**
 * "Pay" on the emulator's checkout page: the subscription starts, and the webhook is told as
 * Stripe tells it (checkout.session.completed, customer.subscription.created, invoice.paid). A
 * second confirmation (a double click, the back button) sends nothing. Answers the success page.
 */
export async function confirmLocalCheckout(db: Db, user: Student, sessionId: string, deliver: EventDelivery = webhookDelivery()): Promise<string> {
  assertEmulator();
  await ownSession(db, user, sessionId);
  return db.$transaction(
    async (tx) => {
      await lockLocalCheckoutSession(tx, sessionId);
      const session = await ownSession(tx, user, sessionId);
      if (session.completedAt) return session.successUrl;
      const tier = paidTierOf(session.priceId);
      const live = await tx.localSubscription.findFirst({ where: { userId: user.id, status: { not: "canceled" } } });
      if (live) throw new AppError("INVALID_STATE", "You already have a plan. Change it on your billing page instead of checking out again.");
      const now = new Date();
      const clock = eventClock(null);
      const subscription = await tx.localSubscription.create({
        data: {
          id: localId("sub"),
          userId: user.id,
          customerId: session.customerId,
          priceId: session.priceId,
          status: "active",
          currentPeriodStart: now,
          currentPeriodEnd: new Date(now.getTime() + PERIOD_MS),
          lastEventAt: now,
        },
      });
      const checkout = stripeCheckoutSession({
        id: session.id,
        customerId: session.customerId,
        userId: user.id,
        subscription: subscription.id,
        amountTotal: cents(tier),
        successUrl: `${appUrl()}${session.successUrl}`,
        cancelUrl: `${appUrl()}${session.cancelUrl}`,
        created: session.createdAt,
      });
      const events: Stripe.Event[] = [
        checkoutSessionCompletedEvent(checkout, { created: clock() }),
        subscriptionEvent("customer.subscription.created", subscriptionObject(subscription), { created: clock() }),
      ];
      events.push(invoiceEvent("invoice.paid", invoiceFor(subscription, true, clock()), { created: clock() }));
      await tx.localSubscription.update({ where: { id: subscription.id }, data: { lastEventAt: new Date(events.at(-1)!.created * 1000) } });
      await tx.localCheckoutSession.update({ where: { id: session.id }, data: { completedAt: now, subscriptionId: subscription.id } });
      await deliver(events);
      return session.successUrl;
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}

export interface LocalSubscriptionView {
  id: string;
  tier: PaidTier;
  status: string;
  currentPeriodEnd: Date;
  cancelAtPeriodEnd: boolean;
}

/** The emulator's live subscription of a user (none once it ended), for the billing page's test controls. */
export async function getLocalSubscription(db: Db, userId: string): Promise<LocalSubscriptionView | null> {
  if (!isLocalBilling()) return null;
  const row = await db.localSubscription.findFirst({ where: { userId, status: { not: "canceled" } }, orderBy: { createdAt: "desc" } });
  if (!row) return null;
  return { id: row.id, tier: paidTierOf(row.priceId), status: row.status, currentPeriodEnd: row.currentPeriodEnd, cancelAtPeriodEnd: row.cancelAtPeriodEnd };
}

export const EMULATOR_ACTIONS = ["change-plan", "cancel", "resume", "fail-payment", "recover-payment", "end-period"] as const;
export type EmulatorAction = (typeof EMULATOR_ACTIONS)[number];

const actionInput = z.object({
  action: z.enum(EMULATOR_ACTIONS, { message: "Choose one of the test controls." }),
  tier: z.enum(PAID_TIERS).optional(),
});

/** What an action did, for the billing page to say. */
export interface EmulatorOutcome {
  action: EmulatorAction;
  message: string;
}

/**
 * One of the billing page's test controls, standing in for Stripe's portal and its clock:
 * change plan, cancel at period end and resume, a failed payment and its recovery, and the end of
 * the current period (a renewal, or the end of a cancelled or unpaid subscription).
 */
export async function runEmulatorAction(db: Db, user: Student, input: { action: unknown; tier?: unknown }, deliver: EventDelivery = webhookDelivery()): Promise<EmulatorOutcome> {
  assertEmulator();
  const { action, tier } = parseOrThrow(actionInput, { action: input.action, tier: input.tier === "" || input.tier === null ? undefined : input.tier });
  return db.$transaction(
    async (tx) => {
      const [locked] = await liveLocalSubscriptionForUpdate(tx, user.id);
      const row = locked?.id ? await tx.localSubscription.findUnique({ where: { id: locked.id } }) : null;
      if (!row) throw new AppError("INVALID_STATE", "You have no test subscription to change. Choose a plan on the pricing page first.");
      const clock = eventClock(row.lastEventAt);
      const now = new Date();
      const events: Stripe.Event[] = [];
      let next: LocalSubscriptionRow = row;
      let message: string;
      const update = (changes: Partial<LocalSubscriptionRow>) => {
        next = { ...next, ...changes };
      };
      switch (action) {
        case "change-plan": {
          if (!tier) throw new AppError("VALIDATION_FAILED", "Choose the plan to change to.");
          if (priceIdFor(tier) === row.priceId) throw new AppError("INVALID_STATE", "You are on that plan already.");
          update({ priceId: priceIdFor(tier) });
          events.push(subscriptionEvent("customer.subscription.updated", subscriptionObject(next), { created: clock() }));
          message = `Your test subscription is now on the ${tier === "PREMIUM" ? "Premium" : "Starter"} plan.`;
          break;
        }
        case "cancel":
        case "resume": {
          update({ cancelAtPeriodEnd: action === "cancel" });
          events.push(subscriptionEvent("customer.subscription.updated", subscriptionObject(next), { created: clock() }));
          message = action === "cancel" ? "Your plan will end at the end of the current period." : "Your plan renews again at the end of the period.";
          break;
        }
        case "fail-payment": {
          update({ status: "past_due" });
          events.push(invoiceEvent("invoice.payment_failed", invoiceFor(next, false, clock()), { created: clock() }));
          events.push(subscriptionEvent("customer.subscription.updated", subscriptionObject(next), { created: clock() }));
          message = "A failed payment was simulated: the subscription is past due.";
          break;
        }
        case "recover-payment": {
          if (row.status !== "past_due") throw new AppError("INVALID_STATE", "There is no failed payment to recover.");
          update({ status: "active" });
          events.push(invoiceEvent("invoice.paid", invoiceFor(next, true, clock()), { created: clock() }));
          events.push(subscriptionEvent("customer.subscription.updated", subscriptionObject(next), { created: clock() }));
          message = "The payment went through: the subscription is active again.";
          break;
        }
        case "end-period": {
          if (row.cancelAtPeriodEnd || row.status === "past_due") {
            // A cancellation takes effect; an unpaid subscription is cancelled once Stripe stops retrying.
            update({ status: "canceled", currentPeriodEnd: now, endedAt: now });
            const created = clock();
            events.push(subscriptionEvent("customer.subscription.deleted", subscriptionObject(next, created), { created }));
            message = "The period ended and the subscription with it.";
          } else {
            update({ currentPeriodStart: now, currentPeriodEnd: new Date(now.getTime() + PERIOD_MS) });
            events.push(invoiceEvent("invoice.paid", invoiceFor(next, true, clock()), { created: clock() }));
            events.push(subscriptionEvent("customer.subscription.updated", subscriptionObject(next), { created: clock() }));
            message = "The period ended and the subscription renewed for another month.";
          }
          break;
        }
      }
      await tx.localSubscription.update({
        where: { id: row.id },
        data: {
          priceId: next.priceId,
          status: next.status,
          currentPeriodStart: next.currentPeriodStart,
          currentPeriodEnd: next.currentPeriodEnd,
          cancelAtPeriodEnd: next.cancelAtPeriodEnd,
          endedAt: next.endedAt,
          lastEventAt: new Date(events.at(-1)!.created * 1000),
        },
      });
      await deliver(events);
      return { action, message };
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}
