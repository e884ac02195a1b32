import { runOnce } from "graphile-worker";
import { z } from "zod";
import { buildTaskList } from "#jobs/task-list";
import { getDb } from "~/utils/db.server";

/** Jobs waiting in graphile-worker's queue for a task, with their payloads. */
export async function queuedJobs(taskIdentifier: string) {
  const rows = await getDb().$queryRaw`
    SELECT j.payload, j.key FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE t.identifier = ${taskIdentifier}`;
  return z.array(z.object({ payload: z.unknown(), key: z.string().nullable() })).parse(rows);
}

/** Runs every job that is due, once, like a worker would (graphile-worker's runOnce). */
export async function runQueuedJobs(): Promise<void> {
  await runOnce({ connectionString: process.env.DATABASE_URL!, taskList: buildTaskList(getDb) });
}
