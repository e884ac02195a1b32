import { foldSkillSignals } from "~/domain/skill-signals";
import type { Db } from "~/utils/db.server";
import { approvedEvidenceRows, lockSkillSignals } from "./queries.server";

/**
 * The `update-skill-signals` job: folds the student's signals again from every attempt that
 * stands approved (app/domain/skill-signals.ts) and replaces the stored ones and their history.
 * Nothing is added to what is stored, so running it twice, or after a withdrawal, gives exactly
 * what the approvals say.
 */
export async function recomputeSkillSignals(db: Db, userId: string): Promise<{ skills: number; evidence: number }> {
  return await db.$transaction(async (tx) => {
    await lockSkillSignals(tx, userId);
    const rows = await approvedEvidenceRows(tx, userId);
    const { signals, steps } = foldSkillSignals(rows);
    await tx.skillEvidence.deleteMany({ where: { userId } });
    await tx.skillSignal.deleteMany({ where: { userId } });
    if (signals.length > 0) {
      await tx.skillSignal.createMany({ data: signals.map((signal) => ({ userId, ...signal })) });
      await tx.skillEvidence.createMany({
        data: steps.map((step) => ({
          userId,
          skillId: step.skillId,
          submissionId: step.submissionId,
          score: step.score,
          weight: step.weight,
          mentorApproved: step.mentorApproved,
          masteryBefore: step.masteryBefore,
          masteryAfter: step.masteryAfter,
          createdAt: step.at,
        })),
      });
    }
    return { skills: signals.length, evidence: steps.length };
  });
}
