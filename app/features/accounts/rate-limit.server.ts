import type { Db } from "~/utils/db.server";
import { countRateLimitHit } from "./queries.server";

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/** Counts one hit against `key` in a fixed window and says whether it is within `limit`. */
export async function hitRateLimit(db: Db, key: string, limit: number, windowMs: number, now = new Date()): Promise<RateLimitResult> {
  const windowStartFloor = new Date(now.getTime() - windowMs);
  const [hit] = await countRateLimitHit(db, key, now, windowStartFloor);
  if (!hit) throw new Error("The rate-limit upsert returned no row.");
  const retryAfterSeconds = Math.max(1, Math.ceil((hit.windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: hit.count <= limit, count: hit.count, retryAfterSeconds };
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
