import { $Enums } from "@prisma/client";
import { z } from "zod";
import { defineQuery, sqlTimestamp } from "~/utils/sql.server";

/** In a transaction: one student's skill signals are folded by one job at a time until it ends. */
export const lockSkillSignals = defineQuery({
  name: "mxp.lock-skill-signals",
  text: `SELECT 1 AS "locked" FROM pg_advisory_xact_lock(hashtextextended($1, 0))`,
  values: (userId: string) => [`skill-signals:${userId}`],
  row: z.object({ locked: z.literal(1) }),
});

/** Every attempt of the student that stands approved, with its mission's difficulty and skills: the fold's input. */
export const approvedEvidenceRows = defineQuery({
  name: "mxp.approved-evidence",
  text: `SELECT s."id" AS "submissionId", s."approvedAt", s."approvalScore" AS "score", s."mentorApproved", m."difficulty"::text AS "difficulty",
      COALESCE((SELECT json_agg(json_build_object('skillId', ms."skillId", 'weight', ms."weight")) FROM "MissionSkill" ms WHERE ms."missionId" = m."id"), '[]') AS "skills"
    FROM "Submission" s
    JOIN "MissionProgress" p ON p."id" = s."progressId"
    JOIN "Mission" m ON m."id" = p."missionId"
    WHERE p."userId" = $1 AND s."approvedAt" IS NOT NULL AND s."approvalScore" IS NOT NULL`,
  values: (userId: string) => [userId],
  row: z.object({
    submissionId: z.string(),
    approvedAt: sqlTimestamp,
    score: z.number(),
    mentorApproved: z.boolean(),
    difficulty: z.enum($Enums.Difficulty),
    skills: z.array(z.object({ skillId: z.string(), weight: z.number() })),
  }),
});

/**
 * What the mission dashboard recommends from, in one statement (a SELECT without FROM: always one
 * row): the student's weakest skill signals, and the lowest-scored criteria (below full marks) of
 * the review that stands on each mission's latest attempt (the mentor's when there is one).
 */
export const recommendationInputs = defineQuery({
  name: "mxp.recommendation-inputs",
  text: `SELECT
      COALESCE((SELECT json_agg(json_build_object('skillId', w."skillId", 'key', w."key", 'name', w."name", 'mastery', w."mastery", 'confidence', w."confidence")
          ORDER BY w."mastery", w."confidence", w."key")
        FROM (SELECT ss."skillId", k."key", k."name", ss."mastery", ss."confidence" FROM "SkillSignal" ss JOIN "Skill" k ON k."id" = ss."skillId"
          WHERE ss."userId" = $1 ORDER BY ss."mastery", ss."confidence", k."key" LIMIT $2) w), '[]') AS "weakest",
      COALESCE((SELECT json_agg(json_build_object('missionId', c."missionId", 'key', c."key", 'title', c."title", 'score', c."score", 'maxScore', c."maxScore")
          ORDER BY c."ratio", c."title")
        FROM (SELECT p."missionId", e->>'key' AS "key", e->>'title' AS "title", (e->>'score')::float8 AS "score", (e->>'maxScore')::float8 AS "maxScore",
            (e->>'score')::float8 / NULLIF((e->>'maxScore')::float8, 0) AS "ratio"
          FROM "MissionProgress" p
          JOIN "Submission" s ON s."progressId" = p."id" AND s."attempt" = p."currentAttempt"
          LEFT JOIN "MentorReview" mr ON mr."submissionId" = s."id" AND mr."status" = 'COMPLETED'
          LEFT JOIN "AiReview" ar ON ar."submissionId" = s."id" AND ar."status" = 'COMPLETED'
          CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(COALESCE(mr."scores", ar."scores")) = 'array' THEN COALESCE(mr."scores", ar."scores") ELSE '[]'::jsonb END) e
          WHERE p."userId" = $1 AND (e->>'score')::float8 < (e->>'maxScore')::float8
          ORDER BY "ratio", "title" LIMIT $2) c), '[]') AS "lowCriteria"`,
  values: (userId: string, limit: number) => [userId, limit],
  row: z.object({
    weakest: z.array(z.object({ skillId: z.string(), key: z.string(), name: z.string(), mastery: z.number(), confidence: z.number() })),
    lowCriteria: z.array(z.object({ missionId: z.string(), key: z.string(), title: z.string(), score: z.number(), maxScore: z.number() })),
  }),
});
