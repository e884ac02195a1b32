import { describe, expect, it } from "vitest";
import { createUser } from "~/testing/factories";
import { createMission, startProgress } from "~/testing/missions";
import { getDb } from "~/utils/db.server";
import { appErrorFrom as failure } from "~/testing/errors";
import type { AppError } from "~/utils/errors";
import { getMissionDashboard, getMissionDetail, startMission } from "./service.server";
import { completeOnboarding } from "~/features/onboarding/service.server";
import { getProgress, progressViewSelect, toProgressView } from "~/features/progress/service.server";

const NOV_25 = new Date("2026-11-25T12:00:00Z");

async function approve(userId: string, missionId: string) {
  const progress = await startProgress(userId, missionId);
  await getDb().missionProgress.update({ where: { id: progress.id }, data: { status: "APPROVED" } });
}

describe("starting a mission", () => {
  it("creates the progress record, counts the start and enrols the student in the track", async () => {
    const student = await createUser();
    const mission = await createMission();
    const { created, progress } = await startMission(getDb(), student, mission.id, NOV_25);
    expect(created).toBe(true);
    expect(progress).toMatchObject({ missionId: mission.id, status: "IN_PROGRESS", version: 1, editable: true });
    expect(Object.keys(progress.subtasks)).toEqual(mission.subtasks.map((s) => s.id));
    expect(await getDb().missionStart.count({ where: { userId: student.id, month: "2026-11" } })).toBe(1);
    expect(await getDb().trackEnrollment.count({ where: { userId: student.id, trackId: mission.trackId } })).toBe(1);
  });

  it("re-opening a started mission is free and returns the same record", async () => {
    const student = await createUser();
    const mission = await createMission();
    const first = await startMission(getDb(), student, mission.id, NOV_25);
    const again = await startMission(getDb(), student, mission.id, NOV_25);
    expect(again.created).toBe(false);
    expect(again.progress.id).toBe(first.progress.id);
    expect(await getDb().missionStart.count({ where: { userId: student.id } })).toBe(1);
  });

  it("holds FREE to one start a month, STARTER to three, PREMIUM unlimited; the month resets it", async () => {
    const free = await createUser();
    const missions = await Promise.all([1, 2, 3, 4, 5].map(() => createMission()));
    await startMission(getDb(), free, missions[0]!.id, NOV_25);
    const quota = await failure(startMission(getDb(), free, missions[1]!.id, NOV_25));
    expect(quota.code).toBe("QUOTA_EXCEEDED");
    expect(quota.status).toBe(402);
    expect(quota.message).toContain("Your quota resets on 1 December.");
    // December: a new month, a new start
    await expect(startMission(getDb(), free, missions[1]!.id, new Date("2026-12-01T00:00:01Z"))).resolves.toMatchObject({ created: true });

    const starter = await createUser({ tier: "STARTER" });
    for (const mission of missions.slice(0, 3)) await startMission(getDb(), starter, mission.id, NOV_25);
    expect((await failure(startMission(getDb(), starter, missions[3]!.id, NOV_25))).code).toBe("QUOTA_EXCEEDED");

    const premium = await createUser({ tier: "PREMIUM" });
    for (const mission of missions) await startMission(getDb(), premium, mission.id, NOV_25);
    expect(await getDb().missionProgress.count({ where: { userId: premium.id } })).toBe(5);
  });

  it("never exceeds the quota under ten simultaneous starts", async () => {
    const student = await createUser();
    const missions = await Promise.all(Array.from({ length: 10 }, () => createMission()));
    const results = await Promise.allSettled(missions.map((mission) => startMission(getDb(), student, mission.id, NOV_25)));
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(9);
    for (const result of rejected) expect((result.reason as AppError).code).toBe("QUOTA_EXCEEDED");
    expect(await getDb().missionProgress.count({ where: { userId: student.id } })).toBe(1);
    expect(await getDb().missionStart.count({ where: { userId: student.id } })).toBe(1);
  });

  it("ten simultaneous starts of the same mission make one record", async () => {
    const student = await createUser();
    const mission = await createMission();
    const results = await Promise.all(Array.from({ length: 10 }, () => startMission(getDb(), student, mission.id, NOV_25)));
    expect(new Set(results.map((result) => result.progress.id)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
  });

  it("refuses missions above the student's tier, and capstones below Premium", async () => {
    const student = await createUser({ tier: "STARTER" });
    const premiumMission = await createMission({ tierRequired: "PREMIUM" });
    const error = await failure(startMission(getDb(), student, premiumMission.id, NOV_25));
    expect(error.code).toBe("TIER_REQUIRED");
    expect(error.status).toBe(402);
    const capstone = await createMission({ tierRequired: "STARTER", isCapstone: true });
    expect((await failure(startMission(getDb(), student, capstone.id, NOV_25))).code).toBe("TIER_REQUIRED");
    const premium = await createUser({ tier: "PREMIUM" });
    await expect(startMission(getDb(), premium, capstone.id, NOV_25)).resolves.toMatchObject({ created: true });
  });

  it("refuses missions whose prerequisites are not approved, and allows them once they are", async () => {
    const student = await createUser({ tier: "PREMIUM" });
    const first = await createMission({ title: "First shift" });
    const second = await createMission({ prerequisites: [first.id] });
    const error = await failure(startMission(getDb(), student, second.id, NOV_25));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("Finish “First shift” first.");
    // started but not approved is not enough
    await startMission(getDb(), student, first.id, NOV_25);
    expect((await failure(startMission(getDb(), student, second.id, NOV_25))).code).toBe("FORBIDDEN");
    await getDb().missionProgress.updateMany({ where: { userId: student.id, missionId: first.id }, data: { status: "APPROVED" } });
    await expect(startMission(getDb(), student, second.id, NOV_25)).resolves.toMatchObject({ created: true });
  });

  it("answers unknown and unpublished missions with NOT_FOUND, and bad ids with VALIDATION_FAILED", async () => {
    const student = await createUser();
    expect((await failure(startMission(getDb(), student, "no-such-mission", NOV_25))).code).toBe("NOT_FOUND");
    const draft = await createMission({ published: false });
    expect((await failure(startMission(getDb(), student, draft.id, NOV_25))).code).toBe("NOT_FOUND");
    expect((await failure(startMission(getDb(), student, "", NOV_25))).code).toBe("VALIDATION_FAILED");
    expect((await failure(startMission(getDb(), student, { id: 1 }, NOV_25))).code).toBe("VALIDATION_FAILED");
  });
});

describe("the mission dashboard", () => {
  it("groups missions, shows the quota and explains locks", async () => {
    const student = await createUser();
    const first = await createMission({ title: "Alpha", difficulty: "NOVICE" });
    await createMission({ trackId: first.trackId, title: "Bravo", prerequisites: [first.id] });
    await createMission({ trackId: first.trackId, title: "Charlie", tierRequired: "PREMIUM" });
    const done = await createMission({ trackId: first.trackId, title: "Delta" });
    await approve(student.id, done.id);
    await startMission(getDb(), student, first.id, NOV_25);
    const track = await getDb().track.findUniqueOrThrow({ where: { id: first.trackId } });

    const dashboard = await getMissionDashboard(getDb(), student, { track: track.slug }, NOV_25);
    expect(dashboard.inProgress.map((m) => m.title)).toEqual(["Alpha"]);
    expect(dashboard.completed.map((m) => m.title)).toEqual(["Delta"]);
    expect(dashboard.available.map((m) => m.title)).toEqual(["Bravo", "Charlie"]);
    expect(dashboard.quota).toMatchObject({ used: 1, limit: 1, left: 0, resetsAt: "2026-12-01T00:00:00.000Z", tier: "FREE" });
    const bravo = dashboard.available.find((m) => m.title === "Bravo")!;
    expect(bravo.locks.map((lock) => lock.kind)).toEqual(["prerequisites", "quota"]);
    const charlie = dashboard.available.find((m) => m.title === "Charlie")!;
    expect(charlie.locks[0]).toMatchObject({ kind: "tier", tierRequired: "PREMIUM" });
    expect(dashboard.inProgress[0]!.progress).toMatchObject({ status: "IN_PROGRESS", percent: 0 });
  });

  it("filters by difficulty and opens on the student's own tracks", async () => {
    const student = await createUser();
    const mine = await createMission({ difficulty: "NOVICE" });
    await createMission({ trackId: mine.trackId, difficulty: "ELITE" });
    const other = await createMission();
    await getDb().trackEnrollment.create({ data: { userId: student.id, trackId: mine.trackId } });
    const dashboard = await getMissionDashboard(getDb(), student, {}, NOV_25);
    expect(dashboard.available.every((m) => m.id !== other.id)).toBe(true);
    expect(dashboard.available).toHaveLength(2);
    const novice = await getMissionDashboard(getDb(), student, { difficulty: "novice" }, NOV_25);
    expect(novice.available.map((m) => m.difficulty)).toEqual(["NOVICE"]);
    expect((await failure(getMissionDashboard(getDb(), student, { difficulty: "GODLIKE" }))).code).toBe("VALIDATION_FAILED");
    const unknownTrack = await failure(getMissionDashboard(getDb(), student, { track: "no-such-track" }));
    expect(unknownTrack.code).toBe("VALIDATION_FAILED");
    const track = await getDb().track.findUniqueOrThrow({ where: { id: mine.trackId } });
    expect((unknownTrack.details!.fieldErrors as Record<string, string[]>).track![0]).toMatch(new RegExp(`^There is no track “no-such-track”\\. Use one of: .*${track.slug}`));
  });

  it("names every bad filter in one answer", async () => {
    const student = await createUser();
    await createMission();
    const error = await failure(getMissionDashboard(getDb(), student, { track: "nope", difficulty: "x" }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.status).toBe(400);
    const fieldErrors = error.details!.fieldErrors as Record<string, string[]>;
    expect(Object.keys(fieldErrors).sort()).toEqual(["difficulty", "track"]);
    expect(fieldErrors.difficulty).toEqual(["Use one of NOVICE, BEGINNER, INTERMEDIATE, ADVANCED, ELITE"]);
    expect(fieldErrors.track![0]).toMatch(/^There is no track “nope”/);
    // A malformed slug is reported by its rule, once.
    const malformed = await failure(getMissionDashboard(getDb(), student, { track: "Not A Slug" }));
    expect((malformed.details!.fieldErrors as Record<string, string[]>).track).toEqual(["Use a track's slug, e.g. defender-ops"]);
  });

  it("recommends by profiler level: at level, one above, stretch", async () => {
    const student = await createUser();
    const base = await createMission({ difficulty: "BEGINNER" });
    await createMission({ trackId: base.trackId, difficulty: "INTERMEDIATE" });
    await createMission({ trackId: base.trackId, difficulty: "ELITE" });
    const answers = { linux: 1, networking: 1, scripting: 1, logs: 1, web: 1, recon: 1, detection: 1, cloud: 1, incident: 1, reporting: 1 };
    const track = await getDb().track.findUniqueOrThrow({ where: { id: base.trackId } });
    const result = await completeOnboarding(getDb(), student, { answers, tracks: [track.slug] });
    expect(result).toEqual({ profilerScore: 25, level: "BEGINNER" });
    const dashboard = await getMissionDashboard(getDb(), student, {}, NOV_25);
    expect(dashboard.onboarded).toBe(true);
    expect(dashboard.available.map((m) => [m.difficulty, m.recommendation])).toEqual([
      ["BEGINNER", "at-level"],
      ["INTERMEDIATE", "one-above"],
      ["ELITE", "stretch"],
    ]);
  });
});

describe("the mission page data", () => {
  it("has the whole mission, recipes for the weakest skills first, and the student's progress", async () => {
    const student = await createUser();
    const mission = await createMission();
    const [strong, weak] = await Promise.all([
      getDb().skill.create({ data: { key: `strong-${mission.id}`, name: "Strong", category: "Defense" } }),
      getDb().skill.create({ data: { key: `weak-${mission.id}`, name: "Weak", category: "Defense" } }),
    ]);
    await getDb().recipe.createMany({
      data: [
        { missionId: mission.id, skillId: strong.id, position: 1, title: "Strong recipe", minutes: 10, url: "https://example.test/a" },
        { missionId: mission.id, skillId: weak.id, position: 2, title: "Weak recipe", minutes: 10, url: "https://example.test/b" },
      ],
    });
    await getDb().skillSignal.createMany({
      data: [
        { userId: student.id, skillId: strong.id, mastery: 80 },
        { userId: student.id, skillId: weak.id, mastery: 10 },
      ],
    });
    const before = await getMissionDetail(getDb(), student, mission.slug);
    expect(before.progress).toBeNull();
    expect(before.mission.rubric.map((c) => c.key)).toEqual(["evidence", "analysis", "communication"]);
    expect(before.mission.recipes.map((r) => r.title)).toEqual(["Weak recipe", "Strong recipe"]);
    await startMission(getDb(), student, mission.id);
    const after = await getMissionDetail(getDb(), student, mission.id);
    expect(after.progress?.status).toBe("IN_PROGRESS");
  });
});

describe("the mission page data, read from the catalogue in memory", () => {
  it("shows an edit to the mission, a subtask, the rubric or a recipe on the next request", async () => {
    const db = getDb();
    const student = await createUser();
    const mission = await createMission();
    const skill = await db.skill.create({ data: { key: `edit-${mission.id}`, name: "Log reading", category: "Defense" } });
    await db.recipe.create({ data: { missionId: mission.id, skillId: skill.id, position: 1, title: "Read a log", minutes: 5, url: "https://example.test/r" } });
    const before = await getMissionDetail(db, student, mission.id);
    expect(before.mission).toMatchObject({ title: mission.title, story: "A host **misbehaves**. Investigate and report." });
    expect(before.mission.subtasks.map((subtask) => subtask.instructions)).toEqual(mission.subtasks.map((subtask) => subtask.instructions));

    await db.mission.update({ where: { id: mission.id }, data: { title: "Edited title", story: "An **edited** story.", objectives: ["One new objective"] } });
    expect((await getMissionDetail(db, student, mission.slug)).mission).toMatchObject({ title: "Edited title", story: "An **edited** story.", objectives: ["One new objective"] });

    await db.subtask.update({ where: { id: mission.subtasks[1]!.id }, data: { instructions: "Edited *instructions*.", evidenceRequired: true } });
    expect((await getMissionDetail(db, student, mission.id)).mission.subtasks[1]).toMatchObject({ instructions: "Edited *instructions*.", evidenceRequired: true });

    await db.rubricCriterion.update({ where: { missionId_key: { missionId: mission.id, key: "analysis" } }, data: { title: "Edited criterion", weight: 3 } });
    expect((await getMissionDetail(db, student, mission.id)).mission.rubric[1]).toMatchObject({ key: "analysis", title: "Edited criterion", weight: 3 });

    await db.recipe.updateMany({ where: { missionId: mission.id }, data: { title: "Edited recipe" } });
    expect((await getMissionDetail(db, student, mission.id)).mission.recipes.map((recipe) => recipe.title)).toEqual(["Edited recipe"]);

    await db.mission.update({ where: { id: mission.id }, data: { published: false } });
    expect((await failure(getMissionDetail(db, student, mission.id))).code).toBe("NOT_FOUND");
  });

  it("has the same progress view as the progress endpoint: files, attempts and reviews, timestamps exact", async () => {
    const db = getDb();
    const student = await createUser();
    const mission = await createMission();
    const progress = await startProgress(student.id, mission.id);
    const file = (name: string, createdAt: Date, lockedAt: Date | null) =>
      db.evidenceFile.create({
        data: {
          progressId: progress.id,
          subtaskId: mission.subtasks[0]!.id,
          ownerId: student.id,
          originalName: name,
          storageKey: `key-${name}-${progress.id}`,
          contentType: "image/png",
          sizeBytes: 1234,
          sha256: "0".repeat(64),
          createdAt,
          lockedAt,
        },
      });
    await file("second.png", new Date("2026-11-20T10:00:00.456Z"), null);
    await file("first.png", new Date("2026-11-19T23:30:00.123Z"), new Date("2026-11-21T08:00:00.001Z"));
    await db.submission.create({
      data: {
        progressId: progress.id,
        attempt: 1,
        reflection: "First try.",
        snapshot: { subtasks: {}, files: [] },
        createdAt: new Date("2026-11-21T08:00:00.001Z"),
        aiReview: { create: { status: "COMPLETED", total: 55.5, passed: false } },
      },
    });
    await db.submission.create({
      data: { progressId: progress.id, attempt: 2, reflection: "Second try.", snapshot: { subtasks: { a: { notes: "x", completed: true } }, files: [] } },
    });
    await db.missionProgress.update({ where: { id: progress.id }, data: { status: "SUBMITTED", currentAttempt: 2, submittedAt: new Date("2026-11-22T00:00:00.000Z") } });

    const detail = await getMissionDetail(db, student, mission.id);
    // Both read the record in one statement (PROGRESS_VIEW_JSON): compare with what Prisma reads.
    const expected = toProgressView(
      await db.missionProgress.findUniqueOrThrow({ where: { id: progress.id }, select: progressViewSelect }),
      mission.subtasks.map((subtask) => subtask.id),
    );
    expect(detail.progress).toEqual(expected);
    expect(await getProgress(db, student, progress.id)).toEqual(expected);
    expect(detail.progress?.files.map((entry) => entry.originalName)).toEqual(["first.png", "second.png"]);
    expect(detail.progress?.submissions.map((entry) => [entry.attempt, entry.aiReview])).toEqual([
      [2, null],
      [1, { status: "COMPLETED", total: 55.5, passed: false }],
    ]);
    expect(detail.progress?.submittedAt).toBe("2026-11-22T00:00:00.000Z");
  });

  it("locks by the student's own approvals and starts; a started mission never locks", async () => {
    const db = getDb();
    const student = await createUser();
    const first = await createMission({ title: "Needed first" });
    const second = await createMission({ trackId: first.trackId, prerequisites: [first.id] });
    // Someone else's approval does not count.
    await approve((await createUser()).id, first.id);
    expect((await getMissionDetail(db, student, second.id)).locks).toEqual([expect.objectContaining({ kind: "prerequisites" })]);
    await approve(student.id, first.id);
    expect((await getMissionDetail(db, student, second.id)).locks).toEqual([]);

    // FREE: one start a month. The started mission stays open, the next one is locked by the quota.
    const other = await createMission();
    await startMission(db, student, second.id);
    expect((await getMissionDetail(db, student, other.id)).locks).toEqual([expect.objectContaining({ kind: "quota" })]);
    const started = await getMissionDetail(db, student, second.id);
    expect(started.locks).toEqual([]);
    expect(started.progress?.status).toBe("IN_PROGRESS");
    expect(started.mission.prerequisites).toEqual([{ id: first.id, slug: first.slug, title: "Needed first" }]);
  });

  it("answers a mission of an unpublished track, an unknown one and a bad id as the service always has", async () => {
    const db = getDb();
    const student = await createUser();
    const hidden = await createMission();
    await db.track.update({ where: { id: hidden.trackId }, data: { published: false } });
    expect((await failure(getMissionDetail(db, student, hidden.id))).code).toBe("NOT_FOUND");
    expect((await failure(getMissionDetail(db, student, "no-such-mission"))).code).toBe("NOT_FOUND");
    expect((await failure(getMissionDetail(db, student, ""))).code).toBe("VALIDATION_FAILED");
  });
});
