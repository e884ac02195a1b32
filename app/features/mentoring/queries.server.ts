import { $Enums } from "@prisma/client";
import { z } from "zod";
import type { Queryable } from "~/utils/db.server";
import { defineQuery, sqlInteger, sqlTimestamp } from "~/utils/sql.server";

/**
 * Puts an attempt in the mentor queue once: the new request's id, or the one already waiting
 * for this attempt. The AI review's transaction writes it for capstones and passes a mentor
 * confirms (ADR 040: a typed statement, where the ORM's upsert took three round trips).
 */
export const requestMentorReviewOnce = defineQuery({
  name: "mxp.request-mentor-review-once",
  // DO UPDATE rather than DO NOTHING: it returns the waiting request's id too, also one written by
  // a transaction that committed while this one waited on it. It changes no column.
  text: `INSERT INTO "MentorReview" ("id", "submissionId", "requestedById", "trackId", "isCapstone", "isRegrade", "requestedAt")
    VALUES ($1, $2, $3, $4, $5::boolean, false, $6::timestamp)
    ON CONFLICT ("submissionId") DO UPDATE SET "submissionId" = EXCLUDED."submissionId"
    RETURNING "id"`,
  values: (request: { id: string; submissionId: string; requestedById: string; trackId: string; isCapstone: boolean; requestedAt: Date }) => [
    request.id,
    request.submissionId,
    request.requestedById,
    request.trackId,
    request.isCapstone,
    request.requestedAt,
  ],
  row: z.object({ id: z.string() }),
});

/** In a transaction: one mentor's claims change one request at a time, so parallel claims cannot pass the cap together. */
export const lockMentorClaims = defineQuery({
  name: "mxp.lock-mentor-claims",
  text: `SELECT 1 AS "locked" FROM pg_advisory_xact_lock(hashtextextended($1, 0))`,
  values: (mentorId: string) => [`mentor-claims:${mentorId}`],
  row: z.object({ locked: z.literal(1) }),
});

const reviewForUpdateRow = z.object({
  id: z.string(),
  status: z.enum($Enums.MentorReviewStatus),
  mentorId: z.string().nullable(),
  claimExpiresAt: sqlTimestamp.nullable(),
  submissionId: z.string(),
  attempt: sqlInteger,
  progressId: z.string(),
  progressStatus: z.enum($Enums.ProgressStatus),
  currentAttempt: sqlInteger,
  studentId: z.string(),
  studentEmail: z.string(),
  missionId: z.string(),
  missionSlug: z.string(),
  missionTitle: z.string(),
  trackId: z.string(),
  passThreshold: sqlInteger,
  heldByMentor: sqlInteger,
  mentorTrackIds: z.array(z.string()),
});
export type MentorReviewForUpdate = z.output<typeof reviewForUpdateRow>;

const reviewForUpdateSelect = `SELECT r."id", r."status"::text AS "status", r."mentorId", r."claimExpiresAt", s."id" AS "submissionId", s."attempt",
      p."id" AS "progressId", p."status"::text AS "progressStatus", p."currentAttempt", p."userId" AS "studentId", u."email" AS "studentEmail",
      m."id" AS "missionId", m."slug" AS "missionSlug", m."title" AS "missionTitle", m."trackId", m."passThreshold",
      (SELECT count(*) FROM "MentorReview" h WHERE h."mentorId" = $2 AND h."status" = 'CLAIMED' AND h."claimExpiresAt" > $3::timestamp AND h."id" <> r."id") AS "heldByMentor",
      ARRAY(SELECT mt."trackId" FROM "MentorTrack" mt WHERE mt."mentorId" = $2) AS "mentorTrackIds"
    FROM "MentorReview" r
    JOIN "Submission" s ON s."id" = r."submissionId"
    JOIN "MissionProgress" p ON p."id" = s."progressId"
    JOIN "User" u ON u."id" = p."userId"
    JOIN "Mission" m ON m."id" = p."missionId"`;

/** In a transaction: a mentor review, locked, with what deciding on it needs (its attempt, the mentor's other live claims and tracks). */
export const mentorReviewForUpdate = defineQuery({
  name: "mxp.mentor-review-for-update",
  text: `${reviewForUpdateSelect} WHERE r."id" = $1 FOR UPDATE OF r, p`,
  values: (reviewId: string, mentorId: string, now: Date) => [reviewId, mentorId, now],
  row: reviewForUpdateRow,
});

/** The same, found by the progress record: the mentor review of its latest attempt. */
export const latestMentorReviewForUpdate = defineQuery({
  name: "mxp.latest-mentor-review-for-update",
  text: `${reviewForUpdateSelect} WHERE p."id" = $1 AND s."attempt" = p."currentAttempt" FOR UPDATE OF r, p`,
  values: (progressId: string, mentorId: string, now: Date) => [progressId, mentorId, now],
  row: reviewForUpdateRow,
});

const queueRow = z.object({
  id: z.string(),
  requestedAt: sqlTimestamp,
  reason: z.string().nullable(),
  disputedCriteria: z.array(z.string()),
  attempt: sqlInteger,
  missionTitle: z.string(),
  isCapstone: z.boolean(),
  isRegrade: z.boolean(),
  trackSlug: z.string(),
  trackTitle: z.string(),
  studentName: z.string(),
  expiredClaim: z.boolean(),
});
export type MentorQueueRow = z.output<typeof queueRow>;

/** The queue's filters: a track by its slug, and capstones or regrade requests only (true), none of them (false), or either (null). */
export interface MentorQueueFilters {
  trackSlug: string | null;
  capstone: boolean | null;
  regrade: boolean | null;
}
type QueueShape = { track: boolean; capstone: boolean | null; regrade: boolean | null };
type QueueArgs = [mentorId: string, now: Date, filters: MentorQueueFilters];

/** The waiting requests one page shows. */
export const QUEUE_PAGE_SIZE = 25;
/** Beyond this many the page says "100+" instead of counting every waiting request (a count walks the rows it counts). */
export const QUEUE_COUNT_CAP = 100;

/** Every combination of the filters: each has its own statement. */
export const QUEUE_FILTER_SHAPES: readonly QueueShape[] = [false, true].flatMap((track) =>
  [null, true, false].flatMap((capstone) => [null, true, false].map((regrade) => ({ track, capstone, regrade }))),
);
const shapeKey = ({ track, capstone, regrade }: QueueShape) => `${track ? "track" : "any-track"}.${String(capstone)}.${String(regrade)}`;

// Open requests a mentor may take: nobody holds them (never claimed, or the claim ran out), in the
// mentor's tracks (every track for a mentor without assignments), through the filters. Each
// combination of filters is its own statement with the filters written out, never `$n IS NULL
// OR …`, and with its limit written in: PostgreSQL then keeps one plan per statement (with a
// parameter for the limit it guesses a tenth of the table and plans again on every render) and
// picks the open-request index that matches (by track, capstones, regrade requests, or all in
// request order) instead of walking every open request for a rare filter.
function waitingWhere(shape: QueueShape): string {
  const conditions = [
    `(r."status" = 'REQUESTED' OR (r."status" = 'CLAIMED' AND r."claimExpiresAt" <= $2::timestamp))`,
    `(NOT EXISTS (SELECT 1 FROM "MentorTrack" a WHERE a."mentorId" = $1) OR r."trackId" IN (SELECT a."trackId" FROM "MentorTrack" a WHERE a."mentorId" = $1))`,
  ];
  if (shape.track) conditions.push(`r."trackId" = (SELECT f."id" FROM "Track" f WHERE f."slug" = $3)`);
  if (shape.capstone !== null) conditions.push(shape.capstone ? `r."isCapstone"` : `NOT r."isCapstone"`);
  if (shape.regrade !== null) conditions.push(shape.regrade ? `r."isRegrade"` : `NOT r."isRegrade"`);
  return conditions.join("\n      AND ");
}
const queueValues = (shape: QueueShape) => (mentorId: string, now: Date, filters: MentorQueueFilters) => (shape.track ? [mentorId, now, filters.trackSlug ?? ""] : [mentorId, now]);

const claimRow = z.object({
  id: z.string(),
  requestedAt: sqlTimestamp,
  claimExpiresAt: sqlTimestamp,
  attempt: sqlInteger,
  missionTitle: z.string(),
  isCapstone: z.boolean(),
  studentName: z.string(),
});

// Everything the queue page shows is one statement and one row: the page of waiting requests,
// how many wait (stopped at one more than the cap), the reviews the mentor holds (the claim
// running out first at the top) and the tracks of the filter (every published track for a mentor
// without assignments). Each list is a JSON array of its rows, in its order.
const queueStatements = new Map(
  QUEUE_FILTER_SHAPES.map((shape) => [
    shapeKey(shape),
    defineQuery({
      name: `mxp.mentor-queue.${shapeKey(shape)}`,
      text: `SELECT
      COALESCE((SELECT json_agg(w ORDER BY w."requestedAt", w."id") FROM (
        SELECT r."id", r."requestedAt", r."reason", r."disputedCriteria", s."attempt", m."title" AS "missionTitle", r."isCapstone", r."isRegrade",
          t."slug" AS "trackSlug", t."title" AS "trackTitle", u."name" AS "studentName", (r."status" = 'CLAIMED') AS "expiredClaim"
        FROM "MentorReview" r
        JOIN "Submission" s ON s."id" = r."submissionId"
        JOIN "MissionProgress" p ON p."id" = s."progressId"
        JOIN "Mission" m ON m."id" = p."missionId"
        JOIN "Track" t ON t."id" = r."trackId"
        JOIN "User" u ON u."id" = p."userId"
        WHERE ${waitingWhere(shape)}
        ORDER BY r."requestedAt", r."id"
        LIMIT ${QUEUE_PAGE_SIZE}) AS w), '[]') AS "items",
      (SELECT count(*) FROM (SELECT 1 FROM "MentorReview" r
        WHERE ${waitingWhere(shape)}
        LIMIT ${QUEUE_COUNT_CAP + 1}) AS c) AS "waiting",
      COALESCE((SELECT json_agg(h ORDER BY h."claimExpiresAt", h."id") FROM (
        SELECT r."id", r."requestedAt", r."claimExpiresAt", s."attempt", m."title" AS "missionTitle", m."isCapstone", u."name" AS "studentName"
        FROM "MentorReview" r
        JOIN "Submission" s ON s."id" = r."submissionId"
        JOIN "MissionProgress" p ON p."id" = s."progressId"
        JOIN "Mission" m ON m."id" = p."missionId"
        JOIN "User" u ON u."id" = p."userId"
        WHERE r."mentorId" = $1 AND r."status" = 'CLAIMED' AND r."claimExpiresAt" > $2::timestamp) AS h), '[]') AS "claims",
      COALESCE((SELECT json_agg(json_build_object('slug', t."slug", 'title', t."title") ORDER BY t."position", t."slug") FROM "Track" t
        WHERE t."published" AND (NOT EXISTS (SELECT 1 FROM "MentorTrack" a WHERE a."mentorId" = $1) OR t."id" IN (SELECT a."trackId" FROM "MentorTrack" a WHERE a."mentorId" = $1))), '[]') AS "tracks"`,
      values: queueValues(shape),
      row: z.object({ items: z.array(queueRow), waiting: sqlInteger, claims: z.array(claimRow), tracks: z.array(z.object({ slug: z.string(), title: z.string() })) }),
    }),
  ]),
);

const shapeOf = (filters: MentorQueueFilters): QueueShape => ({ track: filters.trackSlug !== null, capstone: filters.capstone, regrade: filters.regrade });

/** The statement for one combination of filters (tests run each of them). */
export function mentorQueueStatement(shape: QueueShape) {
  return queueStatements.get(shapeKey(shape))!;
}

/**
 * A mentor's queue page through the filters: the oldest waiting requests they may take, oldest
 * first (an open-request index walks them in order); how many wait, counted up to one more than
 * the cap; the reviews they hold; the tracks they review.
 */
export async function mentorQueuePage(db: Queryable, ...args: QueueArgs) {
  const [page] = await mentorQueueStatement(shapeOf(args[2]))(db, ...args);
  if (!page) throw new Error("The mentor queue statement answers one row.");
  return page;
}

/** Mentors who may take a request in this track (assigned to it, or to no track at all), with their addresses. */
export const mentorsForTrack = defineQuery({
  name: "mxp.mentors-for-track",
  text: `SELECT u."id", u."email" FROM "User" u
    WHERE u."role" = 'MENTOR' AND u."emailVerifiedAt" IS NOT NULL
      AND (NOT EXISTS (SELECT 1 FROM "MentorTrack" a WHERE a."mentorId" = u."id") OR EXISTS (SELECT 1 FROM "MentorTrack" a WHERE a."mentorId" = u."id" AND a."trackId" = $1))
    ORDER BY u."id"`,
  values: (trackId: string) => [trackId],
  row: z.object({ id: z.string(), email: z.string() }),
});

/** Every mentor with their tracks, live claims and reviews completed since a time: the admins' view of the mentors. */
export const mentorOverviewRows = defineQuery({
  name: "mxp.mentor-overview",
  text: `SELECT u."id", u."name", u."email",
      ARRAY(SELECT a."trackId" FROM "MentorTrack" a WHERE a."mentorId" = u."id" ORDER BY a."trackId") AS "trackIds",
      (SELECT count(*) FROM "MentorReview" r WHERE r."mentorId" = u."id" AND r."status" = 'CLAIMED' AND r."claimExpiresAt" > $1::timestamp) AS "claims",
      (SELECT count(*) FROM "MentorReview" r WHERE r."mentorId" = u."id" AND r."status" = 'COMPLETED' AND r."completedAt" >= $2::timestamp) AS "completedRecently",
      (SELECT count(*) FROM "MentorReview" r WHERE r."mentorId" = u."id" AND r."status" = 'COMPLETED') AS "completed"
    FROM "User" u WHERE u."role" = 'MENTOR' ORDER BY u."name", u."id"`,
  values: (now: Date, since: Date) => [now, since],
  row: z.object({ id: z.string(), name: z.string(), email: z.string(), trackIds: z.array(z.string()), claims: sqlInteger, completedRecently: sqlInteger, completed: sqlInteger }),
});

/** How long mentor reviews decided since a time waited (request to decision), and what waits now. */
export const mentorWaitStats = defineQuery({
  name: "mxp.mentor-wait-stats",
  text: `SELECT
      (SELECT count(*) FROM "MentorReview" r WHERE r."status" = 'COMPLETED' AND r."completedAt" >= $1::timestamp) AS "decided",
      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r."completedAt" - r."requestedAt"))
        FROM "MentorReview" r WHERE r."status" = 'COMPLETED' AND r."completedAt" >= $1::timestamp) AS "medianSeconds",
      (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM r."completedAt" - r."requestedAt"))
        FROM "MentorReview" r WHERE r."status" = 'COMPLETED' AND r."completedAt" >= $1::timestamp) AS "p90Seconds",
      (SELECT count(*) FROM "MentorReview" r WHERE r."status" <> 'COMPLETED') AS "open",
      (SELECT min(r."requestedAt") FROM "MentorReview" r WHERE r."status" <> 'COMPLETED') AS "oldestOpenAt"`,
  values: (since: Date) => [since],
  row: z.object({ decided: sqlInteger, medianSeconds: z.number().nullable(), p90Seconds: z.number().nullable(), open: sqlInteger, oldestOpenAt: sqlTimestamp.nullable() }),
});
