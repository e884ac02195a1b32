import { describe, expect, it } from "vitest";
import { createUser } from "~/testing/factories";
import { createMission, startProgress } from "~/testing/missions";
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { ATTEMPTS_PER_PAGE, agreementAttempts, agreementReport, periodOf, setMentorConfirmsPasses } from "./agreement.server";

const NOW = new Date("2026-11-20T12:00:00Z");
const KEYS = ["evidence", "analysis", "communication"] as const;
type Scores = Record<(typeof KEYS)[number], number>;

const scoresOf = (scores: Scores) => KEYS.map((key) => ({ key, title: key[0]!.toUpperCase() + key.slice(1), score: scores[key], maxScore: 3 }));

/** One attempt of `missionId` reviewed by the AI and then by a mentor, both completed at `at`. */
async function reviewedByBoth(missionId: string, ai: Scores, mentor: Scores, verdicts: { ai: boolean; mentor: boolean }, at = new Date("2026-11-10T09:00:00Z")) {
  const db = getDb();
  const student = await createUser();
  const mission = await db.mission.findUniqueOrThrow({ where: { id: missionId }, select: { trackId: true } });
  const progress = await startProgress(student.id, missionId);
  const submission = await db.submission.create({ data: { progressId: progress.id, attempt: 1, reflection: "r", snapshot: {} } });
  await db.aiReview.create({ data: { submissionId: submission.id, status: "COMPLETED", scores: scoresOf(ai), total: 50, passed: verdicts.ai, completedAt: at } });
  return await db.mentorReview.create({
    data: {
      submissionId: submission.id,
      requestedById: student.id,
      trackId: mission.trackId,
      isCapstone: false,
      isRegrade: false,
      status: "COMPLETED",
      scores: scoresOf(mentor),
      total: 60,
      passed: verdicts.mentor,
      completedAt: at,
    },
  });
}

describe("the agreement tables a trigger keeps", () => {
  it("counts a mentor review once, when it completes, with the attempt's completed AI review; nothing before", async () => {
    const db = getDb();
    const mission = await createMission();
    const at = new Date("2026-10-05T15:30:00Z");
    const cellsOf = () =>
      db.agreementCell.findMany({ where: { missionId: mission.id }, orderBy: [{ key: "asc" }], select: { day: true, key: true, ai: true, mentor: true, count: true } });
    const verdictsOf = () => db.agreementVerdict.findMany({ where: { missionId: mission.id }, select: { aiPassed: true, mentorPassed: true, count: true } });

    const review = await reviewedByBoth(mission.id, { evidence: 2, analysis: 1, communication: 0 }, { evidence: 3, analysis: 1, communication: 0 }, { ai: true, mentor: true }, at);
    // Claimed, then completed: an update counts it too.
    await db.mentorReview.update({ where: { id: review.id }, data: { status: "CLAIMED", completedAt: null } });
    await db.agreementCell.deleteMany({ where: { missionId: mission.id } });
    await db.agreementVerdict.deleteMany({ where: { missionId: mission.id } });
    expect(await cellsOf()).toEqual([]);
    await db.mentorReview.update({ where: { id: review.id }, data: { status: "COMPLETED", completedAt: at } });
    const day = new Date("2026-10-05T00:00:00Z");
    expect(await cellsOf()).toEqual([
      { day, key: "analysis", ai: 1, mentor: 1, count: 1 },
      { day, key: "communication", ai: 0, mentor: 0, count: 1 },
      { day, key: "evidence", ai: 2, mentor: 3, count: 1 },
    ]);
    expect(await verdictsOf()).toEqual([{ aiPassed: true, mentorPassed: true, count: 1 }]);
    // Saving the completed review again counts nothing more.
    await db.mentorReview.update({ where: { id: review.id }, data: { comments: "Edited later." } });
    expect((await cellsOf()).map((cell) => cell.count)).toEqual([1, 1, 1]);

    // A second attempt the same day with the same scores adds to the same cells.
    await reviewedByBoth(mission.id, { evidence: 2, analysis: 1, communication: 0 }, { evidence: 3, analysis: 1, communication: 0 }, { ai: true, mentor: true }, at);
    expect((await cellsOf()).map((cell) => cell.count)).toEqual([2, 2, 2]);
  });
});

describe("agreement between the AI and mentors, from the database", () => {
  it("computes each criterion's and mission's figures from the attempts both reviewed in the period, worst first", async () => {
    const db = getDb();
    const admin = await createUser({ role: "ADMIN" });
    const first = await createMission({ title: "Agreement first" });
    const second = await createMission({ title: "Agreement second" });
    // First mission: the hand-worked table of the unit tests on "evidence"; the AI is kinder.
    const evidence: [number, number][] = [
      [0, 0],
      [1, 1],
      [2, 2],
      [2, 1],
      [1, 0],
    ];
    for (const [ai, mentor] of evidence) {
      await reviewedByBoth(first.id, { evidence: ai, analysis: 2, communication: 3 }, { evidence: mentor, analysis: 2, communication: 3 }, { ai: true, mentor: ai === mentor });
    }
    // Second mission: opposed on analysis.
    await reviewedByBoth(second.id, { evidence: 3, analysis: 0, communication: 1 }, { evidence: 3, analysis: 3, communication: 1 }, { ai: false, mentor: true });
    await reviewedByBoth(second.id, { evidence: 2, analysis: 3, communication: 1 }, { evidence: 2, analysis: 0, communication: 1 }, { ai: true, mentor: false });
    // Outside the period: not counted.
    await reviewedByBoth(
      second.id,
      { evidence: 0, analysis: 0, communication: 0 },
      { evidence: 3, analysis: 3, communication: 3 },
      { ai: false, mentor: true },
      new Date("2026-01-05T00:00:00Z"),
    );

    const report = await agreementReport(db, admin, { from: "2026-11-01", to: "2026-11-20" }, NOW);
    expect(report.period).toEqual({ from: "2026-11-01", to: "2026-11-20" });
    const criterion = (missionId: string, key: string) => report.criteria.find((row) => row.missionId === missionId && row.key === key)!;
    expect(criterion(first.id, "evidence").agreement).toMatchObject({ pairs: 5, exact: 0.6, withinOne: 1 });
    expect(criterion(first.id, "evidence").agreement.kappa).toBeCloseTo(0.6875, 10);
    expect(criterion(first.id, "evidence").agreement.meanSignedDifference).toBeCloseTo(0.4, 10);
    expect(criterion(second.id, "analysis").agreement).toMatchObject({ pairs: 2, exact: 0, withinOne: 0, kappa: -1, meanSignedDifference: 0 });
    expect(report.criteria[0]).toMatchObject({ missionId: second.id, key: "analysis", title: "Analysis" });

    const mission = (id: string) => report.missions.find((row) => row.missionId === id)!;
    expect(mission(first.id)).toMatchObject({ missionTitle: "Agreement first", mentorConfirmsPasses: false });
    expect(mission(first.id).verdicts).toEqual({ attempts: 5, agreement: 0.6, aiPassedMentorFailed: 2, aiFailedMentorPassed: 0 });
    expect(mission(second.id).verdicts).toEqual({ attempts: 2, agreement: 0, aiPassedMentorFailed: 1, aiFailedMentorPassed: 1 });
    expect(report.overall.pairs).toBe(5 * 3 + 2 * 3);
    expect(report.verdicts.attempts).toBe(7);

    // The attempts behind a criterion's figures, with both scores, newest first.
    const behind = await agreementAttempts(db, admin, { missionId: second.id, criterion: "analysis", from: "2026-11-01", to: "2026-11-20" }, NOW);
    expect(behind.attempts.map((row) => [row.aiScore, row.mentorScore])).toEqual(
      expect.arrayContaining([
        [0, 3],
        [3, 0],
      ]),
    );
    expect(behind.attempts).toHaveLength(2);
    expect(behind).toMatchObject({ period: { from: "2026-11-01", to: "2026-11-20" }, criterion: "analysis", criterionTitle: "Analysis", olderBefore: null });
  });

  it("keeps a period's report in memory until a mentor review completes or a mission changes", async () => {
    const db = getDb();
    const admin = await createUser({ role: "ADMIN" });
    const mission = await createMission({ title: "Kept in memory" });
    const period = { from: "2025-03-01", to: "2025-03-31" };
    const inMarch = new Date("2025-03-10T10:00:00Z");
    const rowOf = (report: Awaited<ReturnType<typeof agreementReport>>) => report.missions.find((row) => row.missionId === mission.id);
    await reviewedByBoth(mission.id, { evidence: 2, analysis: 2, communication: 2 }, { evidence: 2, analysis: 2, communication: 2 }, { ai: true, mentor: true }, inMarch);

    const first = await agreementReport(db, admin, period, NOW);
    expect(rowOf(first)?.agreement.pairs).toBe(3);
    // Nothing changed: the same report, not a recomputed one; another period is its own.
    expect(await agreementReport(db, admin, period, NOW)).toBe(first);
    const april = await agreementReport(db, admin, { from: "2025-04-01", to: "2025-04-30" }, NOW);
    expect(rowOf(april)).toBeUndefined();

    // A mentor review completing (through the trigger) renews it.
    await reviewedByBoth(mission.id, { evidence: 1, analysis: 2, communication: 2 }, { evidence: 3, analysis: 2, communication: 2 }, { ai: false, mentor: true }, inMarch);
    const second = await agreementReport(db, admin, period, NOW);
    expect(second).not.toBe(first);
    expect(rowOf(second)?.agreement.pairs).toBe(6);
    expect(rowOf(second)?.verdicts).toMatchObject({ attempts: 2 });

    // So does a change to the mission: its title, or whether its passes wait for a mentor.
    await setMentorConfirmsPasses(db, admin, { missionId: mission.id, mentorConfirmsPasses: true });
    expect(rowOf(await agreementReport(db, admin, period, NOW))?.mentorConfirmsPasses).toBe(true);
    await db.mission.update({ where: { id: mission.id }, data: { title: "Renamed" } });
    expect(rowOf(await agreementReport(db, admin, period, NOW))?.missionTitle).toBe("Renamed");
  });

  it("lists the attempts behind a figure a page at a time, newest first, without skipping or repeating one", async () => {
    const db = getDb();
    const admin = await createUser({ role: "ADMIN" });
    const mission = await createMission();
    const same = { evidence: 1, analysis: 1, communication: 1 };
    const base = Date.parse("2025-06-01T00:00:00Z");
    // One more than a page, two of them decided at the same instant (the page boundary must not split or repeat them).
    const decided = Array.from({ length: ATTEMPTS_PER_PAGE + 1 }, (_, index) => new Date(base + Math.min(index, ATTEMPTS_PER_PAGE - 1) * 60_000));
    const reviews = [];
    for (const at of decided) reviews.push(await reviewedByBoth(mission.id, same, same, { ai: true, mentor: true }, at));
    const period = { missionId: mission.id, from: "2025-06-01", to: "2025-06-30" };

    const first = await agreementAttempts(db, admin, period, NOW);
    expect(first.attempts).toHaveLength(ATTEMPTS_PER_PAGE);
    expect(first.olderBefore).toBe(first.attempts.at(-1)!.mentorReviewId);
    const times = first.attempts.map((row) => row.reviewedAt);
    expect(times).toEqual([...times].sort().reverse());
    const second = await agreementAttempts(db, admin, { ...period, before: first.olderBefore! }, NOW);
    expect(second.attempts).toHaveLength(1);
    expect(second.olderBefore).toBeNull();
    const listed = [...first.attempts, ...second.attempts].map((row) => row.mentorReviewId);
    expect(new Set(listed)).toEqual(new Set(reviews.map((review) => review.id)));
  });

  it("covers the last 90 days by default", () => {
    expect(periodOf({}, NOW)).toMatchObject({ from: "2026-08-23", to: "2026-11-20" });
    expect(periodOf({}, NOW).end.toISOString()).toBe("2026-11-21T00:00:00.000Z");
  });

  it("is for admins only, and the per-mission setting changes whether a pass waits for a mentor", async () => {
    const db = getDb();
    const mission = await createMission();
    for (const role of ["STUDENT", "MENTOR"] as const) {
      const user = await createUser({ role });
      await expect(agreementReport(db, user, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(setMentorConfirmsPasses(db, user, { missionId: mission.id, mentorConfirmsPasses: true })).rejects.toBeInstanceOf(AppError);
    }
    const admin = await createUser({ role: "ADMIN" });
    await setMentorConfirmsPasses(db, admin, { missionId: mission.id, mentorConfirmsPasses: true });
    expect((await db.mission.findUniqueOrThrow({ where: { id: mission.id } })).mentorConfirmsPasses).toBe(true);
    await expect(setMentorConfirmsPasses(db, admin, { missionId: "no-such-mission", mentorConfirmsPasses: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
