import type { ProgressRow, ProgressView } from "./service.server";

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

/** What PROGRESS_VIEW_JSON gives: progressViewSelect's row with timestamps as ISO strings. */
export interface ProgressViewJson {
  id: string;
  userId: string;
  missionId: string;
  status: ProgressView["status"];
  version: number;
  subtaskState: unknown;
  currentAttempt: number;
  startedAt: string;
  updatedAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
  files: { id: string; subtaskId: string; originalName: string; contentType: string; sizeBytes: number; lockedAt: string | null; createdAt: string }[];
  submissions: { id: string; attempt: number; reflection: string; snapshot: unknown; createdAt: string; aiReview: { status: string; total: number | null; passed: boolean | null } | null }[];
}

const date = (value: string) => new Date(value);
const dateOrNull = (value: string | null) => (value === null ? null : new Date(value));

/** A record read with PROGRESS_VIEW_JSON as the Prisma row toProgressView takes (timestamps as Dates). */
export function progressRowFromJson(row: ProgressViewJson): ProgressRow {
  return {
    ...row,
    startedAt: date(row.startedAt),
    updatedAt: date(row.updatedAt),
    submittedAt: dateOrNull(row.submittedAt),
    approvedAt: dateOrNull(row.approvedAt),
    files: row.files.map((file) => ({ ...file, lockedAt: dateOrNull(file.lockedAt), createdAt: date(file.createdAt) })),
    submissions: row.submissions.map((submission) => ({ ...submission, createdAt: date(submission.createdAt) })),
  } as ProgressRow;
}
