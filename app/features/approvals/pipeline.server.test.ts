import pg from "pg";
import { describe, expect, it } from "vitest";
import { foldSkillSignals } from "~/domain/skill-signals";
import { publishPortfolioItem } from "~/features/portfolio/publish.server";
import { recomputeSkillSignals } from "~/features/skills/fold.server";
import { approvedEvidenceRows } from "~/features/skills/queries.server";
import { seedApprovedAttempts } from "~/testing/approvals";
import { queuedJobs } from "~/testing/jobs";
import { reviewedAttempt } from "~/testing/mentoring";
import { startWorkerProcess, until, type WorkerProcess } from "~/testing/worker-process";
import { getDb } from "~/utils/db.server";

const SKILLS = [{ key: "packet-analysis", weight: 1 }];

async function storedSignals(userId: string) {
  const rows = await getDb().skillSignal.findMany({
    where: { userId },
    orderBy: { skillId: "asc" },
    select: { skillId: true, mastery: true, level: true, confidence: true, evidenceCount: true, lastEvidenceAt: true },
  });
  return rows;
}

async function pipelineJobsLeft(): Promise<number> {
  return (await queuedJobs("publish-portfolio")).length + (await queuedJobs("update-skill-signals")).length;
}

describe("what an approval earns", () => {
  it("is queued with the approval and takes effect once however often, and however concurrently, its jobs run", async () => {
    const { db, student, submission } = await reviewedAttempt({ passed: true, skills: SKILLS });
    const queued = [...(await queuedJobs("publish-portfolio")), ...(await queuedJobs("update-skill-signals"))];
    expect(queued.map((job) => job.key).sort()).toEqual([`publish-portfolio:${submission.id}`, `update-skill-signals:${student.id}`]);

    expect(await publishPortfolioItem(db, submission.id)).toBe("published");
    expect(await publishPortfolioItem(db, submission.id)).toBe("updated");
    await Promise.all([publishPortfolioItem(db, submission.id), publishPortfolioItem(db, submission.id), publishPortfolioItem(db, submission.id)]);
    expect(await db.portfolioItem.findMany({ where: { submissionId: submission.id } })).toEqual([
      expect.objectContaining({
        userId: student.id,
        score: 91.7,
        reviewer: "test:scripted",
        mentorApproved: false,
        isPublic: false,
        skills: [{ key: "packet-analysis", name: "Skill packet-analysis", weight: 1 }],
      }),
    ]);
    expect(await db.notification.count({ where: { userId: student.id, kind: "mission-approved" } })).toBe(1);

    await recomputeSkillSignals(db, student.id);
    const once = await storedSignals(student.id);
    await Promise.all([recomputeSkillSignals(db, student.id), recomputeSkillSignals(db, student.id)]);
    expect(await storedSignals(student.id)).toEqual(once);
    expect(once).toHaveLength(1);
    // A Beginner mission scored 91.7 with the skill's whole weight: 0.5 × 1 × 0.7 × (91.7 × 0.55) (app/domain/skill-signals.ts).
    expect(once[0]).toMatchObject({ evidenceCount: 1, mastery: 17.7, level: "NOVICE", confidence: 0.15 });
    expect(await db.skillEvidence.count({ where: { userId: student.id } })).toBe(1);
  });

  it("keeps the student's choices when the job runs again", async () => {
    const { db, submission } = await reviewedAttempt({ passed: true, skills: SKILLS });
    await publishPortfolioItem(db, submission.id);
    const item = await db.portfolioItem.update({ where: { submissionId: submission.id }, data: { isPublic: true }, select: { evidenceFileIds: true } });
    await db.portfolioItem.update({ where: { submissionId: submission.id }, data: { publicFileIds: item.evidenceFileIds } });
    await publishPortfolioItem(db, submission.id);
    expect(await db.portfolioItem.findUniqueOrThrow({ where: { submissionId: submission.id } })).toMatchObject({ isPublic: true, publicFileIds: item.evidenceFileIds });
    expect(item.evidenceFileIds).toHaveLength(1);
  });

  it("survives a worker killed in the middle of a job: another worker releases it and finishes it once", async () => {
    const { db, submission } = await reviewedAttempt({ passed: true, skills: SKILLS });
    // Hold the attempt's row so the first worker's publish-portfolio job stops inside its transaction.
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query(`SELECT 1 FROM "Submission" WHERE "id" = $1 FOR UPDATE`, [submission.id]);
    const fast = { WORKER_HEARTBEAT_SECONDS: "1" };
    let first: WorkerProcess | undefined;
    let second: WorkerProcess | undefined;
    try {
      first = startWorkerProcess(fast);
      const locked = await until(async () => {
        const rows = await db.$queryRaw<
          { locked_by: string | null }[]
        >`SELECT j.locked_by FROM graphile_worker._private_jobs j WHERE j.key = ${`publish-portfolio:${submission.id}`}`;
        return rows[0]?.locked_by ?? null;
      }, 30_000);
      const { pid } = first.child;
      first.child.kill("SIGKILL");
      await first.exited;
      await blocker.query("ROLLBACK");
      expect(await db.portfolioItem.count({ where: { submissionId: submission.id } })).toBe(0);
      expect((await db.workerHeartbeat.findFirstOrThrow({ where: { pid } })).jobWorkerId).toBe(locked);

      second = startWorkerProcess(fast);
      await until(() => db.portfolioItem.findUnique({ where: { submissionId: submission.id } }), 30_000);
      await until(async () => (await queuedJobs("publish-portfolio")).length === 0, 30_000);
      expect(await db.portfolioItem.count({ where: { submissionId: submission.id } })).toBe(1);
      expect(await db.workerHeartbeat.count({ where: { pid } })).toBe(0);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${first?.output() ?? ""}\n${second?.output() ?? ""}`);
    } finally {
      await blocker.end().catch(() => {});
      first?.child.kill("SIGKILL");
      second?.child.kill("SIGTERM");
      await second?.exited;
    }
  }, 120_000);

  it("runs 1,000 approvals through two worker processes into exactly 1,000 portfolio items and the right signals", async () => {
    const db = getDb();
    const { submissionIds, userIds } = await seedApprovedAttempts(db, { students: 100, missions: 10 });
    expect(submissionIds).toHaveLength(1000);
    const workers = [startWorkerProcess({ WORKER_CONCURRENCY: "4" }), startWorkerProcess({ WORKER_CONCURRENCY: "4" })];
    try {
      await until(async () => (await pipelineJobsLeft()) === 0, 120_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${workers.map((worker) => worker.output()).join("\n")}`);
    } finally {
      for (const worker of workers) worker.child.kill("SIGTERM");
      await Promise.all(workers.map((worker) => worker.exited));
    }
    expect(await db.portfolioItem.count({ where: { submissionId: { in: submissionIds } } })).toBe(1000);
    // One row per approval and skill: the first mission exercises two skills, the nine others one.
    expect(await db.skillEvidence.count({ where: { submissionId: { in: submissionIds } } })).toBe(1100);
    for (const userId of userIds.slice(0, 10)) {
      const expected = foldSkillSignals(await approvedEvidenceRows(db, userId)).signals;
      expect(await storedSignals(userId)).toEqual(
        expected.map(({ skillId, mastery, level, confidence, evidenceCount, lastEvidenceAt }) => ({ skillId, mastery, level, confidence, evidenceCount, lastEvidenceAt })),
      );
    }
  }, 240_000);
});
