import type { Prisma } from "@prisma/client";
import { jobPayloads, type JobName, type JobPayload } from "./definitions";

export interface EnqueueOptions {
  /** Jobs with the same key collapse into one (graphile-worker's job_key). */
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  priority?: number;
}

type SqlRunner = Pick<Prisma.TransactionClient, "$executeRaw">;

/**
 * Queues a job through graphile-worker's SQL API on the caller's Prisma client. Pass the
 * transaction client (`tx`) so the job exists if and only if the change that caused it commits.
 */
export async function enqueueJob<N extends JobName>(db: SqlRunner, name: N, payload: JobPayload<N>, options: EnqueueOptions = {}): Promise<void> {
  const parsed = jobPayloads[name].parse(payload);
  await db.$executeRaw`SELECT graphile_worker.add_job(
    ${name}::text,
    ${JSON.stringify(parsed)}::json,
    run_at => ${options.runAt ?? null}::timestamptz,
    max_attempts => ${options.maxAttempts ?? null}::int,
    job_key => ${options.jobKey ?? null}::text,
    priority => ${options.priority ?? null}::int
  )`;
}
