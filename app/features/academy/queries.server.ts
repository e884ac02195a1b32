import { z } from "zod";
import { defineQuery, sqlInteger, sqlTimestamp } from "~/utils/sql.server";

// Scores are stored per review as [{key, score, maxScore, …}]; a criterion counts when both reviews
// scored its key (a rubric edited between them keeps the keys it shares): the same pairing the
// agreement tables' trigger makes (migration 20261207020000).
const score = (json: string) => `round((${json})::numeric)::int`;

/**
 * How often each (AI score, mentor score) pair occurs, per mission and criterion, for decisions
 * on the UTC days [from, to): the contingency tables the agreement statistics are computed from,
 * summed from the daily tables a trigger keeps (migration 20261207020000, ADR 038). Their size
 * depends on the days, missions and levels, not on the number of reviewed attempts.
 */
export const agreementCells = defineQuery({
  name: "mxp.agreement-cells",
  text: `SELECT "missionId", "key", min("title") AS "title", "maxScore", "ai", "mentor", sum("count") AS "count"
    FROM "AgreementCell" WHERE "day" >= $1::date AND "day" < $2::date
    GROUP BY "missionId", "key", "maxScore", "ai", "mentor"`,
  values: (from: Date, to: Date) => [from.toISOString().slice(0, 10), to.toISOString().slice(0, 10)],
  row: z.object({ missionId: z.string(), key: z.string(), title: z.string(), maxScore: sqlInteger, ai: sqlInteger, mentor: sqlInteger, count: sqlInteger }),
});

/**
 * What the agreement report is computed from, as one value: the agreement tables' revision (renewed
 * by a trigger on every change to them, migration 20261208010000) with the catalogue's (the
 * missions' titles and settings). Null when either row is missing.
 */
export const agreementRevisionRow = defineQuery({
  name: "mxp.agreement-revision",
  text: `SELECT (SELECT "revision" FROM "AgreementRevision" WHERE "id" = 1) || ':' || (SELECT "revision" FROM "CatalogueRevision" WHERE "id" = 1) AS "revision"`,
  values: () => [],
  row: z.object({ revision: z.string().nullable() }),
});

/** How often each pair of verdicts (AI passed?, mentor passed?) occurs, per mission, for decisions on the UTC days [from, to). */
export const agreementVerdicts = defineQuery({
  name: "mxp.agreement-verdicts",
  text: `SELECT "missionId", "aiPassed", "mentorPassed", sum("count") AS "count"
    FROM "AgreementVerdict" WHERE "day" >= $1::date AND "day" < $2::date
    GROUP BY 1, 2, 3`,
  values: (from: Date, to: Date) => [from.toISOString().slice(0, 10), to.toISOString().slice(0, 10)],
  row: z.object({ missionId: z.string(), aiPassed: z.boolean(), mentorPassed: z.boolean(), count: sqlInteger }),
});

// Without a criterion ($4 null) no review's scores are unpacked.
const criterionScore = (column: string) =>
  `CASE WHEN $4::text IS NULL THEN NULL ELSE (SELECT ${score(`x.value->>'score'`)} FROM jsonb_array_elements(${column}) x WHERE x.value->>'key' = $4::text LIMIT 1) END`;

/**
 * A page of the attempts behind one mission's figures (or one criterion's: then both reviews
 * scored it), newest decision first; with `before`, the page after that mentor review (keyset).
 */
export const agreementAttemptRows = defineQuery({
  name: "mxp.agreement-attempts",
  // A range of the mentor reviews' (mission, status, decision time) index, newest first; the rest only for the rows shown.
  text: `SELECT r."id" AS "mentorReviewId", u."name" AS "studentName", s."attempt", r."completedAt" AS "reviewedAt",
      a."total" AS "aiTotal", r."total" AS "mentorTotal", a."passed" AS "aiPassed", r."passed" AS "mentorPassed",
      ${criterionScore(`a."scores"`)} AS "aiScore", ${criterionScore(`r."scores"`)} AS "mentorScore",
      CASE WHEN $4::text IS NULL THEN NULL ELSE (SELECT x.value->>'title' FROM jsonb_array_elements(r."scores") x WHERE x.value->>'key' = $4::text LIMIT 1) END AS "criterionTitle"
    FROM "MentorReview" r
      JOIN "AiReview" a ON a."submissionId" = r."submissionId" AND a."status" = 'COMPLETED'
      JOIN "Submission" s ON s."id" = r."submissionId"
      JOIN "MissionProgress" p ON p."id" = s."progressId"
      JOIN "User" u ON u."id" = p."userId"
    WHERE r."missionId" = $3 AND r."status" = 'COMPLETED' AND r."completedAt" >= $1::timestamp AND r."completedAt" < $2::timestamp
      AND ($4::text IS NULL OR (${criterionScore(`a."scores"`)} IS NOT NULL AND ${criterionScore(`r."scores"`)} IS NOT NULL))
      AND ($5::text IS NULL OR (r."completedAt", r."id") < (SELECT b."completedAt", b."id" FROM "MentorReview" b WHERE b."id" = $5::text))
    ORDER BY r."completedAt" DESC, r."id" DESC
    LIMIT $6`,
  values: (from: Date, to: Date, missionId: string, criterion: string | null, before: string | null, limit: number) => [from, to, missionId, criterion, before, limit],
  row: z.object({
    mentorReviewId: z.string(),
    studentName: z.string(),
    attempt: sqlInteger,
    reviewedAt: sqlTimestamp,
    aiTotal: z.number().nullable(),
    mentorTotal: z.number().nullable(),
    aiPassed: z.boolean().nullable(),
    mentorPassed: z.boolean().nullable(),
    aiScore: sqlInteger.nullable(),
    mentorScore: sqlInteger.nullable(),
    criterionTitle: z.string().nullable(),
  }),
});

const userRow = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(["STUDENT", "MENTOR", "ADMIN"]), createdAt: sqlTimestamp });

/**
 * The admin users list, a page at a time in e-mail order (keyset: the page after an address), so
 * a page costs the same at the first user and the hundred-thousandth. Two statements, one per
 * shape, so each keeps a plan that uses its index: without a search the e-mail index, with one
 * the prefix indexes on lower(email) and lower(name).
 */
export const usersPage = defineQuery({
  name: "mxp.admin-users-page",
  text: `SELECT "id", "email", "name", "role"::text AS "role", "createdAt" FROM "User"
    WHERE "email" > $1 AND ($2::text IS NULL OR "role"::text = $2)
    ORDER BY "email" LIMIT $3`,
  values: (after: string, role: string | null, limit: number) => [after, role, limit],
  row: userRow,
});

export const usersSearchPage = defineQuery({
  name: "mxp.admin-users-search-page",
  text: `SELECT "id", "email", "name", "role"::text AS "role", "createdAt" FROM "User"
    WHERE (lower("email") LIKE $4 OR lower("name") LIKE $4) AND "email" > $1 AND ($2::text IS NULL OR "role"::text = $2)
    ORDER BY "email" LIMIT $3`,
  values: (after: string, role: string | null, limit: number, prefixPattern: string) => [after, role, limit, prefixPattern],
  row: userRow,
});

const ISO = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const latencyOf = (seconds: string, from: string, where: string) =>
  `(SELECT json_build_object('count', count(*), 'median', percentile_cont(0.5) WITHIN GROUP (ORDER BY x), 'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY x))
      FROM (SELECT ${seconds} AS x ${from} WHERE ${where}) l)`;

/**
 * The operations page's facts in one statement (a SELECT without FROM, always one row): jobs per
 * task (due, scheduled for later, running, out of tries) with the latest error; the jobs out of
 * tries; AI reviews per UTC day and reviewer since $1 with their tokens; the time from submission
 * to AI review and from request to mentor review since $2 (median and 90th percentile, seconds);
 * and the latest reviews flagged with a blocking flag.
 */
export const operationsFacts = defineQuery({
  name: "mxp.operations",
  text: `SELECT
      COALESCE((SELECT json_agg(t ORDER BY t."task") FROM (
        SELECT task_identifier AS "task",
          count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= now()) AS "queued",
          count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at > now()) AS "scheduled",
          count(*) FILTER (WHERE locked_at IS NOT NULL) AS "running",
          count(*) FILTER (WHERE locked_at IS NULL AND attempts >= max_attempts) AS "failed",
          (array_agg(last_error ORDER BY updated_at DESC) FILTER (WHERE last_error IS NOT NULL))[1] AS "lastError"
        FROM graphile_worker.jobs GROUP BY task_identifier) t), '[]') AS "jobs",
      COALESCE((SELECT json_agg(f) FROM (
        SELECT id::text AS "id", task_identifier AS "task", attempts, max_attempts AS "maxAttempts", last_error AS "error", ${ISO("updated_at AT TIME ZONE 'UTC'")} AS "failedAt"
        FROM graphile_worker.jobs WHERE locked_at IS NULL AND attempts >= max_attempts ORDER BY updated_at DESC LIMIT 50) f), '[]') AS "failedJobs",
      COALESCE((SELECT json_agg(d ORDER BY d."day" DESC, d."reviewer") FROM (
        SELECT to_char(r."completedAt", 'YYYY-MM-DD') AS "day", COALESCE(r."reviewer", 'unknown') AS "reviewer", count(*) AS "reviews",
          COALESCE(sum(r."inputTokens"), 0) AS "inputTokens", COALESCE(sum(r."outputTokens"), 0) AS "outputTokens"
        FROM "AiReview" r WHERE r."completedAt" >= $1::timestamp GROUP BY 1, 2) d), '[]') AS "reviewsPerDay",
      ${latencyOf(
        `extract(epoch FROM r."completedAt" - s."createdAt")`,
        `FROM "AiReview" r JOIN "Submission" s ON s."id" = r."submissionId"`,
        `r."status" = 'COMPLETED' AND r."completedAt" >= $2::timestamp`,
      )} AS "aiLatency",
      ${latencyOf(`extract(epoch FROM r."completedAt" - r."requestedAt")`, `FROM "MentorReview" r`, `r."status" = 'COMPLETED' AND r."completedAt" >= $2::timestamp`)} AS "mentorLatency",
      COALESCE((SELECT json_agg(g) FROM (
        SELECT r."submissionId", r."status"::text AS "status", r."flags", ${ISO(`COALESCE(r."completedAt", r."createdAt")`)} AS "at", s."attempt",
          m."title" AS "missionTitle", u."id" AS "studentId", u."name" AS "student", mr."id" AS "mentorReviewId", mr."status"::text AS "mentorStatus"
        FROM "AiReview" r
          JOIN "Submission" s ON s."id" = r."submissionId"
          JOIN "MissionProgress" p ON p."id" = s."progressId"
          JOIN "Mission" m ON m."id" = p."missionId"
          JOIN "User" u ON u."id" = p."userId"
          LEFT JOIN "MentorReview" mr ON mr."submissionId" = r."submissionId"
        WHERE jsonb_typeof(r."flags") = 'array' AND EXISTS (SELECT 1 FROM jsonb_array_elements(r."flags") fl WHERE fl.value->>'blocking' = 'true')
        ORDER BY COALESCE(r."completedAt", r."createdAt") DESC LIMIT 50) g), '[]') AS "flagged"`,
  values: (reviewsSince: Date, latencySince: Date) => [reviewsSince, latencySince],
  row: z.object({
    jobs: z.array(z.object({ task: z.string(), queued: z.number(), scheduled: z.number(), running: z.number(), failed: z.number(), lastError: z.string().nullable() })),
    failedJobs: z.array(z.object({ id: z.string(), task: z.string(), attempts: z.number(), maxAttempts: z.number(), error: z.string().nullable(), failedAt: z.string() })),
    reviewsPerDay: z.array(z.object({ day: z.string(), reviewer: z.string(), reviews: z.number(), inputTokens: z.number(), outputTokens: z.number() })),
    aiLatency: z.object({ count: z.number(), median: z.number().nullable(), p90: z.number().nullable() }),
    mentorLatency: z.object({ count: z.number(), median: z.number().nullable(), p90: z.number().nullable() }),
    flagged: z.array(
      z.object({
        submissionId: z.string(),
        status: z.string(),
        flags: z.array(z.object({ code: z.string(), message: z.string(), blocking: z.boolean() })),
        at: z.string(),
        attempt: z.number(),
        missionTitle: z.string(),
        studentId: z.string(),
        student: z.string(),
        mentorReviewId: z.string().nullable(),
        mentorStatus: z.string().nullable(),
      }),
    ),
  }),
});

/** Puts jobs that are out of tries back in the queue now, with a fresh set of tries (graphile-worker's SQL API); how many it moved. */
export const retryJobsNow = defineQuery({
  name: "mxp.retry-jobs",
  text: `SELECT count(*) AS "retried" FROM graphile_worker.reschedule_jobs($1::bigint[], run_at := now(), attempts := 0)`,
  values: (ids: string[]) => [ids],
  row: z.object({ retried: sqlInteger }),
});

/** Of these jobs, those out of tries and not held by a worker, other than `$2`'s task (always one row). */
export const jobsOutOfTries = defineQuery({
  name: "mxp.jobs-out-of-tries",
  text: `SELECT COALESCE((SELECT json_agg(json_build_object('id', id::text, 'task', task_identifier) ORDER BY id) FROM graphile_worker.jobs
      WHERE id = ANY($1::bigint[]) AND locked_at IS NULL AND attempts >= max_attempts AND task_identifier <> $2::text), '[]') AS "jobs"`,
  values: (ids: string[], exceptTask: string) => [ids, exceptTask],
  row: z.object({ jobs: z.array(z.object({ id: z.string(), task: z.string() })) }),
});

/** In a transaction: one writer of the academy's content at a time (an import, a publish) until it ends. */
export const lockAcademyContent = defineQuery({
  name: "mxp.lock-academy-content",
  text: `SELECT true AS "locked" FROM pg_advisory_xact_lock(hashtext('academy-content'))`,
  values: () => [],
  row: z.object({ locked: z.literal(true) }),
});
