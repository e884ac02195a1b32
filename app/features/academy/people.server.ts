import { tierInForce } from "~/domain/entitlements";
import { assertRole } from "~/features/accounts/auth.server";
import type { PublicUser } from "~/features/accounts/service.server";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { parseOrThrow } from "~/utils/validation";
import { recordAudit } from "./audit.server";
import { setRoleInput, userIdInput, userListFilters, USERS_PAGE_SIZE } from "./people-schemas";
import { usersPage, usersSearchPage } from "./queries.server";

/** `LIKE` pattern for "starts with", the wildcards in what was typed taken literally. */
export function prefixPattern(typed: string): string {
  return `${typed.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Admins: users in e-mail order, searched by the start of an e-mail address or a name, filtered by role. */
export async function listUsers(db: Db, admin: PublicUser, rawFilters: unknown) {
  assertRole(admin, "ADMIN");
  const { q, role, after } = parseOrThrow(userListFilters, rawFilters ?? {});
  const limit = USERS_PAGE_SIZE + 1;
  const rows = q ? await usersSearchPage(db, after ?? "", role ?? null, limit, prefixPattern(q)) : await usersPage(db, after ?? "", role ?? null, limit);
  const page = rows.slice(0, USERS_PAGE_SIZE);
  return {
    users: page.map((user) => ({ ...user, createdAt: user.createdAt.toISOString() })),
    next: rows.length > USERS_PAGE_SIZE ? page[page.length - 1]!.email : null,
  };
}

/** Admins: one user, their plan, a mentor's tracks, and a student's missions with their attempts (read-only). */
export async function userDetail(db: Db, admin: PublicUser, rawInput: unknown, now = new Date()) {
  assertRole(admin, "ADMIN");
  const { userId } = parseOrThrow(userIdInput, rawInput);
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      handle: true,
      role: true,
      createdAt: true,
      profilerScore: true,
      subscription: { select: { tier: true, status: true, currentPeriodEnd: true, pastDueSince: true } },
      tierGrants: { where: { revokedAt: null }, select: { tier: true, startsAt: true, endsAt: true, revokedAt: true } },
      mentorTracks: { select: { trackId: true } },
      progress: {
        orderBy: { updatedAt: "desc" },
        select: {
          status: true,
          updatedAt: true,
          mission: { select: { id: true, slug: true, title: true } },
          submissions: { orderBy: { attempt: "desc" }, take: 1, select: { attempt: true, aiReview: { select: { total: true } }, mentorReview: { select: { total: true } } } },
        },
      },
    },
  });
  if (!user) throw new AppError("NOT_FOUND", "No user has this id.");
  const plan = tierInForce({ subscription: user.subscription, grants: user.tierGrants }, now);
  return {
    user: { id: user.id, email: user.email, name: user.name, handle: user.handle, role: user.role, createdAt: user.createdAt.toISOString(), profilerScore: user.profilerScore },
    plan: { tier: plan.tier, source: plan.source },
    mentorTrackIds: user.mentorTracks.map((row) => row.trackId),
    progress: user.progress.map((row) => {
      const latest = row.submissions[0];
      return {
        missionId: row.mission.id,
        missionSlug: row.mission.slug,
        missionTitle: row.mission.title,
        status: row.status,
        attempts: latest?.attempt ?? 0,
        latestAiTotal: latest?.aiReview?.total ?? null,
        latestMentorTotal: latest?.mentorReview?.total ?? null,
        updatedAt: row.updatedAt.toISOString(),
      };
    }),
  };
}

/**
 * Admins: a user's role (make a mentor, an admin, or a student again), with its audit entry in the
 * same transaction. Making a mentor or admin a student also releases the reviews they hold (back
 * to the queue) and ends their track assignments. An admin cannot change their own role, so the
 * academy is never left without the admin who could undo it.
 */
export async function setUserRole(db: Db, admin: PublicUser, rawInput: unknown) {
  assertRole(admin, "ADMIN");
  const { userId, role } = parseOrThrow(setRoleInput, rawInput);
  if (userId === admin.id) throw new AppError("INVALID_STATE", "You cannot change your own role: ask another administrator.");
  return await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true } });
    if (!user) throw new AppError("NOT_FOUND", "No user has this id.");
    if (user.role !== role) {
      await tx.user.update({ where: { id: userId }, data: { role } });
      // A student reviews nobody: the reviews they held go back to the queue and their tracks are unassigned.
      const stopsReviewing = role === "STUDENT";
      const released = stopsReviewing
        ? await tx.mentorReview.updateMany({ where: { mentorId: userId, status: "CLAIMED" }, data: { status: "REQUESTED", mentorId: null, claimExpiresAt: null, claimedAt: null } })
        : { count: 0 };
      const tracks = stopsReviewing ? await tx.mentorTrack.findMany({ where: { mentorId: userId }, select: { track: { select: { slug: true } } } }) : [];
      if (tracks.length > 0) await tx.mentorTrack.deleteMany({ where: { mentorId: userId } });
      await recordAudit(tx, {
        actorId: admin.id,
        action: "user.role",
        target: { type: "User", id: user.id, label: user.email },
        before: { role: user.role, ...(tracks.length > 0 ? { tracks: tracks.map((entry) => entry.track.slug) } : {}) },
        after: { role, ...(released.count > 0 ? { reviewsReleased: released.count } : {}) },
      });
    }
    return { userId, role };
  });
}
