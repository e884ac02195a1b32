import { $Enums } from "@prisma/client";
import { z } from "zod";
import { defineQuery, sqlInteger, sqlJson, sqlTimestamp } from "~/utils/sql.server";

/** The channel the review pipeline announces changes on; every web process LISTENs to it. */
export const REVIEW_CHANNEL = "mxp_review_changes";

/**
 * Tells every listening web process that a progress record's review changed. In a transaction,
 * PostgreSQL delivers it at commit (and not at all on rollback), so a listener that reads on
 * notice sees the change.
 */
export const publishReviewChange = defineQuery({
  name: "mxp.publish-review-change",
  text: `SELECT 1 AS "sent" FROM pg_notify('${REVIEW_CHANNEL}', $1::text)`,
  values: (progressId: string) => [progressId],
  row: z.object({ sent: z.literal(1) }),
});

const attemptReviewRow = z.object({
  submissionId: z.string(),
  attempt: sqlInteger,
  status: z.enum($Enums.ReviewStatus).nullable(),
  reviewer: z.string().nullable(),
  scores: sqlJson.nullable(),
  total: z.number().nullable(),
  passed: z.boolean().nullable(),
  summary: z.string().nullable(),
  flags: sqlJson.nullable(),
  retryAt: sqlTimestamp.nullable(),
  completedAt: sqlTimestamp.nullable(),
  rubricVersion: sqlInteger.nullable(),
  rubricHash: z.string().nullable(),
  passThreshold: sqlJson.nullable(),
  mentorStatus: z.enum($Enums.MentorReviewStatus).nullable(),
  mentorReason: z.string().nullable(),
  mentorDisputed: z.array(z.string()).nullable(),
  mentorRequestedAt: sqlTimestamp.nullable(),
  mentorClaimExpiresAt: sqlTimestamp.nullable(),
  mentorDecision: z.enum($Enums.ReviewDecision).nullable(),
  mentorTotal: z.number().nullable(),
  mentorComments: z.string().nullable(),
  mentorScores: sqlJson.nullable(),
  mentorCompletedAt: sqlTimestamp.nullable(),
});

/**
 * Every attempt of a student's progress record with its AI review and the rubric version it was
 * scored against, and its mentor review if one was asked for, newest attempt first; no rows for another student's record. One statement: the
 * mission page reads it on every visit once work has been submitted.
 */
export const attemptReviewRows = defineQuery({
  name: "mxp.attempt-reviews",
  text: `SELECT s."id" AS "submissionId", s."attempt", r."status", r."reviewer", r."scores", r."total", r."passed", r."summary", r."flags",
      r."retryAt", r."completedAt", v."version" AS "rubricVersion", v."contentHash" AS "rubricHash", v."content" -> 'passThreshold' AS "passThreshold",
      mr."status"::text AS "mentorStatus", mr."reason" AS "mentorReason", mr."disputedCriteria" AS "mentorDisputed", mr."requestedAt" AS "mentorRequestedAt",
      mr."claimExpiresAt" AS "mentorClaimExpiresAt", mr."decision"::text AS "mentorDecision", mr."total" AS "mentorTotal", mr."comments" AS "mentorComments",
      mr."scores" AS "mentorScores", mr."completedAt" AS "mentorCompletedAt"
    FROM "Submission" s
    JOIN "MissionProgress" p ON p."id" = s."progressId"
    LEFT JOIN "AiReview" r ON r."submissionId" = s."id"
    LEFT JOIN "RubricVersion" v ON v."id" = r."rubricVersionId"
    LEFT JOIN "MentorReview" mr ON mr."submissionId" = s."id"
    WHERE s."progressId" = $1 AND p."userId" = $2
    ORDER BY s."attempt" DESC`,
  values: (progressId: string, userId: string) => [progressId, userId],
  row: attemptReviewRow,
});
export type AttemptReviewRow = z.output<typeof attemptReviewRow>;

/** A mission's brief and rubric, as the review job reads them. */
const reviewMissionRow = z.object({
  id: z.string(),
  slug: z.string(),
  trackId: z.string(),
  title: z.string(),
  summary: z.string(),
  objectives: z.array(z.string()),
  successCriteria: z.array(z.string()),
  passThreshold: z.number().int(),
  isCapstone: z.boolean(),
  mentorConfirmsPasses: z.boolean(),
  subtasks: z.array(z.object({ id: z.string(), position: z.number().int(), title: z.string(), instructions: z.string(), evidenceRequired: z.boolean() })),
  rubric: z.array(z.object({ key: z.string(), title: z.string(), description: z.string(), weight: z.number(), maxScore: z.number().int(), levels: sqlJson })),
});

export type ReviewMissionRow = z.output<typeof reviewMissionRow>;

const claimedReviewRow = z.object({
  submissionId: z.string(),
  attempt: sqlInteger,
  reflection: z.string(),
  snapshot: sqlJson,
  /** The review's status before this claim. */
  reviewStatus: z.enum($Enums.ReviewStatus),
  /** The review's runs with this one; null when it was not claimed (already completed). */
  runs: sqlInteger.nullable(),
  progressId: z.string(),
  userId: z.string(),
  userEmail: z.string(),
  missionId: z.string(),
  /** The catalogue revision this row was read at (null: no revision row, nothing may be kept). */
  catalogueRevision: z.string().nullable(),
  /** Null when the caller said it holds this mission's brief at this catalogue revision. */
  mission: reviewMissionRow.nullable(),
  announced: sqlInteger,
});

/**
 * What the review job needs about one submission — the attempt, its owner, and the mission's
 * brief and rubric in order — and the claim of its review for this run (RUNNING, one more run
 * counted, announced on the review channel) unless the review is completed, in one statement: the
 * job's first round trip. No row: the submission is gone; `runs` null: the review is completed.
 * The brief is left out (null) when the caller holds it: its mission is among `knownMissionIds`,
 * read at `knownRevision`, and that is still the catalogue's revision. Every table the brief is
 * built from (Mission, Subtask, RubricCriterion) gives the catalogue a new revision when written
 * (migrations' `mxp_catalogue_changed` triggers): a table added to the brief needs one too.
 */
export const claimReviewContext = defineQuery({
  name: "mxp.claim-review-context",
  text: `WITH claimed AS (
      UPDATE "AiReview" SET "status" = 'RUNNING', "startedAt" = $2::timestamp, "attempts" = "attempts" + 1, "retryAt" = NULL, "error" = NULL
      WHERE "submissionId" = $1 AND "status" <> 'COMPLETED'
      RETURNING "submissionId", "attempts")
    SELECT s."id" AS "submissionId", s."attempt", s."reflection", s."snapshot", r."status" AS "reviewStatus", k."attempts" AS "runs",
      p."id" AS "progressId", p."userId", u."email" AS "userEmail", m."id" AS "missionId", cr."revision" AS "catalogueRevision",
      CASE WHEN cr."revision" = $3 AND m."id" = ANY($4::text[]) THEN NULL ELSE json_build_object(
        'id', m."id", 'slug', m."slug", 'trackId', m."trackId", 'title', m."title", 'summary', m."summary", 'objectives', m."objectives", 'successCriteria', m."successCriteria",
        'passThreshold', m."passThreshold", 'isCapstone', m."isCapstone", 'mentorConfirmsPasses', m."mentorConfirmsPasses",
        'subtasks', COALESCE((SELECT json_agg(json_build_object('id', t."id", 'position', t."position", 'title', t."title", 'instructions', t."instructions",
            'evidenceRequired', t."evidenceRequired") ORDER BY t."position") FROM "Subtask" t WHERE t."missionId" = m."id"), '[]'),
        'rubric', COALESCE((SELECT json_agg(json_build_object('key', c."key", 'title', c."title", 'description', c."description", 'weight', c."weight",
            'maxScore', c."maxScore", 'levels', c."levels") ORDER BY c."position") FROM "RubricCriterion" c WHERE c."missionId" = m."id"), '[]')
      ) END AS "mission",
      (SELECT count(*) FROM (SELECT pg_notify('${REVIEW_CHANNEL}', p."id") FROM claimed) AS n) AS "announced"
    FROM "Submission" s
    JOIN "AiReview" r ON r."submissionId" = s."id"
    JOIN "MissionProgress" p ON p."id" = s."progressId"
    JOIN "User" u ON u."id" = p."userId"
    JOIN "Mission" m ON m."id" = p."missionId"
    LEFT JOIN claimed k ON k."submissionId" = s."id"
    LEFT JOIN "CatalogueRevision" cr ON cr."id" = 1
    WHERE s."id" = $1`,
  values: (submissionId: string, at: Date, known: { revision: string | null; missionIds: readonly string[] }) => [submissionId, at, known.revision, known.missionIds],
  row: claimedReviewRow,
});

/**
 * Stores a completed review, moves its attempt on, announces the change and tells the student, in
 * one statement (the job's one write when the outcome needs no other effect, ADR 040):
 * - the review, only if it is not completed yet (another run may have finished first);
 * - the attempt, only if that review was written here and the attempt is still the current one
 *   and waiting for it;
 * - the "your review is ready" notice, only if the attempt moved (once per dedupe key), and its
 *   e-mail row, unless the student switched that kind of e-mail off: written as delivered when
 *   `deliveredBy` names the transport that needs nothing more (the development outbox), otherwise
 *   waiting for the job the caller queues for `emailId` in the same transaction.
 * `reviewed` 0 means another run stored the review.
 */
export const completeReview = defineQuery({
  name: "mxp.complete-review",
  text: `WITH reviewed AS (
      UPDATE "AiReview" SET "status" = 'COMPLETED', "reviewer" = $2, "rubricVersionId" = $3, "inputTokens" = $4::int, "outputTokens" = $5::int,
        "latencyMs" = $6::int, "flags" = $7::jsonb, "scores" = $8::jsonb, "total" = $9::float8, "passed" = $10::boolean, "summary" = $11,
        "error" = NULL, "retryAt" = NULL, "completedAt" = $12::timestamp
      WHERE "submissionId" = $1 AND "status" <> 'COMPLETED'
      RETURNING "submissionId"),
    moved AS (
      UPDATE "MissionProgress" SET "status" = $13::"ProgressStatus", "updatedAt" = $12::timestamp,
        "approvedAt" = CASE WHEN $13 = 'APPROVED' THEN $12::timestamp ELSE "approvedAt" END
      WHERE "id" = $14 AND "status" = 'SUBMITTED' AND "currentAttempt" = $15::int AND EXISTS (SELECT 1 FROM reviewed)
      RETURNING "id", "userId"),
    notice AS (
      INSERT INTO "Notification" ("id", "userId", "kind", "title", "body", "link", "dedupeKey", "createdAt")
      SELECT $16, moved."userId", $17, $18, $19, $20, $21, $12::timestamp FROM moved
      ON CONFLICT DO NOTHING
      RETURNING "userId"),
    email AS (
      INSERT INTO "EmailOutbox" ("id", "userId", "to", "subject", "text", "html", "dedupeKey", "createdAt", "status", "transport", "attempts", "lastAttemptAt", "sentAt")
      SELECT $22, notice."userId", $23, $18, $24, $25, 'email:' || $21, $12::timestamp,
        CASE WHEN $26::text IS NULL THEN 'PENDING' ELSE 'SENT' END::"EmailStatus", $26, CASE WHEN $26::text IS NULL THEN 0 ELSE 1 END,
        CASE WHEN $26::text IS NULL THEN NULL ELSE $12::timestamp END, CASE WHEN $26::text IS NULL THEN NULL ELSE $12::timestamp END
      FROM notice
      WHERE NOT EXISTS (SELECT 1 FROM "EmailPreference" WHERE "userId" = notice."userId" AND "kind" = $17 AND NOT "email")
      RETURNING "id")
    SELECT (SELECT count(*) FROM reviewed) AS "reviewed", (SELECT count(*) FROM moved) AS "moved", (SELECT count(*) FROM notice) AS "noticed",
      (SELECT "id" FROM email) AS "emailId",
      (SELECT count(*) FROM (SELECT pg_notify('${REVIEW_CHANNEL}', $14::text) WHERE EXISTS (SELECT 1 FROM reviewed)) AS n) AS "announced"`,
  values: (review: {
    submissionId: string;
    reviewer: string;
    rubricVersionId: string;
    inputTokens: number | null;
    outputTokens: number | null;
    latencyMs: number;
    flags: string;
    scores: string;
    total: number;
    passed: boolean;
    summary: string;
    completedAt: Date;
    nextStatus: string;
    progressId: string;
    attempt: number;
    notice: { id: string; kind: string; title: string; body: string; link: string; dedupeKey: string };
    email: { id: string; to: string; text: string; html: string; deliveredBy: string | null };
  }) => [
    review.submissionId,
    review.reviewer,
    review.rubricVersionId,
    review.inputTokens,
    review.outputTokens,
    review.latencyMs,
    review.flags,
    review.scores,
    review.total,
    review.passed,
    review.summary,
    review.completedAt,
    review.nextStatus,
    review.progressId,
    review.attempt,
    review.notice.id,
    review.notice.kind,
    review.notice.title,
    review.notice.body,
    review.notice.link,
    review.notice.dedupeKey,
    review.email.id,
    review.email.to,
    review.email.text,
    review.email.html,
    review.email.deliveredBy,
  ],
  row: z.object({ reviewed: sqlInteger, moved: sqlInteger, noticed: sqlInteger, emailId: z.string().nullable(), announced: sqlInteger }),
});

/**
 * In a transaction: holds a mission's rubric versions until it ends, so two reviews scoring the
 * same new rubric at once make one version between them.
 */
export const lockRubricVersions = defineQuery({
  name: "mxp.lock-rubric-versions",
  text: `SELECT true AS "locked" FROM pg_advisory_xact_lock(hashtext('rubric-version:' || $1::text))`,
  values: (missionId: string) => [missionId],
  row: z.object({ locked: z.literal(true) }),
});
