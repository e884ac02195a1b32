import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { verifyPassword } from "~/features/accounts/password.server";
import { getTier } from "~/features/billing/service.server";
import { mentorQueue } from "~/features/mentoring/service.server";
import { DEMO_ACCOUNTS, DEMO_MENTOR_REQUEST, DEMO_PASSWORD, seedDemoAcademy, seedDemoAcademyIfEmpty } from "./seed.server";

async function counts() {
  const db = getDb();
  return {
    tracks: await db.track.count(),
    missions: await db.mission.count(),
    subtasks: await db.subtask.count(),
    criteria: await db.rubricCriterion.count(),
    recipes: await db.recipe.count(),
    skills: await db.skill.count(),
    prerequisites: await db.missionPrerequisite.count(),
    users: await db.user.count(),
    subscriptions: await db.subscription.count(),
    submissions: await db.submission.count(),
    mentorReviews: await db.mentorReview.count(),
  };
}

describe("demo academy seed", () => {
  it("writes three tracks of real missions and the five accounts, idempotently", async () => {
    expect(await seedDemoAcademyIfEmpty(getDb())).toBe(true);
    const first = await counts();
    expect(first.tracks).toBeGreaterThanOrEqual(3);
    expect(first.missions).toBeGreaterThanOrEqual(15);
    expect(first.users).toBe(5);

    await seedDemoAcademy(getDb());
    expect(await counts()).toEqual(first);
    // the boot-time seed leaves a database with users alone
    expect(await seedDemoAcademyIfEmpty(getDb())).toBe(false);
  });

  it("gives every demo account the documented password, role and tier", async () => {
    await seedDemoAcademy(getDb());
    for (const account of DEMO_ACCOUNTS) {
      const user = await getDb().user.findUniqueOrThrow({ where: { email: account.email }, include: { subscription: true } });
      expect(user.role).toBe(account.role);
      expect(await verifyPassword(user.passwordHash, DEMO_PASSWORD)).toBe(true);
      // A Free account has bought nothing, so it has no subscription; its tier in force is Free.
      expect(user.subscription?.tier ?? null).toBe(account.tier === "FREE" ? null : account.tier);
      expect(await getTier(getDb(), user.id)).toBe(account.tier ?? "FREE");
    }
  });

  it("covers every difficulty and tier, with capstones and prerequisites", async () => {
    await seedDemoAcademy(getDb());
    const missions = await getDb().mission.findMany({ include: { subtasks: true, rubric: true, prerequisites: true, skills: true } });
    expect(new Set(missions.map((m) => m.difficulty)).size).toBe(5);
    expect(new Set(missions.map((m) => m.tierRequired)).size).toBe(3);
    expect(missions.some((m) => m.isCapstone)).toBe(true);
    expect(missions.some((m) => m.prerequisites.length > 0)).toBe(true);
    for (const mission of missions) {
      expect(mission.subtasks.length).toBeGreaterThanOrEqual(3);
      expect(mission.subtasks.length).toBeLessThanOrEqual(6);
      expect(mission.rubric.length).toBeGreaterThanOrEqual(3);
      expect(mission.rubric.length).toBeLessThanOrEqual(5);
      expect(mission.skills.length).toBeGreaterThan(0);
    }
  });

  it("leaves the demo mentor a disputed request of the demo Premium student in the queue, once", async () => {
    await seedDemoAcademy(getDb());
    await seedDemoAcademy(getDb());
    const mentor = await getDb().user.findUniqueOrThrow({ where: { email: "mentor@mxp.local" } });
    const queue = await mentorQueue(getDb(), mentor, {});
    const seeded = queue.items.filter((item) => item.studentName === "Priya Premium");
    expect(seeded).toHaveLength(1);
    const mission = await getDb().mission.findUniqueOrThrow({ where: { slug: DEMO_MENTOR_REQUEST.missionSlug }, include: { rubric: { orderBy: { position: "asc" } } } });
    expect(seeded[0]).toMatchObject({ missionTitle: mission.title, attempt: 1, isRegrade: true, reason: DEMO_MENTOR_REQUEST.reason, disputedCriteria: [mission.rubric[0]!.key] });
    expect((await mentorQueue(getDb(), mentor, { regrade: "yes" })).items.map((item) => item.id)).toContain(seeded[0]!.id);

    // The attempt was reviewed by the built-in reviewer, which asked for changes, and now waits for a mentor.
    const progress = await getDb().missionProgress.findFirstOrThrow({
      where: { missionId: mission.id, user: { email: DEMO_MENTOR_REQUEST.studentEmail } },
      include: { submissions: { include: { aiReview: true, mentorReview: true } } },
    });
    expect(progress.status).toBe("MENTOR_REVIEW_REQUESTED");
    expect(progress.submissions).toHaveLength(1);
    expect(progress.submissions[0]!.aiReview).toMatchObject({ status: "COMPLETED", reviewer: "heuristic", passed: false });
    expect(progress.submissions[0]!.mentorReview).toMatchObject({ status: "REQUESTED", id: seeded[0]!.id });
  });

  it("never runs in production", async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await expect(seedDemoAcademy(getDb())).rejects.toThrow(/never seeded in production/);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
