import { z } from "zod";
import { defineQuery } from "~/utils/sql.server";

/** Queues a job through graphile-worker's SQL API; in the caller's transaction when given one. Null options take the queue's defaults. */
export const addJob = defineQuery({
  name: "mxp.add-job",
  text: `SELECT 1 AS "queued" FROM graphile_worker.add_job(
    $1::text,
    $2::json,
    run_at => $3::timestamptz,
    max_attempts => $4::int,
    job_key => $5::text,
    priority => $6::int,
    queue_name => $7::text
  )`,
  values: (job: { name: string; payload: string; runAt: Date | null; maxAttempts: number | null; jobKey: string | null; priority: number | null; queueName: string | null }) => [
    job.name,
    job.payload,
    job.runAt,
    job.maxAttempts,
    job.jobKey,
    job.priority,
    job.queueName,
  ],
  row: z.object({ queued: z.literal(1) }),
});
