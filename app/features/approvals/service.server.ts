import type { Prisma } from "~/utils/db.server";
import { enqueueJob } from "#jobs/enqueue.server";
import { markSubmissionApproved } from "./queries.server";

type Tx = Prisma.TransactionClient;

/**
 * What an approval earns (PRODUCT.md, "A mission's life"): the attempt is marked approved and, in
 * the same transaction, the jobs that publish its portfolio item and fold the student's skill
 * signals are queued. Both jobs read the attempt's standing when they run, so they take effect
 * once however often they run, and a withdrawal queued after an approval undoes it.
 */
export async function approveSubmissionIn(
  tx: Tx,
  approval: { submissionId: string; userId: string; score: number; approvedBy: string; mentorApproved: boolean; at: Date },
): Promise<void> {
  await markSubmissionApproved(tx, approval);
  await queueApprovalEffects(tx, approval.submissionId, approval.userId);
}

/** A mentor's "changes requested" after an approval: the portfolio item goes and the skill signals drop the attempt. */
export async function withdrawApprovalIn(tx: Tx, withdrawal: { submissionId: string; userId: string }): Promise<boolean> {
  const withdrawn = await tx.submission.updateMany({
    where: { id: withdrawal.submissionId, approvedAt: { not: null } },
    data: { approvedAt: null, approvalScore: null, approvedBy: null, mentorApproved: false },
  });
  if (withdrawn.count === 0) return false;
  await queueApprovalEffects(tx, withdrawal.submissionId, withdrawal.userId);
  return true;
}

async function queueApprovalEffects(tx: Tx, submissionId: string, userId: string): Promise<void> {
  // One pending job per attempt and per student: a second change before they run is covered by
  // the same run, which reads the standing then.
  await enqueueJob(tx, "publish-portfolio", { submissionId }, { jobKey: `publish-portfolio:${submissionId}`, maxAttempts: 10 });
  await enqueueJob(tx, "update-skill-signals", { userId }, { jobKey: `update-skill-signals:${userId}`, maxAttempts: 10 });
}
