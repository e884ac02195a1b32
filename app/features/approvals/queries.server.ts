import { z } from "zod";
import { defineQuery } from "~/utils/sql.server";

/**
 * Marks an attempt approved by a review: its score and approver, and the first time it was
 * approved (a mentor confirming the AI's approval keeps the date the student was first told).
 */
export const markSubmissionApproved = defineQuery({
  name: "mxp.mark-submission-approved",
  text: `UPDATE "Submission" SET "approvedAt" = COALESCE("approvedAt", $2::timestamp), "approvalScore" = $3::float8, "approvedBy" = $4, "mentorApproved" = $5::boolean
    WHERE "id" = $1 RETURNING "id"`,
  values: (approval: { submissionId: string; at: Date; score: number; approvedBy: string; mentorApproved: boolean }) => [
    approval.submissionId,
    approval.at,
    approval.score,
    approval.approvedBy,
    approval.mentorApproved,
  ],
  row: z.object({ id: z.string() }),
});
