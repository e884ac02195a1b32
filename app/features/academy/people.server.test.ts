import { describe, expect, it } from "vitest";
import { grantTier, revokeGrant } from "~/features/billing/admin.server";
import { assignMentorTracks } from "~/features/mentoring/admin.server";
import { claimMentorReview, requestMentorReview } from "~/features/mentoring/service.server";
import { createUser } from "~/testing/factories";
import { reviewedAttempt } from "~/testing/mentoring";
import { createMission, startProgress } from "~/testing/missions";
import { getDb } from "~/utils/db.server";
import { setMentorConfirmsPasses } from "./agreement.server";
import { auditLog } from "./audit.server";
import { listUsers, prefixPattern, setUserRole, userDetail } from "./people.server";
import { USERS_PAGE_SIZE } from "./people-schemas";

const tag = () => Math.random().toString(36).slice(2, 8);

describe("people: the users list", () => {
  it("pages through users in e-mail order without gaps or repeats, searched by the start of an address or a name", async () => {
    const db = getDb();
    const admin = await createUser({ role: "ADMIN" });
    const group = `zz${tag()}`;
    const made = [];
    for (let index = 0; index < USERS_PAGE_SIZE + 5; index += 1) made.push(await createUser({ email: `${group}-${String(index).padStart(3, "0")}@example.test` }));
    const first = await listUsers(db, admin, { q: group });
    expect(first.users).toHaveLength(USERS_PAGE_SIZE);
    expect(first.next).toBe(first.users.at(-1)!.email);
    const second = await listUsers(db, admin, { q: group, after: first.next! });
    expect(second.users).toHaveLength(5);
    expect(second.next).toBeNull();
    expect([...first.users, ...second.users].map((user) => user.email)).toEqual(made.map((user) => user.email).sort());

    // Any case, by name too; the role filter keeps one role.
    const named = await createUser({ name: `Ximena ${group.toUpperCase()} Quill`, email: `q${tag()}@example.test`, role: "MENTOR" });
    expect((await listUsers(db, admin, { q: "XIMENA " + group })).users.map((user) => user.id)).toEqual([named.id]);
    expect((await listUsers(db, admin, { q: "ximena", role: "STUDENT" })).users.map((user) => user.id)).not.toContain(named.id);
  });

  it("takes what was typed literally: % and _ are not wildcards", async () => {
    expect(prefixPattern("Ab%c_d")).toBe("ab\\%c\\_d%");
    const admin = await createUser({ role: "ADMIN" });
    await createUser({ email: `under_score${tag()}@example.test` });
    await createUser({ email: `underXscore${tag()}@example.test` });
    const found = await listUsers(getDb(), admin, { q: "under_" });
    expect(found.users.every((user) => user.email.startsWith("under_"))).toBe(true);
    expect(found.users.length).toBeGreaterThan(0);
    await expect(listUsers(getDb(), admin, { role: "OWNER" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});

describe("people: one user, their role, and the audit log", () => {
  it("shows a student's plan and missions read-only", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const student = await createUser({ tier: "STARTER" });
    const mission = await createMission({ title: "Read-only mission" });
    await startProgress(student.id, mission.id);
    const detail = await userDetail(getDb(), admin, { userId: student.id });
    expect(detail.plan).toEqual({ tier: "STARTER", source: "subscription" });
    expect(detail.progress).toEqual([expect.objectContaining({ missionTitle: "Read-only mission", status: "IN_PROGRESS", attempts: 0, latestAiTotal: null })]);
    await expect(userDetail(getDb(), admin, { userId: "nobody" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("makes a student a mentor and writes who did it, before and after; an admin cannot change their own role", async () => {
    const db = getDb();
    const admin = await createUser({ role: "ADMIN" });
    const student = await createUser();
    expect(await setUserRole(db, admin, { userId: student.id, role: "MENTOR" })).toEqual({ userId: student.id, role: "MENTOR" });
    expect((await db.user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe("MENTOR");
    const log = await auditLog(db, admin, { target: student.id });
    expect(log.entries).toEqual([
      expect.objectContaining({
        action: "user.role",
        actor: { email: admin.email, name: admin.name },
        target: { type: "User", id: student.id, label: student.email },
        before: { role: "STUDENT" },
        after: { role: "MENTOR" },
      }),
    ]);
    // The same role again changes nothing and logs nothing.
    await setUserRole(db, admin, { userId: student.id, role: "MENTOR" });
    expect((await auditLog(db, admin, { target: student.id })).entries).toHaveLength(1);
    await expect(setUserRole(db, admin, { userId: admin.id, role: "STUDENT" })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(setUserRole(db, admin, { userId: student.id, role: "KING" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("making a mentor a student hands the reviews they hold back to the queue and ends their tracks", async () => {
    const db = getDb();
    const admin = await createUser({ role: "ADMIN" });
    const mentor = await createUser({ role: "MENTOR" });
    const { progress, student, mission } = await reviewedAttempt({ passed: false });
    await requestMentorReview(db, student, progress.id, { reason: "Please look again." });
    const review = await db.mentorReview.findFirstOrThrow({ where: { submission: { progressId: progress.id } }, select: { id: true } });
    await claimMentorReview(db, mentor, review.id);
    await assignMentorTracks(db, admin, { mentorId: mentor.id, trackIds: [mission.trackId] });

    await setUserRole(db, admin, { userId: mentor.id, role: "STUDENT" });
    expect(await db.mentorReview.findUniqueOrThrow({ where: { id: review.id }, select: { status: true, mentorId: true, claimExpiresAt: true } })).toEqual({
      status: "REQUESTED",
      mentorId: null,
      claimExpiresAt: null,
    });
    expect(await db.mentorTrack.count({ where: { mentorId: mentor.id } })).toBe(0);
    const track = await db.track.findUniqueOrThrow({ where: { id: mission.trackId }, select: { slug: true } });
    expect((await auditLog(db, admin, { target: mentor.id, action: "user.role" })).entries[0]).toMatchObject({
      before: { role: "MENTOR", tracks: [track.slug] },
      after: { role: "STUDENT", reviewsReleased: 1 },
    });
  });

  it("logs every admin change — tracks, grants, a mission's setting — and filters and pages the log", async () => {
    const db = getDb();
    const admin = await createUser({ role: "ADMIN" });
    const mentor = await createUser({ role: "MENTOR" });
    const student = await createUser();
    const mission = await createMission({ title: "Logged mission" });
    await assignMentorTracks(db, admin, { mentorId: mentor.id, trackIds: [mission.trackId] });
    const grant = await grantTier(db, admin, { email: student.email, tier: "PREMIUM", reason: "Scholarship" });
    await revokeGrant(db, admin, { grantId: grant.id });
    await setMentorConfirmsPasses(db, admin, { missionId: mission.id, mentorConfirmsPasses: true });

    const mine = await auditLog(db, admin, { actor: admin.email.toUpperCase() });
    expect(mine.entries.map((entry) => entry.action)).toEqual(["mission.mentor-confirms-passes", "tier.revoke", "tier.grant", "mentor.tracks"]);
    expect(mine.entries[0]).toMatchObject({
      target: { type: "Mission", id: mission.id, label: "Logged mission" },
      before: { mentorConfirmsPasses: false },
      after: { mentorConfirmsPasses: true },
    });
    expect(mine.entries[2]).toMatchObject({ target: { id: student.id, label: student.email }, after: { tier: "PREMIUM", reason: "Scholarship" } });
    expect(mine.entries[3]).toMatchObject({ before: { trackIds: [] }, after: { trackIds: [mission.trackId] } });
    expect((await auditLog(db, admin, { action: "tier.grant", actor: admin.email })).entries).toHaveLength(1);

    // Keyset pages: after the second entry come the two older ones.
    const older = await auditLog(db, admin, { actor: admin.email, after: mine.entries[1]!.id });
    expect(older.entries.map((entry) => entry.action)).toEqual(["tier.grant", "mentor.tracks"]);
    await expect(auditLog(db, admin, { action: "user.delete" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(auditLog(db, admin, { after: "no-such-entry" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("is for administrators only", async () => {
    const db = getDb();
    const student = await createUser();
    for (const role of ["STUDENT", "MENTOR"] as const) {
      const user = await createUser({ role });
      await expect(listUsers(db, user, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(userDetail(db, user, { userId: student.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(setUserRole(db, user, { userId: student.id, role: "ADMIN" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(auditLog(db, user, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe("STUDENT");
  });
});
