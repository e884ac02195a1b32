import type { Db } from "~/utils/db.server";
import { readSnapshot } from "~/features/submissions/snapshot";
import { createNotificationIn } from "~/features/notifications/service.server";
import { submissionStandingForUpdate } from "./queries.server";

export type PublishResult = "published" | "updated" | "withdrawn" | "unchanged" | "gone";

/**
 * The `publish-portfolio` job: makes the attempt's portfolio item match its standing. An approved
 * attempt has exactly one item (the unique submission id makes a second run, or two at once, an
 * update of the same row); an attempt whose approval was withdrawn has none. The student's own
 * choices on the item (public or not, which files) survive a re-run.
 */
export async function publishPortfolioItem(db: Db, submissionId: string): Promise<PublishResult> {
  return await db.$transaction(async (tx) => {
    const [standing] = await submissionStandingForUpdate(tx, submissionId);
    if (!standing) return "gone";
    if (!standing.approvedAt || standing.approvalScore === null) {
      const removed = await tx.portfolioItem.deleteMany({ where: { submissionId } });
      return removed.count > 0 ? "withdrawn" : "unchanged";
    }
    const snapshot = readSnapshot(standing.snapshot, { attempt: standing.attempt, reflection: standing.reflection });
    const shown = {
      title: standing.missionTitle,
      summary: standing.summary,
      reflection: snapshot.reflection,
      score: standing.approvalScore,
      skills: standing.skills,
      reviewer: standing.approvedBy ?? "heuristic",
      mentorApproved: standing.mentorApproved,
      approvedAt: standing.approvedAt,
    };
    const existing = await tx.portfolioItem.findUnique({ where: { submissionId }, select: { id: true } });
    if (existing) {
      await tx.portfolioItem.update({ where: { submissionId }, data: shown });
      return "updated";
    }
    await tx.portfolioItem.create({
      data: { ...shown, submissionId, userId: standing.userId, missionId: standing.missionId, evidenceFileIds: snapshot.files.map((file) => file.id) },
    });
    await createNotificationIn(tx, {
      userId: standing.userId,
      kind: "mission-approved",
      title: `“${standing.missionTitle}” is approved`,
      body: `Your work on “${standing.missionTitle}” is approved and now in your portfolio. It stays private until you choose to show it on your public page.`,
      link: "/dashboard/student/portfolio",
      dedupeKey: `mission-approved:${submissionId}`,
      email: true,
    });
    return "published";
  });
}
