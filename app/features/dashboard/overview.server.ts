import { quotaMonth, startConfirmation, startsQuota } from "~/domain/entitlements";
import { levelForScore } from "~/domain/difficulty";
import { startHere } from "~/domain/mission-access";
import { isEditable } from "~/domain/mission-progress";
import type { Db } from "~/utils/db.server";
import type { PublicUser } from "~/features/accounts/service.server";
import { getTier } from "~/features/billing/service.server";
import { getMissionDashboard } from "~/features/missions/service.server";
import { firstRunChecklist } from "./first-run";

/** What the dashboard's first page shows, per role. */
export async function getDashboardOverview(db: Db, user: PublicUser, now = new Date()) {
  if (user.role === "STUDENT") {
    const [tier, progress, startsThisMonth, portfolioCount, missions] = await Promise.all([
      getTier(db, user.id, now),
      db.missionProgress.groupBy({ by: ["status"], where: { userId: user.id }, _count: { _all: true } }),
      db.missionStart.count({ where: { userId: user.id, month: quotaMonth(now) } }),
      db.portfolioItem.count({ where: { userId: user.id } }),
      getMissionDashboard(db, user, {}, now),
    ]);
    const quota = startsQuota(tier, startsThisMonth, now);
    const count = (statuses: string[]) => progress.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + row._count._all, 0);
    const started = progress.reduce((sum, row) => sum + row._count._all, 0);
    // Every status after IN_PROGRESS comes from a submission, including CHANGES_REQUESTED.
    const submitted = started - count(["IN_PROGRESS"]);
    // The dashboard leads with one mission: work the student can carry on with, else the one to start.
    // (The dashboard's lists come in track order, so the earliest such mission is the one led with.)
    const current = missions.inProgress.find((card) => card.progress && isEditable(card.progress.status)) ?? null;
    return {
      role: "STUDENT" as const,
      tier,
      level: user.profilerScore === null ? null : levelForScore(user.profilerScore),
      quota: { used: quota.used, limit: quota.limit, resetsAt: quota.resetsAt.toISOString() },
      inProgress: count(["IN_PROGRESS", "CHANGES_REQUESTED"]),
      inReview: count(["SUBMITTED", "AI_REVIEWED", "MENTOR_REVIEW_REQUESTED", "IN_MENTOR_REVIEW"]),
      approved: count(["APPROVED"]),
      portfolioCount,
      /** Nothing started yet: the student is welcomed, not welcomed back. */
      firstVisit: started === 0,
      onboarded: missions.onboarded,
      checklist: firstRunChecklist({ trackPicked: missions.tracks.some((track) => track.enrolled), started: started > 0, submitted: submitted > 0 }),
      /** The tracks a student may pick on the checklist. */
      tracks: missions.tracks.map(({ slug, title, enrolled }) => ({ slug, title, enrolled })),
      current,
      startHere: startHere(missions.available),
      /** Asked before a start that uses the month's quota (null: nothing to ask). */
      startQuestion: startConfirmation(quota, now),
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
