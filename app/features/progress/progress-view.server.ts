import { $Enums } from "@prisma/client";
import { z } from "zod";
import { PROGRESS_STATUSES } from "~/domain/mission-progress";
import { sqlJson } from "~/utils/sql.server";
import type { ProgressRow } from "./service.server";

/**
 * A progress record as `progressViewSelect` reads it (files oldest first, submissions newest
 * first with their AI review), as one JSON value of the row aliased `p`: for statements that
 * read it beside other facts in one round trip. Timestamps are stored as UTC without a zone and
 * written out as ISO strings with a Z.
 */
export const PROGRESS_VIEW_JSON = `json_build_object(
    'id', p."id", 'userId', p."userId", 'missionId', p."missionId", 'status', p."status", 'version', p."version",
    'subtaskState', p."subtaskState", 'currentAttempt', p."currentAttempt",
    'startedAt', to_char(p."startedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'updatedAt', to_char(p."updatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'submittedAt', to_char(p."submittedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'approvedAt', to_char(p."approvedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'files', COALESCE((SELECT json_agg(json_build_object('id', f."id", 'subtaskId', f."subtaskId", 'originalName', f."originalName",
        'contentType', f."contentType", 'sizeBytes', f."sizeBytes", 'lockedAt', to_char(f."lockedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'createdAt', to_char(f."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY f."createdAt", f."id")
      FROM "EvidenceFile" f WHERE f."progressId" = p."id"), '[]'),
    'submissions', COALESCE((SELECT json_agg(json_build_object('id', s."id", 'attempt', s."attempt", 'reflection', s."reflection", 'snapshot', s."snapshot",
        'createdAt', to_char(s."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'aiReview', (SELECT json_build_object('status', r."status", 'total', r."total", 'passed', r."passed") FROM "AiReview" r WHERE r."submissionId" = s."id"))
        ORDER BY s."attempt" DESC)
      FROM "Submission" s WHERE s."progressId" = p."id"), '[]')
  )`;

const isoTimestamp = z.iso.datetime().transform((value) => new Date(value));

/** Parses what PROGRESS_VIEW_JSON gives into the row toProgressView takes (timestamps as Dates). */
export const progressViewJson = z.object({
  id: z.string(),
  userId: z.string(),
  missionId: z.string(),
  status: z.enum(PROGRESS_STATUSES),
  version: z.number().int(),
  subtaskState: sqlJson,
  currentAttempt: z.number().int(),
  startedAt: isoTimestamp,
  updatedAt: isoTimestamp,
  submittedAt: isoTimestamp.nullable(),
  approvedAt: isoTimestamp.nullable(),
  files: z.array(
    z.object({
      id: z.string(),
      subtaskId: z.string(),
      originalName: z.string(),
      contentType: z.string(),
      sizeBytes: z.number().int(),
      lockedAt: isoTimestamp.nullable(),
      createdAt: isoTimestamp,
    }),
  ),
  submissions: z.array(
    z.object({
      id: z.string(),
      attempt: z.number().int(),
      reflection: z.string(),
      snapshot: sqlJson,
      createdAt: isoTimestamp,
      aiReview: z.object({ status: z.enum($Enums.ReviewStatus), total: z.number().nullable(), passed: z.boolean().nullable() }).nullable(),
    }),
  ),
}) satisfies z.ZodType<ProgressRow>;
