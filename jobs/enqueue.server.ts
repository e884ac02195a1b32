import type { Queryable } from "~/utils/db.server";
import { jobPayloads, type JobName, type JobPayload } from "./definitions";
import { addJob } from "./queries.server";

export interface EnqueueOptions {
  /** Jobs with the same key collapse into one (graphile-worker's job_key). */
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  priority?: number;
  /** Jobs of one named queue run one at a time, in order (graphile-worker's queue_name). */
  queueName?: string;
}

/**
 * Queues a job through graphile-worker's SQL API on the caller's Prisma client. Pass the
 * transaction client (`tx`) so the job exists if and only if the change that caused it commits.
 */
export async function enqueueJob<N extends JobName>(db: Queryable, name: N, payload: JobPayload<N>, options: EnqueueOptions = {}): Promise<void> {
  const parsed = jobPayloads[name].parse(payload);
  await addJob(db, {
    name,
    payload: JSON.stringify(parsed),
    runAt: options.runAt ?? null,
    maxAttempts: options.maxAttempts ?? null,
    jobKey: options.jobKey ?? null,
    priority: options.priority ?? null,
    queueName: options.queueName ?? null,
  });
}
