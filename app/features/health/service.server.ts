import { getDb } from "~/utils/db.server";
import { HEARTBEAT_EVERY_MS } from "#jobs/runner.server";
import { pingDatabase, waitingJobs } from "./queries.server";

/** A worker that missed three heartbeats is considered gone. */
const WORKER_STALE_MS = HEARTBEAT_EVERY_MS * 3;

export interface Health {
  status: "ok" | "degraded" | "down";
  database: { ok: boolean; latencyMs?: number; error?: string };
  workers: { ok: boolean; alive: number; queuedJobs?: number; oldestQueuedSeconds?: number };
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
  return {
    status: alive > 0 ? "ok" : "degraded",
    database: { ok: true, latencyMs },
    workers: { ok: alive > 0, alive, queuedJobs, oldestQueuedSeconds },
    time: now.toISOString(),
  };
}
