import type { SnapshotFile, SubmissionSnapshot } from "./snapshot";

export interface AiReviewOutline {
  status: string;
  total: number | null;
  passed: boolean | null;
}

/** One line on an attempt's AI review, for the attempt history. */
export function aiReviewSummary(review: AiReviewOutline | null): string {
  if (!review) return "No AI review";
  if (review.status === "COMPLETED" && review.total !== null) return `AI review: ${review.total}/100${review.passed === null ? "" : review.passed ? ", passed" : ", not passed"}`;
  if (review.status === "FAILED") return "AI review could not run";
  return "AI review pending";
}

export interface AttemptStep {
  subtaskId: string;
  position: number;
  title: string;
  completed: boolean;
  notes: string;
  files: SnapshotFile[];
}

/** What an attempt froze, step by step in the mission's order. */
export function attemptSteps(subtasks: readonly { id: string; position: number; title: string }[], snapshot: SubmissionSnapshot): AttemptStep[] {
  return subtasks.map((subtask) => {
    const state = snapshot.subtasks[subtask.id];
    return {
      subtaskId: subtask.id,
      position: subtask.position,
      title: subtask.title,
      completed: state?.completed ?? false,
      notes: state?.notes ?? "",
      files: snapshot.files.filter((file) => file.subtaskId === subtask.id),
    };
  });
}
