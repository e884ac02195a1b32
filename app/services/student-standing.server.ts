import { levelForScore, type Difficulty } from "~/domain/difficulty";
import { effectiveTier, quotaMonth, type Tier } from "~/domain/entitlements";
import { fastQuery, type Db, type Prisma } from "~/utils/db.server";

type Queryable = Db | Prisma.TransactionClient;

export interface Standing {
  tier: Tier;
  profilerScore: number | null;
  level: Difficulty | null;
  onboarded: boolean;
  startsThisMonth: number;
  enrolledTrackIds: string[];
}

/** Everything about a student that decides what they may start, in one query. */
export async function loadStanding(db: Queryable, userId: string, now = new Date()): Promise<Standing> {
  const rows = await fastQuery<{ profilerScore: number | null; onboardedAt: Date | null; tier: Tier | null; status: string | null; currentPeriodEnd: Date | null; starts: number; tracks: string[] }>(db, {
    name: "mxp.student-standing",
    text: `SELECT u."profilerScore", u."onboardedAt" AT TIME ZONE 'UTC' AS "onboardedAt", s."tier"::text AS "tier", s."status",
        s."currentPeriodEnd" AT TIME ZONE 'UTC' AS "currentPeriodEnd",
        (SELECT count(*)::int FROM "MissionStart" ms WHERE ms."userId" = u."id" AND ms."month" = $2) AS starts,
        COALESCE((SELECT array_agg(e."trackId" ORDER BY e."createdAt") FROM "TrackEnrollment" e WHERE e."userId" = u."id"), '{}') AS tracks
      FROM "User" u LEFT JOIN "Subscription" s ON s."userId" = u."id"
      WHERE u."id" = $1`,
    values: [userId, quotaMonth(now)],
  });
  const row = rows[0];
  if (!row) return { tier: "FREE", profilerScore: null, level: null, onboarded: false, startsThisMonth: 0, enrolledTrackIds: [] };
  return {
    tier: effectiveTier(row.tier ? { tier: row.tier, status: row.status ?? "", currentPeriodEnd: row.currentPeriodEnd } : null, now),
    profilerScore: row.profilerScore,
    level: row.profilerScore === null ? null : levelForScore(row.profilerScore),
    onboarded: row.onboardedAt !== null || row.profilerScore !== null,
    startsThisMonth: Number(row.starts),
    enrolledTrackIds: row.tracks,
  };
}
