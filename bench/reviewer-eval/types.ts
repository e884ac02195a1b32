/**
 * One hand-graded submission for the reviewer's evaluation: the work, in the shape a student
 * leaves it, and the scores a careful human grader gives it against the mission's rubric.
 */
export type EvalCaseKind = "strong" | "average" | "weak" | "off-topic" | "empty" | "injection";

export interface EvalCase {
  /** Unique and stable, e.g. "auth-log/strong". */
  id: string;
  /** A demo-academy mission slug. */
  mission: string;
  kind: EvalCaseKind;
  /** Notes per step position (1-based); steps left out have no notes. */
  notes: Record<number, string>;
  /** Evidence per step position: a file name, or a name and its text (small text evidence). */
  evidence: Record<number, readonly (string | { name: string; text: string })[]>;
  reflection: string;
  /** The human grader's score for every criterion of the mission's rubric. */
  gold: Record<string, number>;
  /** Why the grader scored it so, in a line: what makes it this kind of work. */
  rationale: string;
}

/**
 * Gold pass/fail: the gold scores reach the threshold, and the work is not an attempt to steer
 * the grader, off-topic or empty (a grader approves none of those, whatever the numbers say).
 */
export const NEVER_APPROVED: readonly EvalCaseKind[] = ["injection", "off-topic", "empty"];
