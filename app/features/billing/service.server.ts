import { effectiveTier, type Tier } from "~/domain/entitlements";
import type { Db } from "~/utils/db.server";

export async function getTier(db: Db, userId: string, now = new Date()): Promise<Tier> {
  const subscription = await db.subscription.findUnique({ where: { userId }, select: { tier: true, status: true, currentPeriodEnd: true } });
  return effectiveTier(subscription, now);
}
