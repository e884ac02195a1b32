import { z } from "zod";
import { defineQuery, sqlInteger, sqlTimestamp } from "~/utils/sql.server";
import { publicUserSchema } from "./schemas";

/** The session behind a token hash, joined to its user: every authenticated request runs it. */
export const sessionWithUser = defineQuery({
  name: "mxp.resolve-session",
  text: `SELECT s."id" AS "sessionId", s."lastSeenAt" AT TIME ZONE 'UTC' AS "lastSeenAt", s."expiresAt" AT TIME ZONE 'UTC' AS "expiresAt",
      u."id", u."email", u."name", u."handle", u."role"::text AS "role", u."profilerScore"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = $1`,
  values: (sessionId: string) => [sessionId],
  row: publicUserSchema.extend({ sessionId: z.string(), lastSeenAt: sqlTimestamp, expiresAt: sqlTimestamp }),
});

/**
 * Counts one hit against a key in a fixed window, in one upsert, so concurrent hits from several
 * processes are counted exactly: a window that started at or before `windowStartFloor` starts again.
 */
export const countRateLimitHit = defineQuery({
  name: "mxp.rate-limit-hit",
  text: `INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES ($1, $2::timestamp, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" <= $3::timestamp THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" <= $3::timestamp THEN $2::timestamp ELSE "RateLimit"."windowStart" END
    RETURNING "count", "windowStart"`,
  values: (key: string, now: Date, windowStartFloor: Date) => [key, now, windowStartFloor],
  row: z.object({ count: sqlInteger, windowStart: sqlTimestamp }),
});
