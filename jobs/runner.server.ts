import os from "node:os";
import crypto from "node:crypto";
import { run, type Runner } from "graphile-worker";
import type { Db } from "~/utils/db.server";
import { graphileLogger, type Logger } from "~/server/logger.server";
import { crontab } from "./crontab";
import { buildTaskList } from "./task-list";

export const HEARTBEAT_EVERY_MS = 10_000;

export interface WorkerHandle {
  id: string;
  stop(): Promise<void>;
}

/**
 * Starts the graphile-worker runner used by both `npm run dev` (inside the web process) and
 * `npm run worker` (alone). Signals are handled by the caller, so shutdown is one ordered
 * sequence: stop taking jobs, let running ones finish, release the rest, then close the database.
 */
export async function startWorker(options: { connectionString: string; db: Db; log: Logger; concurrency: number }): Promise<WorkerHandle> {
  const { db, log } = options;
  const id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const runner: Runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency,
    noHandleSignals: true,
    pollInterval: 2000,
    logger: graphileLogger(log),
    taskList: buildTaskList(() => db),
    crontab,
  });
  const beat = async () => {
    try {
      await db.workerHeartbeat.upsert({
        where: { id },
        create: { id, hostname: os.hostname(), pid: process.pid },
        update: { lastSeenAt: new Date() },
      });
    } catch (error) {
      log.warn({ error }, "worker heartbeat failed");
    }
  };
  await beat();
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- beat() catches its own failures; setInterval ignores the promise
  const timer = setInterval(beat, HEARTBEAT_EVERY_MS);
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
        await db.workerHeartbeat.deleteMany({ where: { id } }).catch(() => {});
        log.info({ workerId: id }, "job worker stopped");
      })();
      return stopping;
    },
  };
}
