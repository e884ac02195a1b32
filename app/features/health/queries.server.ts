import { z } from "zod";
import { defineQuery, sqlInteger, sqlTimestamp } from "~/utils/sql.server";

/** The cheapest round trip: is the database there? */
export const pingDatabase = defineQuery({
  name: "mxp.ping",
  text: `SELECT 1 AS "ok"`,
  values: () => [],
  row: z.object({ ok: z.literal(1) }),
});

/** Jobs due and not taken by a worker, and since when the oldest of them waits. */
export const waitingJobs = defineQuery({
  name: "mxp.waiting-jobs",
  text: `SELECT count(*) AS "queued", min(run_at) AS "oldest" FROM graphile_worker.jobs WHERE locked_at IS NULL AND run_at <= now() AND attempts < max_attempts`,
  values: () => [],
  row: z.object({ queued: sqlInteger, oldest: sqlTimestamp.nullable() }),
});
