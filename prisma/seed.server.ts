import type { Db } from "~/utils/db.server";
import type { Logger } from "~/server/logger.server";
import { hashPassword } from "~/features/accounts/password.server";
import type { PublicUser } from "~/features/accounts/service.server";
import { requestMentorReview } from "~/features/mentoring/service.server";
import { startMission } from "~/features/missions/service.server";
import { saveProgress } from "~/features/progress/service.server";
import { heuristicReviewer } from "~/features/reviews/heuristic-reviewer";
import { detectInjection } from "~/features/reviews/injection";
import { runAiReview } from "~/features/reviews/service.server";
import { buildSnapshot } from "~/features/submissions/snapshot";
import { applyContent } from "~/features/academy/content.server";
import { parseAcademy } from "~/features/academy/content-schemas";
import { demoAcademyDocuments, tracks } from "./demo-academy";

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
  const academy = demoAcademyDocuments();
  // The same path as `academy:import`: validated, planned, applied in one transaction (nothing when unchanged).
  await applyContent(db, parseAcademy(academy), { source: "import", authorId: null });
  const missionCount = academy.missions.length;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    const user = await db.user.upsert({
      where: { email: account.email },
      create: { email: account.email, name: account.name, handle: account.handle, role: account.role, profilerScore: account.profilerScore, passwordHash },
      update: { role: account.role },
      select: { id: true },
    });
    // A Free account has no subscription row: it has never bought anything.
    if (account.tier && account.tier !== "FREE") {
      await db.subscription.upsert({
        where: { userId: user.id },
        create: {
          userId: user.id,
          tier: account.tier,
          status: "active",
          stripeCustomerId: `cus_demo_${account.handle}`,
          stripeSubscriptionId: `sub_demo_${account.handle}`,
          currentPeriodEnd: new Date(Date.now() + 365 * 24 * 60 * 60 * 1000),
        },
        update: {},
      });
    }
  }
  await seedWaitingMentorRequest(db);
  log?.info({ tracks: tracks.length, missions: missionCount, accounts: DEMO_ACCOUNTS.length, ms: Date.now() - started }, "demo academy seeded");
  return { tracks: tracks.length, missions: missionCount, accounts: DEMO_ACCOUNTS.length };
}

/** The mission the demo Premium student has asked a mentor about. */
export const DEMO_MENTOR_REQUEST = {
  studentEmail: "premium@mxp.local",
  missionSlug: "off-scope-and-recon",
  reason: "My inventory lists every in-scope host and marks the pharmacy host as out of scope, which the review missed.",
} as const;

/**
 * A request waiting in the mentor queue, so the demo mentor has work: the demo Premium student's
 * first attempt of a mission, reviewed by the built-in reviewer (which asks for changes: the work
 * is thin), then disputed with a reason and one criterion. It goes through the services a student
 * uses; only the attempt is written directly (the mission asks for evidence files, which a seed has
 * no storage for). Once the student has started the mission, whatever happened since is theirs and
 * the seed leaves it alone.
 */
async function seedWaitingMentorRequest(db: Db): Promise<void> {
  const student = await db.user.findUniqueOrThrow({
    where: { email: DEMO_MENTOR_REQUEST.studentEmail },
    select: { id: true, email: true, name: true, handle: true, role: true, profilerScore: true },
  });
  const mission = await db.mission.findUniqueOrThrow({
    where: { slug: DEMO_MENTOR_REQUEST.missionSlug },
    select: {
      id: true,
      title: true,
      subtasks: { orderBy: { position: "asc" }, select: { id: true, title: true } },
      rubric: { orderBy: { position: "asc" }, select: { key: true } },
    },
  });
  if (await db.missionProgress.findUnique({ where: { userId_missionId: { userId: student.id, missionId: mission.id } }, select: { id: true } })) return;

  const user: PublicUser = student;
  const { progress } = await startMission(db, user, mission.id);
  const subtasks = Object.fromEntries(mission.subtasks.map((subtask) => [subtask.id, { notes: `${subtask.title}: done, see my inventory.`, completed: true }]));
  const saved = await saveProgress(db, user, progress.id, { version: progress.version, subtasks });
  const reflection = "I kept to the rules of engagement and listed what I found. Next time I will write down where each name came from.";
  const submission = await db.$transaction(async (tx) => {
    const created = await tx.submission.create({
      data: {
        progressId: progress.id,
        attempt: 1,
        reflection,
        snapshot: buildSnapshot({ attempt: 1, missionTitle: mission.title, version: saved.version, subtasks: saved.subtasks, files: [], reflection }),
        aiReview: { create: { status: "PENDING" } },
      },
      select: { id: true },
    });
    await tx.missionProgress.update({ where: { id: progress.id }, data: { status: "SUBMITTED", currentAttempt: 1, submittedAt: new Date(), version: { increment: 1 } } });
    return created;
  });
  await runAiReview(db, submission.id, { attempt: 1, maxAttempts: 1 }, { reviewer: heuristicReviewer, detectInjection });
  await requestMentorReview(db, user, progress.id, { reason: DEMO_MENTOR_REQUEST.reason, disputedCriteria: [mission.rubric[0]!.key] });
}

/** At boot: the demo academy goes into a database that has no users yet, and nowhere else. */
export async function seedDemoAcademyIfEmpty(db: Db, log?: Logger): Promise<boolean> {
  const anyUser = await db.user.findFirst({ select: { id: true } });
  if (anyUser) return false;
  await seedDemoAcademy(db, log);
  return true;
}
