import { z } from "zod";
import { EDITABLE_STATUSES, PROGRESS_STATUSES } from "~/domain/mission-progress";
import { defineQuery, sqlLiterals, sqlTimestamp } from "~/utils/sql.server";
import { PROGRESS_VIEW_JSON, progressViewJson } from "./progress-view.server";

/**
 * The autosave: merges a patch into each subtask's JSON, guarded by owner, version, editable
 * status and the mission's subtask ids, and bumps the version. No row: one of the guards failed.
 * `patch` is `{subtaskId: {notes?, completed?, updatedAt}}` as JSON; `at` is the save's time.
 */
export const mergeProgressPatch = defineQuery({
  name: "mxp.save-progress",
  text: `UPDATE "MissionProgress" AS p SET
        "subtaskState" = p."subtaskState" || (
          SELECT jsonb_object_agg(e.key, COALESCE(p."subtaskState" -> e.key, '{}'::jsonb) || e.value) FROM jsonb_each($4::jsonb) AS e
        ),
        "version" = p."version" + 1,
        "updatedAt" = $5::timestamp
      WHERE p."id" = $1 AND p."userId" = $2 AND p."version" = $3
        AND p."status" IN (${sqlLiterals(EDITABLE_STATUSES)})
        AND NOT EXISTS (
          SELECT 1 FROM jsonb_object_keys($4::jsonb) AS k(id)
          WHERE k.id NOT IN (SELECT s."id" FROM "Subtask" s WHERE s."missionId" = p."missionId")
        )
      RETURNING p."id", p."status"::text AS "status", p."version", p."subtaskState", p."updatedAt" AT TIME ZONE 'UTC' AS "updatedAt", p."missionId"`,
  values: (progressId: string, userId: string, version: number, patch: string, at: Date) => [progressId, userId, version, patch, at],
  row: z.object({
    id: z.string(),
    status: z.enum(PROGRESS_STATUSES),
    version: z.number().int(),
    subtaskState: z.record(z.string(), z.unknown()),
    updatedAt: sqlTimestamp,
    missionId: z.string(),
  }),
});

/** A progress record with its files, attempts and reviews, and its mission's step ids in order: one statement. */
export const progressViewById = defineQuery({
  name: "mxp.progress-view",
  text: `SELECT ${PROGRESS_VIEW_JSON} AS "progress",
      ARRAY(SELECT st."id" FROM "Subtask" st WHERE st."missionId" = p."missionId" ORDER BY st."position") AS "subtaskIds"
    FROM "MissionProgress" p WHERE p."id" = $1`,
  values: (progressId: string) => [progressId],
  row: z.object({ progress: progressViewJson, subtaskIds: z.array(z.string()) }),
});
