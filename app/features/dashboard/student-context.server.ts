import { levelForScore, type Difficulty } from "~/domain/difficulty";
import { effectiveTier, quotaMonth, type Tier } from "~/domain/entitlements";
import { fastQuery, type Db, type Prisma } from "~/utils/db.server";
import { oncePerRequest } from "~/utils/request-scope.server";

type Queryable = Db | Prisma.TransactionClient;

export interface Standing {
  tier: Tier;
  profilerScore: number | null;
  level: Difficulty | null;
  onboarded: boolean;
  startsThisMonth: number;
  enrolledTrackIds: string[];
  /** Unread notifications, for the shell's bell. */
  unread: number;
  /** The revision of the published catalogue now (services/published-catalogue.server.ts). */
  catalogueRevision: string | null;
}

/**
 * Everything about the signed-in user that decides what they may start and what the shell
 * shows, in one statement. Pages read it through `standingForRequest`, once per HTTP request
 * however many loaders need it.
 */
export async function loadStanding(db: Queryable, userId: string, now = new Date()): Promise<Standing> {
  const rows = await fastQuery<{
    profilerScore: number | null;
    onboardedAt: Date | null;
    tier: Tier | null;
    status: string | null;
    currentPeriodEnd: Date | null;
    starts: number;
    tracks: string[];
    unread: number;
    catalogueRevision: string | null;
  }>(db, {
    name: "mxp.student-standing",
    text: `SELECT u."profilerScore", u."onboardedAt" AT TIME ZONE 'UTC' AS "onboardedAt", s."tier"::text AS "tier", s."status",
        s."currentPeriodEnd" AT TIME ZONE 'UTC' AS "currentPeriodEnd",
        (SELECT count(*)::int FROM "MissionStart" ms WHERE ms."userId" = u."id" AND ms."month" = $2) AS starts,
        COALESCE((SELECT array_agg(e."trackId" ORDER BY e."createdAt") FROM "TrackEnrollment" e WHERE e."userId" = u."id"), '{}') AS tracks,
        (SELECT count(*)::int FROM "Notification" n WHERE n."userId" = u."id" AND n."readAt" IS NULL) AS unread,
        (SELECT cr."revision" FROM "CatalogueRevision" cr WHERE cr."id" = 1) AS "catalogueRevision"
      FROM "User" u LEFT JOIN "Subscription" s ON s."userId" = u."id"
      WHERE u."id" = $1`,
    values: [userId, quotaMonth(now)],
  });
  const row = rows[0];
  if (!row) return { tier: "FREE", profilerScore: null, level: null, onboarded: false, startsThisMonth: 0, enrolledTrackIds: [], unread: 0, catalogueRevision: null };
  return {
    tier: effectiveTier(row.tier ? { tier: row.tier, status: row.status ?? "", currentPeriodEnd: row.currentPeriodEnd } : null, now),
    profilerScore: row.profilerScore,
    level: row.profilerScore === null ? null : levelForScore(row.profilerScore),
    onboarded: row.onboardedAt !== null || row.profilerScore !== null,
    startsThisMonth: Number(row.starts),
    enrolledTrackIds: row.tracks,
    unread: row.unread,
    catalogueRevision: row.catalogueRevision,
  };
}

/** The standing of the request's user, loaded once per HTTP request (shell and page share it). */
export function standingForRequest(db: Db, userId: string, now = new Date()): Promise<Standing> {
  return oncePerRequest(`standing:${userId}:${quotaMonth(now)}`, () => loadStanding(db, userId, now));
}
