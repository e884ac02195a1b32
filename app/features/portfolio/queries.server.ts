import { z } from "zod";
import { defineQuery, sqlJson, sqlTimestamp } from "~/utils/sql.server";

/**
 * In a transaction: an attempt's standing and what its portfolio item shows, with the attempt
 * locked until the transaction ends, so a publication and a withdrawal running at the same time
 * take turns and the later one sees the earlier's result.
 */
export const submissionStandingForUpdate = defineQuery({
  name: "mxp.submission-standing-for-update",
  text: `SELECT s."id" AS "submissionId", s."attempt", s."reflection", s."snapshot", s."approvedAt", s."approvalScore", s."approvedBy", s."mentorApproved",
      p."userId", m."id" AS "missionId", m."title" AS "missionTitle", m."slug" AS "missionSlug",
      COALESCE(mr."comments", ar."summary", '') AS "summary",
      COALESCE((SELECT json_agg(json_build_object('key', k."key", 'name', k."name", 'weight', ms."weight") ORDER BY ms."weight" DESC, k."key")
        FROM "MissionSkill" ms JOIN "Skill" k ON k."id" = ms."skillId" WHERE ms."missionId" = m."id"), '[]') AS "skills"
    FROM "Submission" s
    JOIN "MissionProgress" p ON p."id" = s."progressId"
    JOIN "Mission" m ON m."id" = p."missionId"
    LEFT JOIN "AiReview" ar ON ar."submissionId" = s."id"
    LEFT JOIN "MentorReview" mr ON mr."submissionId" = s."id" AND mr."status" = 'COMPLETED'
    WHERE s."id" = $1
    FOR UPDATE OF s`,
  values: (submissionId: string) => [submissionId],
  row: z.object({
    submissionId: z.string(),
    attempt: z.number().int(),
    reflection: z.string(),
    snapshot: sqlJson,
    approvedAt: sqlTimestamp.nullable(),
    approvalScore: z.number().nullable(),
    approvedBy: z.string().nullable(),
    mentorApproved: z.boolean(),
    userId: z.string(),
    missionId: z.string(),
    missionTitle: z.string(),
    missionSlug: z.string(),
    summary: z.string(),
    skills: z.array(z.object({ key: z.string(), name: z.string(), weight: z.number() })),
  }),
});
