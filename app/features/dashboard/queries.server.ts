import { z } from "zod";
import { TIERS } from "~/domain/entitlements";
import { PROGRESS_STATUSES } from "~/domain/mission-progress";
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

/** How many weak skills and how many low-scored criteria a student's work summary names (what the dashboard recommends from). */
export const WORK_SUMMARY_RECOMMENDATIONS = 3;

/**
 * A student's work summary, in one statement (a SELECT without FROM: always one
 * row), which the mission dashboard's cards and its recommendations share:
 * - each progress record with the number of its mission's subtasks marked done (not the notes:
 *   they can be long);
 * - the weakest skill signals;
 * - the lowest-scored criteria (below full marks) of the review that stands on each mission's
 *   latest attempt (the mentor's when there is one).
 */
export const studentWorkSummaryRow = defineQuery({
  name: "mxp.student-work-summary",
  text: `SELECT
      COALESCE((SELECT json_agg(json_build_object('id', p."id", 'missionId', p."missionId", 'status', p."status",
          'completed', (SELECT count(*) FROM jsonb_each(p."subtaskState") AS e
            WHERE e.value @> '{"completed": true}' AND e.key IN (SELECT st."id" FROM "Subtask" st WHERE st."missionId" = p."missionId"))))
        FROM "MissionProgress" p WHERE p."userId" = $1), '[]') AS "progress",
      COALESCE((SELECT json_agg(json_build_object('skillId', w."skillId", 'key', w."key", 'name', w."name", 'mastery', w."mastery", 'confidence', w."confidence")
          ORDER BY w."mastery", w."confidence", w."key")
        FROM (SELECT ss."skillId", k."key", k."name", ss."mastery", ss."confidence" FROM "SkillSignal" ss JOIN "Skill" k ON k."id" = ss."skillId"
          WHERE ss."userId" = $1 ORDER BY ss."mastery", ss."confidence", k."key" LIMIT ${WORK_SUMMARY_RECOMMENDATIONS}) w), '[]') AS "weakest",
      COALESCE((SELECT json_agg(json_build_object('missionId', c."missionId", 'key', c."key", 'title', c."title", 'score', c."score", 'maxScore', c."maxScore")
          ORDER BY c."ratio", c."title")
        FROM (SELECT p."missionId", e->>'key' AS "key", e->>'title' AS "title", (e->>'score')::float8 AS "score", (e->>'maxScore')::float8 AS "maxScore",
            (e->>'score')::float8 / NULLIF((e->>'maxScore')::float8, 0) AS "ratio"
          FROM "MissionProgress" p
          JOIN "Submission" s ON s."progressId" = p."id" AND s."attempt" = p."currentAttempt"
          LEFT JOIN "MentorReview" mr ON mr."submissionId" = s."id" AND mr."status" = 'COMPLETED'
          LEFT JOIN "AiReview" ar ON ar."submissionId" = s."id" AND ar."status" = 'COMPLETED'
          CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(COALESCE(mr."scores", ar."scores")) = 'array' THEN COALESCE(mr."scores", ar."scores") ELSE '[]'::jsonb END) e
          WHERE p."userId" = $1 AND (e->>'score')::float8 < (e->>'maxScore')::float8
          ORDER BY "ratio", "title" LIMIT ${WORK_SUMMARY_RECOMMENDATIONS}) c), '[]') AS "lowCriteria"`,
  values: (userId: string) => [userId],
  row: z.object({
    progress: z.array(z.object({ id: z.string(), missionId: z.string(), status: z.enum(PROGRESS_STATUSES), completed: sqlInteger })),
    weakest: z.array(z.object({ skillId: z.string(), key: z.string(), name: z.string(), mastery: z.number(), confidence: z.number() })),
    lowCriteria: z.array(z.object({ missionId: z.string(), key: z.string(), title: z.string(), score: z.number(), maxScore: z.number() })),
  }),
});
