/**
 * The pipeline's health for admins: background jobs per task (with a retry for those out of
 * tries), AI reviews per day with their tokens and cost per provider, how long reviews take, the
 * mentors' load, and the reviews flagged for a person.
 */
import { assertRole } from "~/features/accounts/auth.server";
import type { PublicUser } from "~/features/accounts/service.server";
import { mentoringOverview } from "~/features/mentoring/admin.server";
import type { Db } from "~/utils/db.server";
import { parseOrThrow } from "~/utils/validation";
import { recordAudit } from "./audit.server";
import { retryJobsInput } from "./operations-schemas";
import { jobsOutOfTries, operationsFacts, retryJobsNow } from "./queries.server";
import { providerOf, reviewCost } from "./review-costs";

const DAY_MS = 24 * 60 * 60 * 1000;
export const REVIEW_DAYS = 30;
export const LATENCY_DAYS = 7;
const MENTORS_LISTED = 50;

/** The review job's task: retried from the failed reviews, which also puts the review back in the queue. */
const REVIEW_TASK = "ai-review";

const seconds = (value: number | null) => (value === null ? null : Math.round(value));

export async function operationsReport(db: Db, admin: PublicUser, now = new Date()) {
  assertRole(admin, "ADMIN");
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const reviewsSince = new Date(today - (REVIEW_DAYS - 1) * DAY_MS);
  const latencySince = new Date(now.getTime() - LATENCY_DAYS * DAY_MS);
  const [[facts], mentoring] = await Promise.all([operationsFacts(db, reviewsSince, latencySince), mentoringOverview(db, now)]);
  if (!facts) throw new Error("The operations statement returned no row.");
  const reviewsPerDay = facts.reviewsPerDay.map((row) => ({
    ...row,
    provider: providerOf(row.reviewer),
    costUsd: reviewCost(row.reviewer, row.inputTokens, row.outputTokens),
  }));
  const providers = new Map<string, { provider: string; reviews: number; inputTokens: number; outputTokens: number; costUsd: number | null }>();
  for (const row of reviewsPerDay) {
    const total = providers.get(row.provider) ?? { provider: row.provider, reviews: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
    total.reviews += row.reviews;
    total.inputTokens += row.inputTokens;
    total.outputTokens += row.outputTokens;
    // One model without a known price makes the provider's total unknown, not smaller.
    total.costUsd = total.costUsd === null || row.costUsd === null ? null : total.costUsd + row.costUsd;
    providers.set(row.provider, total);
  }
  const trackTitles = new Map(mentoring.tracks.map((track) => [track.id, track.title]));
  return {
    generatedAt: now.toISOString(),
    reviewsSince: reviewsSince.toISOString().slice(0, 10),
    latencySince: latencySince.toISOString(),
    jobs: facts.jobs,
    failedJobs: facts.failedJobs.map((job) => ({ ...job, retryable: job.task !== REVIEW_TASK })),
    reviewsPerDay,
    providers: [...providers.values()].sort((a, b) => b.reviews - a.reviews || a.provider.localeCompare(b.provider)),
    latency: {
      aiReview: { count: facts.aiLatency.count, medianSeconds: seconds(facts.aiLatency.median), p90Seconds: seconds(facts.aiLatency.p90) },
      mentorReview: { count: facts.mentorLatency.count, medianSeconds: seconds(facts.mentorLatency.median), p90Seconds: seconds(facts.mentorLatency.p90) },
    },
    // The busiest first; a long tail of idle mentors is counted, not listed.
    mentors: [...mentoring.mentors]
      .sort((a, b) => b.claims - a.claims || b.completedRecently - a.completedRecently || a.name.localeCompare(b.name))
      .slice(0, MENTORS_LISTED)
      .map((mentor) => ({
        id: mentor.id,
        name: mentor.name,
        email: mentor.email,
        held: mentor.claims,
        completedWeek: mentor.completedRecently,
        tracks: mentor.trackIds.map((id) => trackTitles.get(id) ?? id),
      })),
    mentorsNotListed: Math.max(0, mentoring.mentors.length - MENTORS_LISTED),
    reviewQueue: { open: mentoring.wait.open, oldestOpenSeconds: mentoring.wait.oldestOpenSeconds },
    flagged: facts.flagged.map(({ studentId, student, mentorReviewId, mentorStatus, ...row }) => ({
      ...row,
      student: { id: studentId, name: student },
      mentorReview: mentorReviewId && mentorStatus ? { id: mentorReviewId, status: mentorStatus } : null,
    })),
  };
}

export type OperationsReport = Awaited<ReturnType<typeof operationsReport>>;

/**
 * Puts jobs that are out of tries back in the queue now with a fresh set of tries, and writes it
 * to the audit log. Review jobs are left to the failed reviews' "try again", which resets the
 * review's own state with the job.
 */
export async function retryJobs(db: Db, admin: PublicUser, raw: unknown) {
  assertRole(admin, "ADMIN");
  const { jobIds } = parseOrThrow(retryJobsInput, raw);
  return await db.$transaction(async (tx) => {
    const [found] = await jobsOutOfTries(tx, jobIds, REVIEW_TASK);
    const rows = found?.jobs ?? [];
    if (rows.length === 0) return { retried: 0 };
    const [moved] = await retryJobsNow(
      tx,
      rows.map((row) => row.id),
    );
    await recordAudit(tx, {
      actorId: admin.id,
      action: "job.retry",
      target: { type: "Job", id: rows.map((row) => row.id).join(","), label: [...new Set(rows.map((row) => row.task))].join(", ") },
      before: { jobs: rows.map((row) => row.id), state: "out of tries" },
      after: { state: "queued" },
    });
    return { retried: moved?.retried ?? 0 };
  });
}
