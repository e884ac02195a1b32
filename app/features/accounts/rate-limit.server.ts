import { waitInWords } from "~/domain/wait-in-words";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
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

/** Gives back one hit (never below zero): an attempt that turned out legitimate. */
export async function refundRateLimitHit(db: Db, key: string): Promise<void> {
  await db.rateLimit.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

export async function resetRateLimit(db: Db, ...keys: string[]): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key: { in: keys } } });
}

/** The 429 a throttled request gets: what happened, and when to try again in words and in `Retry-After`. */
export function rateLimited(what: string, retryAfterSeconds: number): AppError {
  return new AppError("RATE_LIMITED", `${what} Try again in ${waitInWords(retryAfterSeconds)}.`, undefined, { retryAfter: retryAfterSeconds });
}

/** Deletes every key that starts with `prefix`, compared in code: a LIKE pattern would read `_` and `%` in an e-mail address as wildcards. */
export async function resetRateLimitsStartingWith(db: Db, prefix: string): Promise<void> {
  const candidates = await db.rateLimit.findMany({ where: { key: { startsWith: prefix } }, select: { key: true } });
  const keys = candidates.map((row) => row.key).filter((key) => key.startsWith(prefix));
  if (keys.length > 0) await resetRateLimit(db, ...keys);
}
