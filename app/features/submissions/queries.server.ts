import { z } from "zod";
import { defineQuery } from "~/utils/sql.server";

/** In a transaction: locks a progress record until it ends, so a double click or two tabs cannot submit two attempts. */
export const lockProgressForUpdate = defineQuery({
  name: "mxp.lock-progress",
  text: `SELECT 1 AS "locked" FROM "MissionProgress" WHERE "id" = $1 FOR UPDATE`,
  values: (progressId: string) => [progressId],
  row: z.object({ locked: z.literal(1) }),
});
