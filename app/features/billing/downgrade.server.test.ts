import { describe, expect, it } from "vitest";
import { getMissionDashboard, getMissionDetail, startMission } from "~/features/missions/service.server";
import { getProgress, saveProgress } from "~/features/progress/service.server";
import { appErrorFrom } from "~/testing/errors";
import { createUser } from "~/testing/factories";
import { createMission } from "~/testing/missions";
import { submittedAttempt } from "~/testing/reviews";
import { getDb } from "~/utils/db.server";
import { getTier } from "./service.server";

describe("a Premium student who falls to Free", () => {
  it("keeps every started mission open and editable and every submission; only new starts and Premium actions are limited", async () => {
    const db = getDb();
    const student = await createUser({ tier: "PREMIUM" });
    const capstone = await createMission({ tierRequired: "PREMIUM", isCapstone: true });
    const premiumMission = await createMission({ tierRequired: "PREMIUM" });
    const { progress: started } = await startMission(db, student, capstone.id);
    const { progress: secondStart } = await startMission(db, student, premiumMission.id);
    const { submission, mission: submittedMission } = await submittedAttempt({ student, tierRequired: "PREMIUM" });

    // The subscription is cancelled and its paid period is over.
    await db.subscription.update({ where: { userId: student.id }, data: { status: "canceled", currentPeriodEnd: new Date(Date.now() - 60_000) } });
    expect(await getTier(db, student.id)).toBe("FREE");

    // Started missions stay open, unlocked, and their work can still be saved.
    const detail = await getMissionDetail(db, student, capstone.id);
    expect(detail.quota.tier).toBe("FREE");
    expect(detail.locks).toEqual([]);
    expect(detail.progress?.id).toBe(started.id);
    const [firstStep] = capstone.subtasks;
    const saved = await saveProgress(db, student, started.id, { version: started.version, subtasks: { [firstStep!.id]: { notes: "still mine", completed: true } } });
    expect(saved.subtasks[firstStep!.id]).toMatchObject({ notes: "still mine", completed: true });
    expect((await getProgress(db, student, secondStart.id)).status).toBe("IN_PROGRESS");

    // Submitted work and its mission stay where they were.
    expect(await db.submission.findUnique({ where: { id: submission.id }, select: { id: true } })).not.toBeNull();
    const dashboard = await getMissionDashboard(db, student, {});
    const open = [...dashboard.inProgress, ...dashboard.completed].map((card) => card.id);
    for (const missionId of [capstone.id, premiumMission.id, submittedMission.id]) {
      expect(await db.missionProgress.count({ where: { userId: student.id, missionId } })).toBe(1);
    }
    expect(open).toEqual(expect.arrayContaining([capstone.id, premiumMission.id]));

    // A new Premium mission is locked by the plan; a Free one by this month's starts made on Premium.
    await appErrorFrom(startMission(db, student, (await createMission({ tierRequired: "PREMIUM" })).id), "TIER_REQUIRED");
    await appErrorFrom(startMission(db, student, (await createMission()).id), "QUOTA_EXCEEDED");
  });
});
