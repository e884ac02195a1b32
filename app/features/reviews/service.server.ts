import crypto from "node:crypto";
import { canonicalRubric, type Rubric, type RubricCriterion } from "~/domain/rubric";
import { statusAfterAiReview } from "~/domain/mission-progress";
import { evidenceStorageFor, readStream } from "~/adapters/storage/storage.server";
import { readSnapshot } from "~/features/submissions/snapshot";
import type { Db } from "~/utils/db.server";
import type { Logger } from "~/server/logger.server";
import { deliveredOnWrite, notificationEmail, queueEmailDelivery } from "~/features/notifications/service.server";
import { enqueueJob } from "#jobs/enqueue.server";
import { approveSubmissionIn } from "~/features/approvals/service.server";
import { notifyMentorsOfRequestIn } from "~/features/mentoring/notify.server";
import { requestMentorReviewOnce } from "~/features/mentoring/queries.server";
import { FLAG_EXPLANATIONS, type ReviewFlagCode } from "./flags";
import { reviewWork, type ReviewOutcome } from "./pipeline";
import { claimReviewContext, completeReview, lockRubricVersions, publishReviewChange, type ReviewMissionRow } from "./queries.server";
import { reviewerLabel } from "./reviewer-label";
import type { InjectionDetector, Reviewer } from "./reviewer";
import { MAX_EVIDENCE_TEXT_BYTES, type EvidenceSummary, type MissionBrief, type ReviewRequest, type StudentWork } from "./work";

export interface ReviewRun {
  /** This run's number (1 for the first) and how many graphile-worker allows. */
  attempt: number;
  maxAttempts: number;
}

export interface ReviewDependencies {
  reviewer: Reviewer;
  detectInjection: InjectionDetector;
  log?: Pick<Logger, "warn" | "error" | "info">;
  now?: () => Date;
}

export type ReviewJobResult = "completed" | "needs-human" | "already-reviewed" | "gone";

/**
 * The `ai-review` job: scores one submission, stores the review against the exact rubric it used
 * and moves the attempt on (PRODUCT.md, "A mission's life"). Safe to run twice, also at the same
 * time: the review row is written as COMPLETED once, and only the run that writes it moves the
 * attempt and tells the student. A reviewer that fails (timeout, provider down) marks the review
 * FAILED with when it will be tried again and throws, so graphile-worker retries it; after the
 * last try the failure stays and admins are told.
 */
export async function runAiReview(db: Db, submissionId: string, run: ReviewRun, dependencies: ReviewDependencies): Promise<ReviewJobResult> {
  const now = dependencies.now ?? (() => new Date());
  const claimed = await claimReview(db, submissionId, now());
  if (!claimed) return "gone";
  if (claimed.runs === null) return "already-reviewed";
  const context: ReviewContext = { ...claimed, runs: claimed.runs };

  const started = performance.now();
  try {
    const request = await buildReviewRequest(db, context);
    const outcome = await reviewWork(request, { reviewer: dependencies.reviewer, detectInjection: dependencies.detectInjection });
    const latencyMs = Math.round(performance.now() - started);
    const rubricVersionId = await ensureRubricVersion(db, context.missionId, context.rubric);
    return await storeOutcome(db, context, outcome, { rubricVersionId, latencyMs, completedAt: now() }, dependencies);
  } catch (error) {
    // Whatever failed (the reviewer, or storing its result), the review must not stay RUNNING.
    await recordFailure(db, context, run, error, now(), dependencies);
    throw error;
  }
}

/** What the job knows about the submission it reviews, and how many runs its review has had (with this one). */
type ReviewContext = NonNullable<Awaited<ReturnType<typeof claimReview>>> & { runs: number };

/** Claims the submission's review for this run and reads what the job needs about it, in one statement (see `claimReviewContext`). */
async function claimReview(db: Db, submissionId: string, at: Date) {
  const known = knownBriefs.get(db);
  const [row] = await claimReviewContext(db, submissionId, at, { revision: known?.revision ?? null, missionIds: known ? [...known.missions.keys()] : [] });
  if (!row) return null;
  const mission = row.mission ?? known?.missions.get(row.missionId);
  if (!mission) throw new Error("The review's claim left out a mission brief this process does not hold.");
  if (row.mission && row.catalogueRevision !== null) {
    // A new revision starts a new set. (Claims running at the same time may put an older set back:
    // that only costs a brief read again, since the claim itself checks the revision.)
    let current = knownBriefs.get(db);
    if (current?.revision !== row.catalogueRevision) knownBriefs.set(db, (current = { revision: row.catalogueRevision, missions: new Map() }));
    current.missions.set(row.missionId, row.mission);
  }
  const rubric: Rubric = {
    passThreshold: mission.passThreshold,
    criteria: mission.rubric.map((criterion): RubricCriterion => ({ ...criterion, levels: readLevels(criterion.levels) })),
  };
  return {
    submissionId: row.submissionId,
    attempt: row.attempt,
    snapshot: readSnapshot(row.snapshot, { attempt: row.attempt, reflection: row.reflection }),
    runs: row.runs,
    progressId: row.progressId,
    userId: row.userId,
    userEmail: row.userEmail,
    missionId: mission.id,
    missionSlug: mission.slug,
    missionTitle: mission.title,
    isCapstone: mission.isCapstone,
    mentorConfirmsPasses: mission.mentorConfirmsPasses,
    rubric,
    mission,
  };
}

// Mission briefs change only when the catalogue does, and every review of a mission needs its
// brief: each process keeps the briefs it has read, per database client, with the catalogue
// revision they were read at, and the claim leaves out a brief held at the current revision.
const knownBriefs = new WeakMap<Db, { revision: string; missions: Map<string, ReviewMissionRow> }>();

/** A criterion's stored level descriptors, read leniently (a level without a description keeps an empty one). */
export function readLevels(raw: unknown): RubricCriterion["levels"] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((level: unknown) => {
    if (!level || typeof level !== "object") return [];
    const { score, label, description } = level as Record<string, unknown>;
    return typeof score === "number" && typeof label === "string" ? [{ score, label, description: typeof description === "string" ? description : "" }] : [];
  });
}

/** The brief and the work exactly as submitted: the snapshot's notes and files, and the text of small text evidence. */
async function buildReviewRequest(db: Db, context: ReviewContext): Promise<ReviewRequest> {
  const { mission, snapshot } = context;
  const brief: MissionBrief = {
    title: mission.title,
    summary: mission.summary,
    objectives: mission.objectives,
    successCriteria: mission.successCriteria,
    subtasks: mission.subtasks,
    rubric: context.rubric.criteria,
    passThreshold: mission.passThreshold,
    isCapstone: mission.isCapstone,
  };
  const texts = await readEvidenceTexts(
    db,
    snapshot.files.filter((file) => file.contentType === "text/plain" && file.sizeBytes <= MAX_EVIDENCE_TEXT_BYTES).map((file) => file.id),
  );
  const work: StudentWork = {
    attempt: snapshot.attempt,
    reflection: snapshot.reflection,
    subtasks: mission.subtasks.map((subtask) => ({
      position: subtask.position,
      title: subtask.title,
      completed: snapshot.subtasks[subtask.id]?.completed ?? false,
      notes: snapshot.subtasks[subtask.id]?.notes ?? "",
      evidence: snapshot.files
        .filter((file) => file.subtaskId === subtask.id)
        .map((file): EvidenceSummary => ({
          name: file.originalName,
          contentType: file.contentType,
          sizeBytes: file.sizeBytes,
          ...(texts.has(file.id) ? { text: texts.get(file.id) } : {}),
        })),
    })),
  };
  return { mission: brief, work };
}

/** The text of small text evidence, by file id; a file that cannot be read is described by its metadata only. */
async function readEvidenceTexts(db: Db, fileIds: string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (fileIds.length === 0) return texts;
  const files = await db.evidenceFile.findMany({ where: { id: { in: fileIds } }, select: { id: true, storage: true, storageKey: true } });
  for (const file of files) {
    try {
      const bytes = await readStream(await evidenceStorageFor(file.storage).get(file.storageKey), MAX_EVIDENCE_TEXT_BYTES);
      texts.set(file.id, bytes.toString("utf8"));
    } catch {
      // Deleted or unreachable: the reviewer still sees the file's name, type and size.
    }
  }
  return texts;
}

/**
 * The rubric version a score is stored against: the existing row for this exact content, or a
 * new one numbered after the mission's last. Versions of one mission are numbered under an
 * advisory lock, so two reviews of a changed rubric create one version, not two.
 */
export async function ensureRubricVersion(db: Db, missionId: string, rubric: Rubric): Promise<string> {
  const content = canonicalRubric(rubric);
  const contentHash = crypto.createHash("sha256").update(content).digest("hex");
  let known = knownVersions.get(db);
  if (!known) knownVersions.set(db, (known = new Map<string, string>()));
  const key = `${missionId}:${contentHash}`;
  const cached = known.get(key);
  if (cached) return cached;
  const existing = await db.rubricVersion.findUnique({ where: { missionId_contentHash: { missionId, contentHash } }, select: { id: true } });
  if (existing) {
    known.set(key, existing.id);
    return existing.id;
  }
  const id = await db.$transaction(async (tx) => {
    await lockRubricVersions(tx, missionId);
    const again = await tx.rubricVersion.findUnique({ where: { missionId_contentHash: { missionId, contentHash } }, select: { id: true } });
    if (again) return again.id;
    const last = await tx.rubricVersion.aggregate({ where: { missionId }, _max: { version: true } });
    const created = await tx.rubricVersion.create({
      data: { missionId, version: (last._max.version ?? 0) + 1, contentHash, content: JSON.parse(content) as object },
      select: { id: true },
    });
    return created.id;
  });
  known.set(key, id);
  return id;
}

// Versions never change once written (and a mission with attempts cannot be deleted), so each
// process remembers the ones it has seen, per database client, instead of looking them up per review.
const knownVersions = new WeakMap<Db, Map<string, string>>();

/** The hash `ensureRubricVersion` stores for a rubric (to tell whether a score was made against today's rubric). */
export function rubricContentHash(rubric: Rubric): string {
  return crypto.createHash("sha256").update(canonicalRubric(rubric)).digest("hex");
}

async function storeOutcome(
  db: Db,
  context: ReviewContext,
  outcome: ReviewOutcome,
  facts: { rubricVersionId: string; latencyMs: number; completedAt: Date },
  dependencies: ReviewDependencies,
): Promise<ReviewJobResult> {
  const common = {
    reviewer: outcome.reviewer,
    rubricVersionId: facts.rubricVersionId,
    inputTokens: outcome.usage.inputTokens,
    outputTokens: outcome.usage.outputTokens,
    latencyMs: facts.latencyMs,
    flags: outcome.flags.map((flag) => ({ ...flag })),
  };
  if (outcome.kind === "needs-human") {
    // Two answers that failed the checks: a person decides, the student is not left guessing.
    const error = `The reviewer's answer failed our checks twice: ${outcome.problems.join(" ")}`;
    await db.aiReview.updateMany({ where: { submissionId: context.submissionId, status: { not: "COMPLETED" } }, data: { ...common, status: "FAILED", error, retryAt: null } });
    await publishReviewChange(db, context.progressId);
    dependencies.log?.warn({ submissionId: context.submissionId, problems: outcome.problems }, "ai review needs a human");
    // The review is settled as FAILED: a notice that cannot be queued must not make the job ask the model again.
    await tellAdmins(db, context, error).catch((failure: unknown) => dependencies.log?.error({ err: failure, submissionId: context.submissionId }, "could not tell admins"));
    return "needs-human";
  }
  const next = statusAfterAiReview({ passed: outcome.passed, isCapstone: context.isCapstone, mentorConfirmsPasses: context.mentorConfirmsPasses });
  const notice = {
    id: crypto.randomUUID(),
    kind: "review-ready",
    title: "Your review is ready",
    body: reviewReadyText(context, outcome, next),
    link: `/dashboard/student/missions/${context.missionSlug}#review`,
    dedupeKey: `review-ready:${context.submissionId}`,
  };
  const deliveredBy = deliveredOnWrite();
  const review = {
    submissionId: context.submissionId,
    reviewer: outcome.reviewer,
    rubricVersionId: facts.rubricVersionId,
    inputTokens: outcome.usage.inputTokens,
    outputTokens: outcome.usage.outputTokens,
    latencyMs: facts.latencyMs,
    flags: JSON.stringify(outcome.flags),
    scores: JSON.stringify(outcome.criteria),
    total: outcome.total,
    passed: outcome.passed,
    summary: outcome.summary,
    completedAt: facts.completedAt,
    nextStatus: next,
    progressId: context.progressId,
    attempt: context.attempt,
    notice,
    email: { id: crypto.randomUUID(), to: context.userEmail, ...notificationEmail(notice), deliveredBy },
  };
  // The statement alone is the whole write when nothing else must commit with it: no approval
  // and no mentor request to record, and no send job for the e-mail (ADR 040).
  if (next === "CHANGES_REQUESTED" && deliveredBy !== null) {
    const [stored] = await completeReview(db, review);
    return !stored || stored.reviewed === 0 ? "already-reviewed" : "completed";
  }
  return await db.$transaction(async (tx) => {
    const [stored] = await completeReview(tx, review);
    if (!stored || stored.reviewed === 0) return "already-reviewed" as const;
    // The student moved past this attempt (a newer one, or a mentor took it): its verdict changes nothing, so no notice claims it does.
    if (stored.moved === 0) return "completed" as const;
    if (next === "APPROVED") {
      await approveSubmissionIn(tx, {
        submissionId: context.submissionId,
        userId: context.userId,
        score: outcome.total,
        approvedBy: outcome.reviewer,
        mentorApproved: false,
        at: facts.completedAt,
      });
    } else if (next === "MENTOR_REVIEW_REQUESTED") {
      const [request] = await requestMentorReviewOnce(tx, {
        id: crypto.randomUUID(),
        submissionId: context.submissionId,
        requestedById: context.userId,
        trackId: context.mission.trackId,
        isCapstone: context.isCapstone,
        requestedAt: facts.completedAt,
      });
      if (!request) throw new Error("The attempt's mentor request was neither written nor found.");
      await notifyMentorsOfRequestIn(tx, { reviewId: request.id, trackId: context.mission.trackId, missionTitle: context.missionTitle, attempt: context.attempt, regrade: false });
    }
    if (stored.emailId !== null && deliveredBy === null) await queueEmailDelivery(tx, stored.emailId);
    return "completed" as const;
  });
}

function reviewReadyText(context: ReviewContext, outcome: Extract<ReviewOutcome, { kind: "scored" }>, next: ReturnType<typeof statusAfterAiReview>): string {
  const head = `Attempt ${context.attempt} of “${context.missionTitle}” was scored ${outcome.total}/100 (${reviewerLabel(outcome.reviewer).label}).`;
  if (context.isCapstone) return `${head} As a capstone, it now goes to a mentor for the final decision.`;
  // Where the attempt went is statusAfterAiReview's answer; the text only says it.
  if (outcome.passed && next === "MENTOR_REVIEW_REQUESTED")
    return `${head} It passed; on this mission a mentor confirms every approval, so it now goes to a mentor for the final decision.`;
  if (outcome.passed) return `${head} It passed: the mission is approved.`;
  const blocking = outcome.flags.find((flag) => flag.blocking);
  if (blocking) return `${head} It was not approved: ${FLAG_EXPLANATIONS[blocking.code as ReviewFlagCode] ?? blocking.message}`;
  return `${head} It needs ${context.rubric.passThreshold} to pass: read the feedback, improve your work and submit again.`;
}

async function recordFailure(db: Db, context: ReviewContext, run: ReviewRun, error: unknown, at: Date, dependencies: ReviewDependencies): Promise<void> {
  const final = run.attempt >= run.maxAttempts;
  // graphile-worker waits about e^attempts seconds before the next try.
  const retryAt = final ? null : new Date(at.getTime() + Math.exp(Math.min(run.attempt, 10)) * 1000);
  const message = describeFailure(error);
  const { count } = await db.aiReview.updateMany({
    where: { submissionId: context.submissionId, status: { not: "COMPLETED" } },
    data: { status: "FAILED", error: message, retryAt },
  });
  // Stored by another run (or by this one before a later step failed): the review is done, nothing failed.
  if (count === 0) return;
  await publishReviewChange(db, context.progressId);
  dependencies.log?.warn({ submissionId: context.submissionId, attempt: run.attempt, final, err: error }, "ai review failed");
  if (final) await tellAdmins(db, context, message);
}

/** What an admin reads about a failure: the error's own message (never a stack), at a readable length. */
function describeFailure(error: unknown): string {
  const text = error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}` : String(error);
  return text.length > 500 ? `${text.slice(0, 497)}…` : text;
}

async function tellAdmins(db: Db, context: ReviewContext, problem: string): Promise<void> {
  const admins = await db.user.findMany({ where: { role: "ADMIN" }, select: { id: true } });
  for (const admin of admins) {
    await enqueueJob(db, "notify", {
      userId: admin.id,
      kind: "review-failed",
      title: "A review needs attention",
      body: `The review of attempt ${context.attempt} of “${context.missionTitle}” failed: ${problem}`,
      link: "/dashboard/admin/operations#failed-reviews",
      // Per run: after an admin's retry fails again, admins are told again.
      dedupeKey: `review-failed:${context.submissionId}:${context.runs}:${admin.id}`,
      email: true,
    });
  }
}
