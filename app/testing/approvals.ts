import crypto from "node:crypto";
import { approveSubmissionIn } from "~/features/approvals/service.server";
import type { Db } from "~/utils/db.server";
import { createMission } from "./missions";

/**
 * `count` approved attempts, made in bulk (students × missions, one attempt each) and approved
 * the way a review approves them: each in its own transaction that queues the portfolio and
 * skill-signal jobs. For the approval pipeline's test and benchmark.
 */
export async function seedApprovedAttempts(db: Db, options: { students: number; missions: number; approveConcurrency?: number }) {
  const suffix = crypto.randomBytes(3).toString("hex");
  const first = await createMission({
    difficulty: "INTERMEDIATE",
    skills: [
      { key: `recon-${suffix}`, weight: 1 },
      { key: `web-${suffix}`, weight: 0.5 },
    ],
  });
  const missions = [first];
  for (let i = 1; i < options.missions; i++) {
    missions.push(
      await createMission({
        trackId: first.trackId,
        difficulty: (["BEGINNER", "INTERMEDIATE", "ADVANCED"] as const)[i % 3],
        skills: [{ key: i % 2 ? `recon-${suffix}` : `web-${suffix}`, weight: 0.5 + (i % 5) / 10 }],
      }),
    );
  }
  const users = Array.from({ length: options.students }, (_, i) => ({
    id: `approvals-${suffix}-${i}`,
    email: `approvals-${suffix}-${i}@example.test`,
    handle: `approvals-${suffix}-${i}`,
    name: `Student ${i}`,
    passwordHash: "unused",
  }));
  await db.user.createMany({ data: users });
  const progress = users.flatMap((user) =>
    missions.map((mission) => ({ id: `${user.id}-${mission.id}`, userId: user.id, missionId: mission.id, status: "APPROVED" as const, currentAttempt: 1, approvedAt: new Date() })),
  );
  await db.missionProgress.createMany({ data: progress });
  const reflection = "I mapped the exposed services first and tied every finding to the evidence I captured.";
  const submissions = progress.map((row, i) => ({
    id: `${row.id}-1`,
    progressId: row.id,
    attempt: 1,
    reflection,
    snapshot: { attempt: 1, missionTitle: "Seeded", version: 1, subtasks: {}, files: [], reflection },
    userId: row.userId,
    score: 70 + (i % 31),
  }));
  await db.submission.createMany({ data: submissions.map(({ userId: _userId, score: _score, ...submission }) => submission) });
  const approve = async (submission: (typeof submissions)[number], at: Date) =>
    db.$transaction((tx) =>
      approveSubmissionIn(tx, { submissionId: submission.id, userId: submission.userId, score: submission.score, approvedBy: "heuristic", mentorApproved: false, at }),
    );
  const started = performance.now();
  const concurrency = options.approveConcurrency ?? 8;
  for (let i = 0; i < submissions.length; i += concurrency) {
    await Promise.all(submissions.slice(i, i + concurrency).map((submission, j) => approve(submission, new Date(Date.UTC(2026, 10, 1) + (i + j) * 60_000))));
  }
  return { submissionIds: submissions.map((submission) => submission.id), userIds: users.map((user) => user.id), approveMs: performance.now() - started };
}
