import { effectiveTier, type Tier } from "~/domain/entitlements";
import type { Db } from "~/utils/db.server";
import type { PublicUser } from "./users.server";

/** What the signed-in shell shows on every page (unread count, plan), in one query. */
export async function getShellData(db: Db, user: PublicUser, now = new Date()): Promise<{ unread: number; tier: Tier | null }> {
  const [row] = await db.$queryRaw<{ unread: bigint; tier: Tier | null; status: string | null; currentPeriodEnd: Date | null }[]>`
    SELECT (SELECT count(*) FROM "Notification" n WHERE n."userId" = ${user.id} AND n."readAt" IS NULL) AS unread,
      s."tier", s."status", s."currentPeriodEnd"
    FROM (SELECT 1) AS one LEFT JOIN "Subscription" s ON s."userId" = ${user.id}`;
  const tier = row?.tier ? effectiveTier({ tier: row.tier, status: row.status ?? "", currentPeriodEnd: row.currentPeriodEnd }, now) : "FREE";
  return { unread: Number(row?.unread ?? 0), tier: user.role === "STUDENT" ? tier : null };
}
