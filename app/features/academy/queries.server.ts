import { z } from "zod";
import { defineQuery, sqlInteger, sqlTimestamp } from "~/utils/sql.server";

// Attempts with both a completed AI review and a completed mentor review, the mentor's decision
// made in [from, to). Scores are stored per review as [{key, score, maxScore, …}]; a criterion
// counts when both reviews scored its key (a rubric edited between them keeps the keys it shares).
const REVIEWED_BY_BOTH = `FROM "MentorReview" r
    JOIN "AiReview" a ON a."submissionId" = r."submissionId" AND a."status" = 'COMPLETED'
    JOIN "Submission" s ON s."id" = r."submissionId"
    JOIN "MissionProgress" p ON p."id" = s."progressId"
    WHERE r."status" = 'COMPLETED' AND r."completedAt" >= $1::timestamp AND r."completedAt" < $2::timestamp`;

const score = (json: string) => `round((${json})::numeric)::int`;

/**
 * How often each (AI score, mentor score) pair occurs, per mission and criterion: the contingency
 * tables the agreement statistics are computed from. Its size depends on the missions and their
 * levels, not on the number of reviewed attempts.
 */
export const agreementCells = defineQuery({
  name: "mxp.agreement-cells",
  text: `SELECT p."missionId", ai.value->>'key' AS "key", min(ai.value->>'title') AS "title",
      GREATEST(${score(`ai.value->>'maxScore'`)}, ${score(`mr.value->>'maxScore'`)}) AS "maxScore",
      ${score(`ai.value->>'score'`)} AS "ai", ${score(`mr.value->>'score'`)} AS "mentor", count(*) AS "count"
    ${REVIEWED_BY_BOTH.replace(
      "WHERE",
      `CROSS JOIN LATERAL jsonb_array_elements(a."scores") ai
    JOIN LATERAL jsonb_array_elements(r."scores") mr ON mr.value->>'key' = ai.value->>'key'
    WHERE`,
    )}
    GROUP BY p."missionId", ai.value->>'key', 4, 5, 6`,
  values: (from: Date, to: Date) => [from, to],
  row: z.object({ missionId: z.string(), key: z.string(), title: z.string(), maxScore: sqlInteger, ai: sqlInteger, mentor: sqlInteger, count: sqlInteger }),
});

/** How often each pair of verdicts (AI passed?, mentor passed?) occurs, per mission. */
export const agreementVerdicts = defineQuery({
  name: "mxp.agreement-verdicts",
  text: `SELECT p."missionId", a."passed" AS "aiPassed", r."passed" AS "mentorPassed", count(*) AS "count"
    ${REVIEWED_BY_BOTH} AND a."passed" IS NOT NULL AND r."passed" IS NOT NULL
    GROUP BY 1, 2, 3`,
  values: (from: Date, to: Date) => [from, to],
  row: z.object({ missionId: z.string(), aiPassed: z.boolean(), mentorPassed: z.boolean(), count: sqlInteger }),
});

const criterionScore = (column: string) => `(SELECT ${score(`x.value->>'score'`)} FROM jsonb_array_elements(${column}) x WHERE x.value->>'key' = $4::text LIMIT 1)`;

/** The attempts behind one mission's figures (or one criterion's: then both reviews scored it), newest decision first. */
export const agreementAttemptRows = defineQuery({
  name: "mxp.agreement-attempts",
  text: `SELECT r."id" AS "mentorReviewId", u."name" AS "studentName", s."attempt", r."completedAt" AS "reviewedAt",
      a."total" AS "aiTotal", r."total" AS "mentorTotal", a."passed" AS "aiPassed", r."passed" AS "mentorPassed",
      ${criterionScore(`a."scores"`)} AS "aiScore", ${criterionScore(`r."scores"`)} AS "mentorScore"
    ${REVIEWED_BY_BOTH.replace(
      'JOIN "MissionProgress" p ON p."id" = s."progressId"',
      `JOIN "MissionProgress" p ON p."id" = s."progressId"
    JOIN "User" u ON u."id" = p."userId"`,
    )}
      AND p."missionId" = $3
      AND ($4::text IS NULL OR (${criterionScore(`a."scores"`)} IS NOT NULL AND ${criterionScore(`r."scores"`)} IS NOT NULL))
    ORDER BY r."completedAt" DESC
    LIMIT 200`,
  values: (from: Date, to: Date, missionId: string, criterion: string | null) => [from, to, missionId, criterion],
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
  }),
});
