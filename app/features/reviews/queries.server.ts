import { z } from "zod";
import { defineQuery } from "~/utils/sql.server";

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
