import { billingProvider, type BillingProvider } from "~/adapters/billing/billing.server";
import { BILLED_STATUSES, pastDueGraceEndsAt, type Tier } from "~/domain/entitlements";
import type { PublicUser } from "~/features/accounts/service.server";
import type { Db } from "~/utils/db.server";
import { getLocalSubscription, type LocalSubscriptionView } from "./emulator.server";
import { getTier } from "./service.server";

export interface BillingOverview {
  /** Who takes payments: Stripe, the local emulator, or nobody yet (pages say so). */
  kind: BillingProvider["kind"];
  /** The plan in force now. */
  tier: Tier;
  /** What Stripe last reported, when there is a subscription (not only a customer). */
  subscription: {
    tier: Tier;
    status: string;
    currentPeriodEnd: Date | null;
    /** Whether that period is over (a cancelled or unpaid plan then no longer holds). */
    periodEnded: boolean;
    cancelAtPeriodEnd: boolean;
    pastDueSince: Date | null;
    /** The end of the grace period a failed payment keeps the plan for. */
    graceEndsAt: Date | null;
  } | null;
  /** Whether a customer exists, so the portal can be opened. */
  hasCustomer: boolean;
  /** The emulator's own subscription, for its test controls (local only). */
  emulated: LocalSubscriptionView | null;
}

/** What the billing page shows a student. */
export async function getBillingOverview(db: Db, user: Pick<PublicUser, "id">, now = new Date()): Promise<BillingOverview> {
  const [row, tier] = await Promise.all([db.subscription.findUnique({ where: { userId: user.id } }), getTier(db, user.id, now)]);
  const kind = billingProvider().kind;
  return {
    kind,
    tier,
    subscription:
      // A Free row is no subscription: Stripe only ever reports our paid prices (older seeds wrote Free rows).
      row && row.status !== "none" && row.tier !== "FREE"
        ? {
            tier: row.tier,
            status: row.status,
            currentPeriodEnd: row.currentPeriodEnd,
            periodEnded: row.currentPeriodEnd !== null && row.currentPeriodEnd.getTime() <= now.getTime(),
            cancelAtPeriodEnd: row.cancelAtPeriodEnd,
            pastDueSince: row.pastDueSince,
            graceEndsAt: row.status === "past_due" && row.pastDueSince ? pastDueGraceEndsAt(row.pastDueSince) : null,
          }
        : null,
    hasCustomer: Boolean(row?.stripeCustomerId),
    emulated: kind === "local" ? await getLocalSubscription(db, user.id) : null,
  };
}

/** Whether the student pays for a subscription that is still billed (upgrades then go through the portal). */
export function isSubscribed(overview: Pick<BillingOverview, "subscription">): boolean {
  return overview.subscription !== null && BILLED_STATUSES.has(overview.subscription.status);
}
