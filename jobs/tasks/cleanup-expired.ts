import type { Db } from "~/utils/db.server";
import { removeAbandonedSignUps } from "~/features/accounts/email-verification.server";
import { SESSION_IDLE_MS } from "~/features/accounts/session.server";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function cleanupExpired(db: Db, now = new Date()): Promise<{ sessions: number; rateLimits: number; heartbeats: number; abandonedSignUps: number }> {
  const sessions = await db.session.deleteMany({
    where: { OR: [{ expiresAt: { lt: now } }, { lastSeenAt: { lt: new Date(now.getTime() - SESSION_IDLE_MS) } }] },
  });
  const rateLimits = await db.rateLimit.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - DAY_MS) } } });
  const heartbeats = await db.workerHeartbeat.deleteMany({ where: { lastSeenAt: { lt: new Date(now.getTime() - DAY_MS) } } });
  const abandonedSignUps = await removeAbandonedSignUps(db, now);
  return { sessions: sessions.count, rateLimits: rateLimits.count, heartbeats: heartbeats.count, abandonedSignUps };
}
