import { z } from "zod";
import { assertRole } from "~/features/accounts/auth.server";
import type { PublicUser } from "~/features/accounts/service.server";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { recordAudit } from "~/features/academy/audit.server";
import { idSchema, parseOrThrow } from "~/utils/validation";
import { mentorOverviewRows, mentorWaitStats } from "./queries.server";

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** Admins: each mentor's tracks, claims and completed reviews, and how long reviews wait (median and 90th percentile over the last 7 days). */
export async function mentoringOverview(db: Db, now = new Date()) {
  const since = new Date(now.getTime() - WEEK_MS);
  const [mentors, [wait], tracks] = await Promise.all([
    mentorOverviewRows(db, now, since),
    mentorWaitStats(db, since),
    db.track.findMany({ orderBy: [{ position: "asc" }, { slug: "asc" }], select: { id: true, title: true } }),
  ]);
  return {
    mentors,
    tracks,
    wait: {
      decided: wait?.decided ?? 0,
      medianSeconds: wait?.medianSeconds === null || wait === undefined ? null : Math.round(wait.medianSeconds),
      p90Seconds: wait?.p90Seconds === null || wait === undefined ? null : Math.round(wait.p90Seconds),
      open: wait?.open ?? 0,
      oldestOpenSeconds: wait?.oldestOpenAt ? Math.max(0, Math.round((now.getTime() - wait.oldestOpenAt.getTime()) / 1000)) : null,
    },
  };
}

export const assignTracksInput = z.object({ mentorId: idSchema, trackIds: z.array(idSchema).max(500) });

/** Admins: the tracks a mentor reviews (none: every track). Replaces the mentor's assignments. */
export async function assignMentorTracks(db: Db, admin: PublicUser, rawInput: unknown) {
  assertRole(admin, "ADMIN");
  const { mentorId, trackIds } = parseOrThrow(assignTracksInput, rawInput);
  const mentor = await db.user.findUnique({ where: { id: mentorId }, select: { role: true, email: true, mentorTracks: { select: { trackId: true } } } });
  if (!mentor || mentor.role !== "MENTOR") throw new AppError("NOT_FOUND", "No mentor has this id.");
  const unique = [...new Set(trackIds)];
  const known = await db.track.count({ where: { id: { in: unique } } });
  if (known !== unique.length)
    throw new AppError("VALIDATION_FAILED", "One of the tracks does not exist any more: reload the page and choose again.", { fieldErrors: { trackIds: ["Unknown track"] } });
  await db.$transaction(async (tx) => {
    await tx.mentorTrack.deleteMany({ where: { mentorId, trackId: { notIn: unique } } });
    await tx.mentorTrack.createMany({ data: unique.map((trackId) => ({ mentorId, trackId, assignedById: admin.id })), skipDuplicates: true });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "mentor.tracks",
      target: { type: "User", id: mentorId, label: mentor.email },
      before: { trackIds: mentor.mentorTracks.map((row) => row.trackId).sort() },
      after: { trackIds: [...unique].sort() },
    });
  });
  return { mentorId, trackIds: unique };
}
