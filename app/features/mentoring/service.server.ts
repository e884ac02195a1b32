import type { Db } from "~/utils/db.server";

/** Mentor reviews nobody has claimed yet, oldest first. */
export async function listMentorQueue(db: Db, options: { limit?: number } = {}) {
  const rows = await db.mentorReview.findMany({
    where: { status: "REQUESTED" },
    orderBy: { requestedAt: "asc" },
    take: options.limit ?? 50,
    select: {
      id: true,
      requestedAt: true,
      submission: { select: { attempt: true, progress: { select: { mission: { select: { title: true } }, user: { select: { name: true } } } } } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    requestedAt: row.requestedAt.toISOString(),
    attempt: row.submission.attempt,
    missionTitle: row.submission.progress.mission.title,
    studentName: row.submission.progress.user.name,
  }));
}
