import { quotaMonth, startsQuota } from "~/domain/entitlements";
import { levelForScore } from "~/domain/difficulty";
import type { Db } from "~/utils/db.server";
import type { PublicUser } from "~/features/accounts/service.server";
import { getTier } from "~/features/billing/service.server";

/** What the dashboard's first page shows, per role. */
export async function getDashboardOverview(db: Db, user: PublicUser, now = new Date()) {
  if (user.role === "STUDENT") {
    const [tier, progress, startsThisMonth, portfolioCount] = await Promise.all([
      getTier(db, user.id, now),
      db.missionProgress.groupBy({ by: ["status"], where: { userId: user.id }, _count: { _all: true } }),
      db.missionStart.count({ where: { userId: user.id, month: quotaMonth(now) } }),
      db.portfolioItem.count({ where: { userId: user.id } }),
    ]);
    const quota = startsQuota(tier, startsThisMonth, now);
    const count = (statuses: string[]) => progress.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + row._count._all, 0);
    return {
      role: "STUDENT" as const,
      tier,
      level: user.profilerScore === null ? null : levelForScore(user.profilerScore),
      quota: { used: quota.used, limit: quota.limit, resetsAt: quota.resetsAt.toISOString() },
      inProgress: count(["IN_PROGRESS", "CHANGES_REQUESTED"]),
      inReview: count(["SUBMITTED", "AI_REVIEWED", "MENTOR_REVIEW_REQUESTED", "IN_MENTOR_REVIEW"]),
      approved: count(["APPROVED"]),
      portfolioCount,
    };
  }
  const [waiting, claimedByMe] = await Promise.all([
    db.mentorReview.count({ where: { status: "REQUESTED" } }),
    db.mentorReview.count({ where: { status: "CLAIMED", mentorId: user.id } }),
  ]);
  if (user.role === "MENTOR") return { role: "MENTOR" as const, waiting, claimedByMe };
  const [students, mentors, missions, tracks] = await Promise.all([
    db.user.count({ where: { role: "STUDENT" } }),
    db.user.count({ where: { role: "MENTOR" } }),
    db.mission.count(),
    db.track.count(),
  ]);
  return { role: "ADMIN" as const, waiting, claimedByMe, students, mentors, missions, tracks };
}
