import { z } from "zod";
import { EDITABLE_STATUSES, PROGRESS_STATUSES } from "~/domain/mission-progress";
import { defineQuery, sqlInteger, sqlLiterals } from "~/utils/sql.server";

/** The bytes of evidence a student keeps stored, across all missions. */
export const evidenceBytesUsed = defineQuery({
  name: "mxp.evidence-bytes-used",
  text: `SELECT COALESCE(SUM("sizeBytes"), 0)::bigint AS "used" FROM "EvidenceFile" WHERE "ownerId" = $1`,
  values: (ownerId: string) => [ownerId],
  row: z.object({ used: sqlInteger }),
});

/** In a transaction: one student's uploads take turns until it ends, so together they cannot overshoot the storage quota. */
export const lockEvidenceQuota = defineQuery({
  name: "mxp.lock-evidence-quota",
  text: `SELECT 1 AS "locked" FROM pg_advisory_xact_lock(hashtextextended($1, 0))`,
  values: (ownerId: string) => [`evidence-quota:${ownerId}`],
  row: z.object({ locked: z.literal(1) }),
});

/**
 * In a transaction: a progress record's owner and status, share-locked, so a submission running
 * at the same time either sees the new file or the upload sees the submission.
 */
export const progressForUpload = defineQuery({
  name: "mxp.progress-for-upload",
  text: `SELECT "status"::text AS "status", "userId" FROM "MissionProgress" WHERE "id" = $1 FOR SHARE`,
  values: (progressId: string) => [progressId],
  row: z.object({ status: z.enum(PROGRESS_STATUSES), userId: z.string() }),
});

/** Deletes a file's row unless it is locked by a submission or its progress is no longer editable; no row: nothing was deleted. */
export const deleteEditableEvidence = defineQuery({
  name: "mxp.delete-editable-evidence",
  text: `DELETE FROM "EvidenceFile" f USING "MissionProgress" p
    WHERE f."id" = $1 AND f."lockedAt" IS NULL AND p."id" = f."progressId" AND p."status" IN (${sqlLiterals(EDITABLE_STATUSES)})
    RETURNING f."id"`,
  values: (fileId: string) => [fileId],
  row: z.object({ id: z.string() }),
});
