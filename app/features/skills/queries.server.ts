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
