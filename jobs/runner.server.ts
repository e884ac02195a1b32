import os from "node:os";
import crypto from "node:crypto";
import { EventEmitter } from "node:events";
import { makeWorkerUtils, run, type Runner, type WorkerEvents } from "graphile-worker";
import type { Db } from "~/utils/db.server";
import { graphileLogger, type Logger } from "~/server/logger.server";
import { crontab } from "./crontab";
import { buildTaskList } from "./task-list";

export const HEARTBEAT_EVERY_MS = 10_000;
/** A worker that missed this many heartbeats in a row is dead: its jobs go back to the queue. */
export const MISSED_BEATS_BEFORE_DEAD = 3;

/**
 * Gives the jobs of worker processes that stopped beating (killed, crashed, lost their machine)
 * back to the queue at once, instead of after graphile-worker's four-hour stale-lock timeout.
 * Every job is written to be safe to run twice, which is what makes this safe for a worker that
 * was only frozen, not dead.
 */
async function releaseJobsOfDeadWorkers(db: Db, utils: { forceUnlockWorkers(ids: string[]): Promise<void> }, log: Logger, silentSince: Date): Promise<void> {
  const dead = await db.workerHeartbeat.findMany({ where: { lastSeenAt: { lt: silentSince } }, select: { id: true, jobWorkerId: true } });
  if (dead.length === 0) return;
  const jobWorkerIds = dead.flatMap((worker) => (worker.jobWorkerId ? [worker.jobWorkerId] : []));
  if (jobWorkerIds.length > 0) await utils.forceUnlockWorkers(jobWorkerIds);
  await db.workerHeartbeat.deleteMany({ where: { id: { in: dead.map((worker) => worker.id) } } });
  log.warn({ workers: dead.map((worker) => worker.id) }, "released the jobs of worker processes that stopped reporting");
}

export interface WorkerHandle {
  id: string;
  stop(): Promise<void>;
}

/**
 * Starts the graphile-worker runner used by both `npm run dev` (inside the web process) and
 * `npm run worker` (alone). Signals are handled by the caller, so shutdown is one ordered
 * sequence: stop taking jobs, let running ones finish, release the rest, then close the database.
 */
export async function startWorker(options: { connectionString: string; db: Db; log: Logger; concurrency: number; heartbeatEveryMs?: number }): Promise<WorkerHandle> {
  const { db, log } = options;
  const heartbeatEveryMs = options.heartbeatEveryMs ?? HEARTBEAT_EVERY_MS;
  const id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  // graphile-worker locks a job with its pool's id; the heartbeat carries it so that, if this
  // process dies mid-job, the others can release exactly the jobs it held.
  const events: WorkerEvents = new EventEmitter();
  let jobWorkerId: string | null = null;
  events.on("pool:create", ({ workerPool }) => (jobWorkerId = workerPool.id));
  const utils = await makeWorkerUtils({ connectionString: options.connectionString, logger: graphileLogger(log) });
  let runner: Runner;
  try {
    runner = await run({
      connectionString: options.connectionString,
      concurrency: options.concurrency,
      noHandleSignals: true,
      pollInterval: 2000,
      logger: graphileLogger(log),
      taskList: buildTaskList(() => db),
      crontab,
      events,
    });
  } catch (error) {
    await utils.release();
    throw error;
  }
  const beat = async () => {
    try {
      await db.workerHeartbeat.upsert({
        where: { id },
        create: { id, hostname: os.hostname(), pid: process.pid, jobWorkerId },
        update: { lastSeenAt: new Date(), jobWorkerId },
      });
      await releaseJobsOfDeadWorkers(db, utils, log, new Date(Date.now() - heartbeatEveryMs * MISSED_BEATS_BEFORE_DEAD));
    } catch (error) {
      log.warn({ error }, "worker heartbeat failed");
    }
  };
  await beat();
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- beat() catches its own failures; setInterval ignores the promise
  const timer = setInterval(beat, heartbeatEveryMs);
  timer.unref();
  log.info({ workerId: id, concurrency: options.concurrency }, "job worker started");
  let stopping: Promise<void> | undefined;
  return {
    id,
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        // graphile-worker's stop waits for running jobs and unlocks the ones it held.
        await runner.stop();
        await Promise.resolve(utils.release()).catch(() => {});
        await db.workerHeartbeat.deleteMany({ where: { id } }).catch(() => {});
        log.info({ workerId: id }, "job worker stopped");
      })();
      return stopping;
    },
  };
}
