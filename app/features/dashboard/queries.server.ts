import { z } from "zod";
import { TIERS } from "~/domain/entitlements";
import { defineQuery, sqlInteger, sqlTimestamp } from "~/utils/sql.server";

/**
 * Everything about a user that decides what they may start and what the shell shows, in one
 * statement: profiler score, subscription, admins' grants, this month's starts, tracks, unread
 * notifications and the catalogue's revision. No row: the user does not exist. Grants revoked or
 * ended by `now` are left out here only to keep the row small; the entitlements module decides.
 */
export const studentContextRow = defineQuery({
  name: "mxp.student-context",
  text: `SELECT u."profilerScore", u."onboardedAt" AT TIME ZONE 'UTC' AS "onboardedAt", s."tier"::text AS "tier", s."status",
        s."currentPeriodEnd" AT TIME ZONE 'UTC' AS "currentPeriodEnd", s."pastDueSince" AT TIME ZONE 'UTC' AS "pastDueSince",
        COALESCE((SELECT json_agg(json_build_object('tier', g."tier", 'startsAt', g."startsAt", 'endsAt', g."endsAt") ORDER BY g."createdAt")
          FROM "TierGrant" g WHERE g."userId" = u."id" AND g."revokedAt" IS NULL AND (g."endsAt" IS NULL OR g."endsAt" > $3::timestamp)), '[]') AS grants,
        (SELECT count(*)::int FROM "MissionStart" ms WHERE ms."userId" = u."id" AND ms."month" = $2) AS starts,
        COALESCE((SELECT array_agg(e."trackId" ORDER BY e."createdAt") FROM "TrackEnrollment" e WHERE e."userId" = u."id"), '{}') AS tracks,
        (SELECT count(*)::int FROM "Notification" n WHERE n."userId" = u."id" AND n."readAt" IS NULL) AS unread,
        (SELECT cr."revision" FROM "CatalogueRevision" cr WHERE cr."id" = 1) AS "catalogueRevision"
      FROM "User" u LEFT JOIN "Subscription" s ON s."userId" = u."id"
      WHERE u."id" = $1`,
  values: (userId: string, quotaMonth: string, now: Date) => [userId, quotaMonth, now],
  row: z.object({
    profilerScore: z.number().int().nullable(),
    onboardedAt: sqlTimestamp.nullable(),
    tier: z.enum(TIERS).nullable(),
    status: z.string().nullable(),
    currentPeriodEnd: sqlTimestamp.nullable(),
    pastDueSince: sqlTimestamp.nullable(),
    grants: z.array(z.object({ tier: z.enum(TIERS), startsAt: sqlTimestamp, endsAt: sqlTimestamp.nullable() })),
    starts: sqlInteger,
    tracks: z.array(z.string()),
    unread: sqlInteger,
    catalogueRevision: z.string().nullable(),
  }),
});
