import type { $Enums } from "@prisma/client";
import type { Assert, Same } from "./database-enums";

/** Per-subtask work as stored in MissionProgress.subtaskState. */
export interface SubtaskState {
  notes: string;
  completed: boolean;
  updatedAt?: string;
}
export type SubtaskStateMap = Record<string, SubtaskState>;

export const PROGRESS_STATUSES = [
  "IN_PROGRESS",
  "SUBMITTED",
  "AI_REVIEWED",
  "CHANGES_REQUESTED",
  "MENTOR_REVIEW_REQUESTED",
  "IN_MENTOR_REVIEW",
  "APPROVED",
] as const satisfies readonly $Enums.ProgressStatus[];
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];
export type ProgressStatusesMatchTheDatabase = Assert<Same<ProgressStatus, $Enums.ProgressStatus>>;

/** The student may change notes, flags and evidence only while the work is theirs to edit. */
export const EDITABLE_STATUSES: readonly ProgressStatus[] = ["IN_PROGRESS", "CHANGES_REQUESTED"];

export function isEditable(status: ProgressStatus): boolean {
  return EDITABLE_STATUSES.includes(status);
}

/**
 * Where an attempt goes when its AI review is stored (PRODUCT.md, "A mission's life"): a capstone
 * always goes to the mentor queue; otherwise a pass approves it and anything else asks for changes,
 * except on a mission whose passes a mentor confirms (an admin's choice where the AI and mentors
 * agree too little): there a pass waits for a mentor too.
 */
export function statusAfterAiReview(review: {
  passed: boolean;
  isCapstone: boolean;
  mentorConfirmsPasses: boolean;
}): Extract<ProgressStatus, "APPROVED" | "CHANGES_REQUESTED" | "MENTOR_REVIEW_REQUESTED"> {
  if (review.isCapstone) return "MENTOR_REVIEW_REQUESTED";
  if (!review.passed) return "CHANGES_REQUESTED";
  return review.mentorConfirmsPasses ? "MENTOR_REVIEW_REQUESTED" : "APPROVED";
}

/**
 * Where an attempt goes when its student asks for a mentor review: work the AI asked to change
 * waits for the mentor; an approval stands until the mentor decides (asking never takes away
 * what was earned). Null: nothing to ask about in this state.
 */
export function statusAfterMentorRequest(status: ProgressStatus): Extract<ProgressStatus, "APPROVED" | "MENTOR_REVIEW_REQUESTED"> | null {
  if (status === "CHANGES_REQUESTED") return "MENTOR_REVIEW_REQUESTED";
  if (status === "APPROVED") return "APPROVED";
  return null;
}

/** A mentor's decision overrides the AI's, also after an AI approval (PRODUCT.md, "A mission's life"). */
export function statusAfterMentorDecision(decision: "approved" | "changes_requested"): Extract<ProgressStatus, "APPROVED" | "CHANGES_REQUESTED"> {
  return decision === "approved" ? "APPROVED" : "CHANGES_REQUESTED";
}

export const MIN_REFLECTION_LENGTH = 50;
export const MAX_NOTES_LENGTH = 50_000;

/** A normalised view of whatever JSON is stored, so old or partial rows never break a page. */
export function readSubtaskState(raw: unknown, subtaskIds: string[]): SubtaskStateMap {
  const source = raw && typeof raw === "object" ? (raw as Record<string, Partial<SubtaskState>>) : {};
  const result: SubtaskStateMap = {};
  for (const id of subtaskIds) {
    const entry = source[id] ?? {};
    result[id] = {
      notes: typeof entry.notes === "string" ? entry.notes : "",
      completed: entry.completed === true,
      ...(typeof entry.updatedAt === "string" ? { updatedAt: entry.updatedAt } : {}),
    };
  }
  return result;
}

export interface ChecklistSubtask {
  id: string;
  position: number;
  title: string;
  evidenceRequired: boolean;
}

export type MissingItem =
  | { kind: "subtask-incomplete"; subtaskId: string; message: string }
  | { kind: "evidence-missing"; subtaskId: string; message: string }
  | { kind: "reflection-too-short"; message: string };

/** How many evidence files each subtask has (the checklist's and the tracker's input). */
export function evidenceCountBySubtask(files: readonly { subtaskId: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const file of files) counts[file.subtaskId] = (counts[file.subtaskId] ?? 0) + 1;
  return counts;
}

/**
 * What still stands between the work and a submission (PRODUCT.md: every subtask complete,
 * evidence on the subtasks that require it, a reflection of at least 50 characters).
 */
export function submissionChecklist(
  subtasks: ChecklistSubtask[],
  state: SubtaskStateMap,
  evidenceCountBySubtask: Record<string, number>,
  reflection: string | null,
): MissingItem[] {
  const missing: MissingItem[] = [];
  for (const subtask of [...subtasks].sort((a, b) => a.position - b.position)) {
    const label = `Step ${subtask.position}, “${subtask.title}”`;
    if (!state[subtask.id]?.completed) missing.push({ kind: "subtask-incomplete", subtaskId: subtask.id, message: `${label} is not marked complete.` });
    if (subtask.evidenceRequired && !((evidenceCountBySubtask[subtask.id] ?? 0) > 0)) {
      missing.push({ kind: "evidence-missing", subtaskId: subtask.id, message: `${label} needs at least one evidence file.` });
    }
  }
  if (reflection !== null) {
    const length = reflection.trim().length;
    if (length < MIN_REFLECTION_LENGTH) {
      missing.push({
        kind: "reflection-too-short",
        message: `Your reflection needs at least ${MIN_REFLECTION_LENGTH} characters (${MIN_REFLECTION_LENGTH - length} more).`,
      });
    }
  }
  return missing;
}

/** Share of subtasks marked complete, 0–100. */
export function completionPercent(subtaskIds: string[], state: SubtaskStateMap): number {
  return percentComplete(subtaskIds.filter((id) => state[id]?.completed).length, subtaskIds.length);
}

export function percentComplete(done: number, total: number): number {
  if (total === 0) return 0;
  return Math.round((Math.min(done, total) / total) * 100);
}
