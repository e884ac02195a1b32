import crypto from "node:crypto";
import { roleSatisfies } from "~/domain/roles";
import { getOptionalUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { HEARTBEAT_EVERY_MS, MISSED_BEATS_BEFORE_DEAD } from "#jobs/runner.server";
import { reviewPipelineHealth, type ReviewPipelineHealth } from "~/features/reviews/operations.server";
import { pingDatabase, waitingJobs } from "./queries.server";

/** A worker that missed three heartbeats is considered gone. */
const WORKER_STALE_MS = HEARTBEAT_EVERY_MS * MISSED_BEATS_BEFORE_DEAD;

export interface Health {
  status: "ok" | "degraded" | "down";
  database: { ok: boolean; latencyMs?: number; error?: string };
  workers: { ok: boolean; alive: number; queuedJobs?: number; oldestQueuedSeconds?: number };
  /** The AI review pipeline: stuck when a review has waited too long. */
  reviews?: ReviewPipelineHealth;
  time: string;
}

export async function getHealth(now = new Date()): Promise<Health> {
  const db = getDb();
  const started = performance.now();
  try {
    await pingDatabase(db);
  } catch (error) {
    return { status: "down", database: { ok: false, error: (error as Error).message }, workers: { ok: false, alive: 0 }, time: now.toISOString() };
  }
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  const alive = await db.workerHeartbeat.count({ where: { lastSeenAt: { gt: new Date(now.getTime() - WORKER_STALE_MS) } } });
  const [queue] = await waitingJobs(db);
  const queuedJobs = queue?.queued ?? 0;
  const oldestQueuedSeconds = queue?.oldest ? Math.max(0, Math.round((now.getTime() - queue.oldest.getTime()) / 1000)) : 0;
  const reviews = await reviewPipelineHealth(db, now);
  return {
    status: alive > 0 && reviews.ok ? "ok" : "degraded",
    database: { ok: true, latencyMs },
    workers: { ok: alive > 0, alive, queuedJobs, oldestQueuedSeconds },
    reviews,
    time: now.toISOString(),
  };
}

/** What anyone may see: whether the service is up. The rest (the database's error, the queue) is for operators. */
export type PublicHealth = Pick<Health, "status">;

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => crypto.createHash("sha256").update(value).digest();
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

/** Whether a request may see the details: it carries HEALTH_TOKEN as a bearer token (monitoring), or an admin's session. */
export async function mayReadHealthDetails(request: Request): Promise<boolean> {
  const token = getEnv().HEALTH_TOKEN;
  const bearer = /^Bearer\s+(\S+)$/.exec(request.headers.get("Authorization") ?? "")?.[1];
  if (token && bearer && sameSecret(bearer, token)) return true;
  // With the database down nobody can be recognised: the answer is then the public one, not a 500.
  const user = await getOptionalUser(request).catch(() => null);
  return user !== null && roleSatisfies(user.role, "ADMIN");
}

/** The health a request may see: all of it, or only the status. */
export async function healthFor(request: Request): Promise<Health | PublicHealth> {
  const health = await getHealth();
  return (await mayReadHealthDetails(request)) ? health : { status: health.status };
}
