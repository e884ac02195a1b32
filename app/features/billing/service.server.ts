import { tierInForce, type Tier, type TierInForce } from "~/domain/entitlements";
import type { Db } from "~/utils/db.server";

/** The student's plan in force (subscription and admins' grants combined), with where it comes from and any payment problem. */
export async function getTierInForce(db: Db, userId: string, now = new Date()): Promise<TierInForce> {
  const [subscription, grants] = await Promise.all([
    db.subscription.findUnique({ where: { userId }, select: { tier: true, status: true, currentPeriodEnd: true, pastDueSince: true } }),
    db.tierGrant.findMany({
      where: { userId, revokedAt: null, OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
      select: { tier: true, startsAt: true, endsAt: true, revokedAt: true },
    }),
  ]);
  return tierInForce({ subscription, grants }, now);
}

/** The tier every entitlement question is answered for. */
export async function getTier(db: Db, userId: string, now = new Date()): Promise<Tier> {
  return (await getTierInForce(db, userId, now)).tier;
}
