import type { Db } from "~/utils/db.server";

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/**
 * Counts one hit against `key` in a fixed window and says whether it is within `limit`.
 * A single upsert statement, so concurrent hits from several processes are counted exactly.
 */
export async function hitRateLimit(db: Db, key: string, limit: number, windowMs: number, now = new Date()): Promise<RateLimitResult> {
  const windowStartFloor = new Date(now.getTime() - windowMs);
  const rows = await db.$queryRaw<{ count: number; window_start: Date }[]>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, ${now}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" <= ${windowStartFloor} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${windowStartFloor} THEN ${now} ELSE "RateLimit"."windowStart" END
    RETURNING "count", "windowStart" AS window_start`;
  const { count, window_start } = rows[0]!;
  const retryAfterSeconds = Math.max(1, Math.ceil((window_start.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: count <= limit, count, retryAfterSeconds };
}

/** Peeks without counting: used to refuse before doing the expensive password check. */
export async function isRateLimited(db: Db, key: string, limit: number, windowMs: number, now = new Date()): Promise<RateLimitResult> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row || row.windowStart.getTime() <= now.getTime() - windowMs) return { allowed: true, count: 0, retryAfterSeconds: 0 };
  const retryAfterSeconds = Math.max(1, Math.ceil((row.windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: row.count < limit, count: row.count, retryAfterSeconds };
}

export async function resetRateLimit(db: Db, key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}
