import { $Enums } from "@prisma/client";
import { z } from "zod";
import { defineQuery, sqlInteger, sqlTimestamp } from "~/utils/sql.server";

/** The channel the review pipeline announces changes on; every web process LISTENs to it. */
export const REVIEW_CHANNEL = "mxp_review_changes";

/**
 * Tells every listening web process that a progress record's review changed. In a transaction,
 * PostgreSQL delivers it at commit (and not at all on rollback), so a listener that reads on
 * notice sees the change.
 */
export const publishReviewChange = defineQuery({
  name: "mxp.publish-review-change",
  text: `SELECT 1 AS "sent" FROM pg_notify('${REVIEW_CHANNEL}', $1::text)`,
  values: (progressId: string) => [progressId],
  row: z.object({ sent: z.literal(1) }),
});

const attemptReviewRow = z.object({
  submissionId: z.string(),
  attempt: sqlInteger,
  status: z.enum($Enums.ReviewStatus).nullable(),
  reviewer: z.string().nullable(),
  scores: z.json().nullable(),
  total: z.number().nullable(),
  passed: z.boolean().nullable(),
  summary: z.string().nullable(),
  flags: z.json().nullable(),
  retryAt: sqlTimestamp.nullable(),
  completedAt: sqlTimestamp.nullable(),
  rubricVersion: sqlInteger.nullable(),
  rubricHash: z.string().nullable(),
  passThreshold: z.json().nullable(),
});

/**
 * Every attempt of a student's progress record with its AI review and the rubric version it was
 * scored against, newest attempt first; no rows for another student's record. One statement: the
 * mission page reads it on every visit once work has been submitted.
 */
export const attemptReviewRows = defineQuery({
  name: "mxp.attempt-reviews",
  text: `SELECT s."id" AS "submissionId", s."attempt", r."status", r."reviewer", r."scores", r."total", r."passed", r."summary", r."flags",
      r."retryAt", r."completedAt", v."version" AS "rubricVersion", v."contentHash" AS "rubricHash", v."content" -> 'passThreshold' AS "passThreshold"
    FROM "Submission" s
    JOIN "MissionProgress" p ON p."id" = s."progressId"
    LEFT JOIN "AiReview" r ON r."submissionId" = s."id"
    LEFT JOIN "RubricVersion" v ON v."id" = r."rubricVersionId"
    WHERE s."progressId" = $1 AND p."userId" = $2
    ORDER BY s."attempt" DESC`,
  values: (progressId: string, userId: string) => [progressId, userId],
  row: attemptReviewRow,
});
export type AttemptReviewRow = z.output<typeof attemptReviewRow>;
