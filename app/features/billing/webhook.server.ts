import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import type { BillingProvider } from "~/adapters/billing/billing.server";
import { BILLED_STATUSES, pastDueGraceEndsAt, TIER_LABELS, type Tier } from "~/domain/entitlements";
import { createNotificationIn } from "~/features/notifications/service.server";
import { logger } from "~/server/logger.server";
import type { Db, Prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { tierForPrice } from "./prices.server";
import { claimStripeEvent, lockSubscriptionForUpdate, recordStripeEventOutcome, stripeEventForUpdate, subscriptionForUpdate } from "./queries.server";

type Tx = Prisma.TransactionClient;

/** Stripe's own default: a signature older than this is refused, so a captured delivery cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** What the webhook needs of the billing provider: which one it is, and the subscription as it stands now. */
export type SubscriptionSource = Pick<BillingProvider, "kind" | "retrieveSubscription">;

export interface WebhookDeps {
  db: Db;
  provider: SubscriptionSource;
  /** STRIPE_WEBHOOK_SECRET by default. */
  secret?: string;
}

export type WebhookOutcome = "applied" | "ignored";

export interface WebhookAnswer {
  status: number;
  body: { received: true; outcome: WebhookOutcome; replay?: true; detail?: string } | ReturnType<AppError["toJSON"]>;
}

/** An event that changes nothing, and why; its transaction is rolled back so nothing it touched stays. */
class Ignored extends Error {
  constructor(
    readonly detail: string,
    readonly userId: string | null = null,
  ) {
    super(detail);
  }
}

/**
 * POST /api/webhooks/stripe: verifies the signature on the raw body, records the event id once,
 * and applies the event to the user's Subscription in one transaction that holds the row's lock.
 * 400 for a bad, missing or stale signature (nothing recorded); 2xx for applied, replayed and
 * ignored events; 500 when applying failed (recorded as failed, so Stripe's retry runs it again).
 */
export async function handleStripeWebhook(deps: WebhookDeps, rawBody: string, signature: string | null): Promise<WebhookAnswer> {
  if (!signature) return refused("The Stripe-Signature header is missing.");
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signature, deps.secret ?? getEnv().STRIPE_WEBHOOK_SECRET, SIGNATURE_TOLERANCE_SECONDS);
  } catch (error) {
    return refused(`The Stripe signature could not be verified: ${error instanceof Error ? error.message : String(error)}`);
  }
  const createdAt = new Date(event.created * 1000);
  const record = { id: event.id, type: event.type, createdAt };
  try {
    const result = await deps.db.$transaction((tx) => processEvent(tx, deps.provider, event), { maxWait: 10_000, timeout: 20_000 });
    return { status: 200, body: { received: true, ...result } };
  } catch (error) {
    if (error instanceof Ignored) {
      const [row] = await recordStripeEventOutcome(deps.db, { ...record, outcome: "ignored", detail: error.detail, userId: error.userId });
      // Another delivery of the same id recorded it first: this one is its replay.
      if (!row) return { status: 200, body: { received: true, outcome: "ignored", replay: true } };
      return { status: 200, body: { received: true, outcome: "ignored", detail: error.detail } };
    }
    const message = error instanceof Error ? error.message : String(error);
    logger.error({ error, eventId: event.id, type: event.type }, "stripe event failed");
    await recordStripeEventOutcome(deps.db, { ...record, outcome: "failed", detail: message, userId: null }).catch((recordError: unknown) =>
      logger.error({ error: recordError, eventId: event.id }, "stripe event failure could not be recorded"),
    );
    return { status: 500, body: new AppError("INTERNAL", "The event could not be applied; Stripe delivers it again later.").toJSON() };
  }
}

function refused(message: string): WebhookAnswer {
  return { status: 400, body: new AppError("VALIDATION_FAILED", message).toJSON() };
}

async function processEvent(tx: Tx, provider: SubscriptionSource, event: Stripe.Event): Promise<{ outcome: WebhookOutcome; replay?: true; detail?: string }> {
  const createdAt = new Date(event.created * 1000);
  const [claim] = await claimStripeEvent(tx, { id: event.id, type: event.type, createdAt });
  let attempts = 1;
  if (!claim?.claimed) {
    const [existing] = await stripeEventForUpdate(tx, event.id);
    if (existing && existing.outcome !== "failed") return { outcome: existing.outcome === "ignored" ? "ignored" : "applied", replay: true };
    attempts = (existing?.attempts ?? 0) + 1;
  }
  const applied = await applyEvent(tx, provider, event, createdAt);
  await tx.processedStripeEvent.update({
    where: { id: event.id },
    data: { outcome: "applied", detail: applied.detail, userId: applied.userId, attempts, processedAt: new Date() },
  });
  return { outcome: "applied", detail: applied.detail };
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}

interface Target {
  /** metadata.userId or the checkout's client_reference_id. */
  userId: string | null;
  customerId: string | null;
  subscriptionId: string | null;
}

async function applyEvent(tx: Tx, provider: SubscriptionSource, event: Stripe.Event, createdAt: Date): Promise<{ detail: string; userId: string }> {
  switch (event.type) {
    case "checkout.session.completed": {
      const session = event.data.object;
      if (session.mode !== "subscription") throw new Ignored(`A checkout in ${session.mode} mode is not a subscription.`);
      const subscription = typeof session.subscription === "object" ? session.subscription : null;
      const target: Target = {
        userId: session.client_reference_id ?? session.metadata?.userId ?? null,
        customerId: idOf(session.customer),
        subscriptionId: idOf(session.subscription),
      };
      const { userId, row } = await lockTarget(tx, target);
      const fresh = target.subscriptionId && provider.kind === "stripe" ? await provider.retrieveSubscription(target.subscriptionId) : undefined;
      const state = fresh ?? subscription;
      if (state) return { userId, detail: await applySubscription(tx, { userId, row, subscription: state, createdAt, checkStale: !fresh }) };
      // Only the ids: the subscription's own events carry its state.
      await tx.subscription.update({
        where: { id: row.id },
        data: { stripeCustomerId: target.customerId ?? row.stripeCustomerId, stripeSubscriptionId: row.stripeSubscriptionId ?? target.subscriptionId },
      });
      return { userId, detail: `Customer ${target.customerId ?? "(none)"} stored.` };
    }
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted": {
      const subscription = event.data.object;
      const { userId, row } = await lockTarget(tx, { userId: subscription.metadata.userId ?? null, customerId: idOf(subscription.customer), subscriptionId: subscription.id });
      refuseStale(row, createdAt, userId);
      const fresh = provider.kind === "stripe" ? await provider.retrieveSubscription(subscription.id) : undefined;
      return { userId, detail: await applySubscription(tx, { userId, row, subscription: fresh ?? subscription, createdAt, checkStale: false }) };
    }
    case "invoice.paid":
    case "invoice.payment_failed": {
      const invoice = event.data.object;
      const details = invoice.parent?.subscription_details;
      const subscriptionId = idOf(details?.subscription);
      if (!subscriptionId) throw new Ignored("The invoice is not for a subscription.");
      const { userId, row } = await lockTarget(tx, { userId: details?.metadata?.userId ?? null, customerId: idOf(invoice.customer), subscriptionId });
      refuseStale(row, createdAt, userId);
      const fresh = provider.kind === "stripe" ? await provider.retrieveSubscription(subscriptionId) : undefined;
      if (fresh) return { userId, detail: await applySubscription(tx, { userId, row, subscription: fresh, createdAt, checkStale: false }) };
      return { userId, detail: await applyInvoice(tx, { userId, row, paid: event.type === "invoice.paid", subscriptionId, createdAt }) };
    }
    default:
      throw new Ignored(`Events of type ${event.type} are not used.`);
  }
}

type LockedRow = NonNullable<Awaited<ReturnType<typeof subscriptionForUpdate>>[number]>;

/** Finds the event's user (metadata first, then the stored customer or subscription) and locks their Subscription row. */
async function lockTarget(tx: Tx, target: Target): Promise<{ userId: string; row: LockedRow }> {
  let userId: string | null = null;
  if (target.userId) userId = (await tx.user.findUnique({ where: { id: target.userId }, select: { id: true } }))?.id ?? null;
  if (!userId && target.customerId) userId = (await tx.subscription.findUnique({ where: { stripeCustomerId: target.customerId }, select: { userId: true } }))?.userId ?? null;
  if (!userId && target.subscriptionId) {
    userId = (await tx.subscription.findUnique({ where: { stripeSubscriptionId: target.subscriptionId }, select: { userId: true } }))?.userId ?? null;
  }
  if (!userId) {
    throw new Ignored(
      `No user matches this event (metadata userId ${target.userId ?? "none"}, customer ${target.customerId ?? "none"}, subscription ${target.subscriptionId ?? "none"}).`,
    );
  }
  await lockSubscriptionForUpdate(tx, randomUUID(), userId);
  const [row] = await subscriptionForUpdate(tx, userId);
  if (!row) throw new Error(`The subscription row of user ${userId} could not be locked.`);
  return { userId, row };
}

/** Stripe does not deliver in order: an event older than the state already applied changes nothing. */
function refuseStale(row: LockedRow, createdAt: Date, userId: string): void {
  if (row.lastEventAt && createdAt.getTime() < row.lastEventAt.getTime()) {
    throw new Ignored(`Stale: the event was created at ${createdAt.toISOString()}, before the state already applied (${row.lastEventAt.toISOString()}).`, userId);
  }
}

function latest(a: Date | null, b: Date): Date {
  return a && a.getTime() > b.getTime() ? a : b;
}

/**
 * The period the subscription is paid up to. Recent API versions keep it on the subscription's
 * items; older payloads had it on the subscription itself.
 */
export function subscriptionPeriodEnd(subscription: Stripe.Subscription): Date | null {
  const seconds = subscription.items.data[0]?.current_period_end ?? (subscription as { current_period_end?: number }).current_period_end;
  return typeof seconds === "number" ? new Date(seconds * 1000) : null;
}

async function applySubscription(tx: Tx, input: { userId: string; row: LockedRow; subscription: Stripe.Subscription; createdAt: Date; checkStale: boolean }): Promise<string> {
  const { userId, row, subscription, createdAt } = input;
  if (input.checkStale) refuseStale(row, createdAt, userId);
  // A late event about an earlier, ended subscription must not end the one the student pays for now.
  if (row.stripeSubscriptionId && row.stripeSubscriptionId !== subscription.id && BILLED_STATUSES.has(row.status) && !BILLED_STATUSES.has(subscription.status)) {
    throw new Ignored(`The event is about subscription ${subscription.id}, which has ended; the user's current subscription is ${row.stripeSubscriptionId}.`, userId);
  }
  const priceId = subscription.items.data[0]?.price.id ?? null;
  const tier = tierForPrice(priceId);
  if (!tier) throw new Ignored(`Price ${priceId ?? "(none)"} is not one of ours; no tier is granted.`, userId);
  const periodEnd = subscriptionPeriodEnd(subscription);
  // An ended subscription was paid for only until it ended, even when its period would have run longer.
  const endedAt = subscription.ended_at ? new Date(subscription.ended_at * 1000) : null;
  const paidUntil = endedAt && periodEnd && endedAt.getTime() < periodEnd.getTime() ? endedAt : (periodEnd ?? endedAt);
  const pastDueSince = subscription.status === "past_due" ? (row.status === "past_due" && row.pastDueSince ? row.pastDueSince : createdAt) : null;
  await tx.subscription.update({
    where: { id: row.id },
    data: {
      tier,
      status: subscription.status,
      stripeCustomerId: idOf(subscription.customer) ?? row.stripeCustomerId,
      stripeSubscriptionId: subscription.id,
      stripePriceId: priceId,
      currentPeriodEnd: paidUntil,
      cancelAtPeriodEnd: subscription.cancel_at_period_end,
      pastDueSince,
      lastEventAt: latest(row.lastEventAt, createdAt),
    },
  });
  if (pastDueSince && !row.pastDueSince) await notifyPaymentProblem(tx, userId, tier, pastDueSince);
  return `${TIER_LABELS[tier]} ${subscription.status}${paidUntil ? ` until ${paidUntil.toISOString()}` : ""}${subscription.cancel_at_period_end ? ", cancels at period end" : ""}.`;
}

/**
 * Without a key to ask Stripe, an invoice's outcome is applied to the stored status: a failed
 * payment makes a live subscription past_due, a paid one ends a payment problem.
 */
async function applyInvoice(tx: Tx, input: { userId: string; row: LockedRow; paid: boolean; subscriptionId: string; createdAt: Date }): Promise<string> {
  const { userId, row, createdAt } = input;
  if (row.stripeSubscriptionId !== input.subscriptionId) {
    throw new Ignored(`The invoice is for subscription ${input.subscriptionId}, not the user's current one (${row.stripeSubscriptionId ?? "none"}).`, userId);
  }
  const lastEventAt = latest(row.lastEventAt, createdAt);
  if (input.paid) {
    if (row.status !== "past_due" && row.status !== "unpaid" && row.status !== "incomplete") {
      await tx.subscription.update({ where: { id: row.id }, data: { lastEventAt } });
      return `Paid; the subscription was already ${row.status}.`;
    }
    await tx.subscription.update({ where: { id: row.id }, data: { status: "active", pastDueSince: null, lastEventAt } });
    return `Paid: ${row.status} → active.`;
  }
  if (row.status === "past_due") {
    await tx.subscription.update({ where: { id: row.id }, data: { lastEventAt } });
    return `Payment failed again; past due since ${row.pastDueSince?.toISOString() ?? "unknown"}.`;
  }
  if (row.status !== "active" && row.status !== "trialing") throw new Ignored(`A failed payment changes nothing on a ${row.status} subscription.`, userId);
  await tx.subscription.update({ where: { id: row.id }, data: { status: "past_due", pastDueSince: createdAt, lastEventAt } });
  await notifyPaymentProblem(tx, userId, row.tier, createdAt);
  return `Payment failed: ${row.status} → past_due.`;
}

function formatDay(date: Date): string {
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/**
 * The in-app notice and e-mail of a payment problem, once per run of failed payments (the run's
 * start is in the dedupe key), queued in the transaction that records the problem.
 */
async function notifyPaymentProblem(tx: Tx, userId: string, tier: Tier, pastDueSince: Date): Promise<void> {
  const plan = TIER_LABELS[tier];
  await createNotificationIn(tx, {
    userId,
    kind: "payment-problem",
    title: `The payment for your ${plan} plan failed`,
    body: `We could not take the payment for your ${plan} plan. Your plan stays as it is until ${formatDay(pastDueGraceEndsAt(pastDueSince))} while the card is tried again; update your payment details on the billing page before then to keep it.`,
    link: "/billing",
    dedupeKey: `payment-problem:${userId}:${pastDueSince.toISOString()}`,
    email: true,
  });
}

/** The local checkout's answer: its events carry the whole state, so there is nothing to re-read. */
export const localSubscriptionSource: SubscriptionSource = { kind: "local", retrieveSubscription: () => Promise.resolve(undefined) };
