import { effectiveTier, type Tier } from "~/domain/entitlements";
import { fastQuery, type Db } from "~/utils/db.server";
import type { PublicUser } from "./users.server";

/** What the signed-in shell shows on every page (unread count, plan), in one query. */
export async function getShellData(db: Db, user: PublicUser, now = new Date()): Promise<{ unread: number; tier: Tier | null }> {
  const [row] = await fastQuery<{ unread: number; tier: Tier | null; status: string | null; currentPeriodEnd: Date | null }>(db, {
    name: "mxp.shell",
    text: `SELECT (SELECT count(*)::int FROM "Notification" n WHERE n."userId" = $1 AND n."readAt" IS NULL) AS unread,
        s."tier"::text AS "tier", s."status", s."currentPeriodEnd" AT TIME ZONE 'UTC' AS "currentPeriodEnd"
      FROM (SELECT 1) AS one LEFT JOIN "Subscription" s ON s."userId" = $1`,
    values: [user.id],
  });
  const tier = row?.tier ? effectiveTier({ tier: row.tier, status: row.status ?? "", currentPeriodEnd: row.currentPeriodEnd }, now) : "FREE";
  return { unread: Number(row?.unread ?? 0), tier: user.role === "STUDENT" ? tier : null };
}
