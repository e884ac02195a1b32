import { isHeld } from "~/domain/mentor-claims";
import { mentorScoreSchema, type MentorScore } from "./schemas";

/** A mentor review as its student sees it on the mission page. */
export interface MentorRequestView {
  attempt: number;
  state: "waiting" | "in-review" | "completed";
  reason: string | null;
  disputedCriteria: string[];
  requestedAt: string;
  result: { decision: "approved" | "changes_requested"; total: number; comments: string | null; scores: MentorScore[]; completedAt: string | null } | null;
}

export interface MentorRequestRow {
  attempt: number;
  mentorStatus: "REQUESTED" | "CLAIMED" | "COMPLETED" | null;
  mentorReason: string | null;
  mentorDisputed: string[] | null;
  mentorRequestedAt: Date | null;
  mentorClaimExpiresAt: Date | null;
  mentorDecision: "APPROVED" | "CHANGES_REQUESTED" | null;
  mentorTotal: number | null;
  mentorComments: string | null;
  mentorScores: unknown;
  mentorCompletedAt: Date | null;
}

/** The attempt's mentor review in the student's words, or null when none was asked for. */
export function mentorRequestView(row: MentorRequestRow, now = new Date()): MentorRequestView | null {
  if (!row.mentorStatus || !row.mentorRequestedAt) return null;
  const held = isHeld({ status: row.mentorStatus, mentorId: "someone", claimExpiresAt: row.mentorClaimExpiresAt }, now);
  const completed = row.mentorStatus === "COMPLETED" && row.mentorDecision !== null && row.mentorTotal !== null;
  return {
    attempt: row.attempt,
    state: completed ? "completed" : held ? "in-review" : "waiting",
    reason: row.mentorReason,
    disputedCriteria: row.mentorDisputed ?? [],
    requestedAt: row.mentorRequestedAt.toISOString(),
    result: completed
      ? {
          decision: row.mentorDecision === "APPROVED" ? "approved" : "changes_requested",
          total: row.mentorTotal!,
          comments: row.mentorComments,
          scores: mentorScoreSchema.array().catch([]).parse(row.mentorScores),
          completedAt: row.mentorCompletedAt?.toISOString() ?? null,
        }
      : null,
  };
}
