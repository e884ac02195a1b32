import type { Db } from "~/utils/db.server";
import type { Logger } from "~/server/logger.server";
import { hashPassword } from "~/features/accounts/password.server";
import { skills, tracks } from "./demo-academy";

export const DEMO_PASSWORD = "mxp-dev-password";

export const DEMO_ACCOUNTS = [
  { email: "student@mxp.local", name: "Sam Student", handle: "sam", role: "STUDENT", tier: "FREE", profilerScore: 15 },
  { email: "starter@mxp.local", name: "Stella Starter", handle: "stella", role: "STUDENT", tier: "STARTER", profilerScore: 35 },
  { email: "premium@mxp.local", name: "Priya Premium", handle: "priya", role: "STUDENT", tier: "PREMIUM", profilerScore: 55 },
  { email: "mentor@mxp.local", name: "Marcus Mentor", handle: "marcus", role: "MENTOR", tier: null, profilerScore: null },
  { email: "admin@mxp.local", name: "Ada Admin", handle: "ada", role: "ADMIN", tier: null, profilerScore: null },
] as const;

/**
 * Writes the demo academy and the five development accounts. Idempotent: curriculum rows are
 * matched by slug/key/position and updated in place, accounts are created once and never have
 * their passwords reset. Refuses to run in production.
 */
export async function seedDemoAcademy(db: Db, log?: Logger): Promise<{ tracks: number; missions: number; accounts: number }> {
  if (process.env.NODE_ENV === "production") throw new Error("The demo academy is never seeded in production.");
  const started = Date.now();
  const skillIds = new Map<string, string>();
  for (const skill of skills) {
    const row = await db.skill.upsert({
      where: { key: skill.key },
      create: { key: skill.key, name: skill.name, category: skill.category, description: skill.description },
      update: { name: skill.name, category: skill.category, description: skill.description },
      select: { id: true },
    });
    skillIds.set(skill.key, row.id);
  }
  const skillId = (key: string) => {
    const id = skillIds.get(key);
    if (!id) throw new Error(`The demo academy names an unknown skill: ${key}`);
    return id;
  };

  const missionIds = new Map<string, string>();
  let missionCount = 0;
  for (const [trackIndex, track] of tracks.entries()) {
    const trackRow = await db.track.upsert({
      where: { slug: track.slug },
      create: { slug: track.slug, title: track.title, summary: track.summary, description: track.description, position: trackIndex + 1 },
      update: { title: track.title, summary: track.summary, description: track.description, position: trackIndex + 1 },
      select: { id: true },
    });
    for (const [missionIndex, mission] of track.missions.entries()) {
      missionCount += 1;
      const fields = {
        trackId: trackRow.id,
        position: missionIndex + 1,
        title: mission.title,
        summary: mission.summary,
        story: mission.story,
        objectives: mission.objectives,
        successCriteria: mission.successCriteria,
        difficulty: mission.difficulty,
        tierRequired: mission.tierRequired,
        isCapstone: mission.isCapstone,
        estimatedMinutes: mission.estimatedMinutes,
        passThreshold: mission.passThreshold ?? 70,
        published: true,
      };
      const missionRow = await db.mission.upsert({
        where: { slug: mission.slug },
        create: { slug: mission.slug, ...fields },
        update: fields,
        select: { id: true },
      });
      const missionId = missionRow.id;
      missionIds.set(mission.slug, missionId);
      await db.$transaction(async (tx) => {
        for (const [position, subtask] of mission.subtasks.entries()) {
          const data = { title: subtask.title, instructions: subtask.instructions, evidenceRequired: subtask.evidenceRequired, evidenceKinds: subtask.evidenceKinds };
          await tx.subtask.upsert({
            where: { missionId_position: { missionId, position: position + 1 } },
            create: { missionId, position: position + 1, ...data },
            update: data,
          });
        }
        // Subtasks a student already attached evidence to are kept; only unused extras go.
        await tx.subtask.deleteMany({ where: { missionId, position: { gt: mission.subtasks.length }, files: { none: {} } } });
        for (const [position, criterion] of mission.rubric.entries()) {
          const data = {
            position: position + 1,
            title: criterion.title,
            description: criterion.description,
            weight: criterion.weight,
            maxScore: criterion.maxScore,
            levels: criterion.levels as unknown as object,
          };
          await tx.rubricCriterion.upsert({
            where: { missionId_key: { missionId, key: criterion.key } },
            create: { missionId, key: criterion.key, ...data },
            update: data,
          });
        }
        await tx.rubricCriterion.deleteMany({ where: { missionId, key: { notIn: mission.rubric.map((criterion) => criterion.key) } } });
        await tx.recipe.deleteMany({ where: { missionId } });
        await tx.recipe.createMany({
          data: mission.recipes.map((recipe, position) => ({
            missionId,
            position: position + 1,
            title: recipe.title,
            skillId: skillId(recipe.skill),
            minutes: recipe.minutes,
            url: recipe.url,
          })),
        });
        await tx.missionSkill.deleteMany({ where: { missionId } });
        await tx.missionSkill.createMany({ data: mission.skills.map((entry) => ({ missionId, skillId: skillId(entry.skill), weight: entry.weight })) });
      });
    }
  }
  // Prerequisites last: they may point at missions of a later track.
  for (const track of tracks) {
    for (const mission of track.missions) {
      const missionId = missionIds.get(mission.slug)!;
      await db.missionPrerequisite.deleteMany({ where: { missionId } });
      if (mission.prerequisites.length > 0) {
        await db.missionPrerequisite.createMany({
          data: mission.prerequisites.map((slug) => {
            const requiredMissionId = missionIds.get(slug);
            if (!requiredMissionId) throw new Error(`${mission.slug} requires an unknown mission: ${slug}`);
            return { missionId, requiredMissionId };
          }),
        });
      }
    }
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    const user = await db.user.upsert({
      where: { email: account.email },
      create: { email: account.email, name: account.name, handle: account.handle, role: account.role, profilerScore: account.profilerScore, passwordHash },
      update: { role: account.role },
      select: { id: true },
    });
    if (account.tier) {
      const paid = account.tier !== "FREE";
      await db.subscription.upsert({
        where: { userId: user.id },
        create: {
          userId: user.id,
          tier: account.tier,
          status: "active",
          stripeCustomerId: paid ? `cus_demo_${account.handle}` : null,
          stripeSubscriptionId: paid ? `sub_demo_${account.handle}` : null,
          currentPeriodEnd: paid ? new Date(Date.now() + 365 * 24 * 60 * 60 * 1000) : null,
        },
        update: {},
      });
    }
  }
  log?.info({ tracks: tracks.length, missions: missionCount, accounts: DEMO_ACCOUNTS.length, ms: Date.now() - started }, "demo academy seeded");
  return { tracks: tracks.length, missions: missionCount, accounts: DEMO_ACCOUNTS.length };
}

/** At boot: the demo academy goes into a database that has no users yet, and nowhere else. */
export async function seedDemoAcademyIfEmpty(db: Db, log?: Logger): Promise<boolean> {
  const anyUser = await db.user.findFirst({ select: { id: true } });
  if (anyUser) return false;
  await seedDemoAcademy(db, log);
  return true;
}
