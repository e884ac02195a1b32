import type { RubricCriterion } from "~/domain/rubric";
import type { ReviewerAnswer } from "./reviewer";
import { quoteOccursInWork, type StudentWork } from "./work";

/**
 * Deterministic checks of a reviewer's answer before anything is stored: only the rubric's
 * criterion keys, each exactly once, whole scores in range, and quotes that really occur in the
 * student's work (a score above 0 must be backed by one). Each problem is a sentence the model
 * can act on when it is asked again.
 */
export function answerProblems(answer: ReviewerAnswer, criteria: readonly RubricCriterion[], work: StudentWork): string[] {
  const problems: string[] = [];
  const byKey = new Map(criteria.map((criterion) => [criterion.key, criterion]));
  const seen = new Set<string>();
  for (const entry of answer.criteria) {
    const criterion = byKey.get(entry.key);
    if (!criterion) {
      // Only a key-like value is echoed back: the answer may carry text the work smuggled into it.
      const named = /^[\w-]{1,40}$/u.test(entry.key) ? `"${entry.key}"` : "A key";
      problems.push(`${named} is not a criterion of this rubric; use only these keys: ${criteria.map((c) => c.key).join(", ")}.`);
      continue;
    }
    if (seen.has(entry.key)) problems.push(`"${entry.key}" is scored more than once; give each criterion exactly one entry.`);
    seen.add(entry.key);
    if (!Number.isInteger(entry.score) || entry.score < 0 || entry.score > criterion.maxScore) {
      problems.push(`The score for "${entry.key}" must be a whole number from 0 to ${criterion.maxScore} (got ${entry.score}).`);
    }
    if (entry.quote.trim() === "") {
      if (entry.score > 0) problems.push(`The score for "${entry.key}" needs a quote from the student's work that backs it.`);
    } else if (!quoteOccursInWork(entry.quote, work)) {
      problems.push(`The quote for "${entry.key}" does not occur in the student's work; copy a passage verbatim from the notes, evidence text or reflection.`);
    }
  }
  for (const criterion of criteria) {
    if (!seen.has(criterion.key)) problems.push(`"${criterion.key}" has no score; score every criterion.`);
  }
  if (answer.summary.trim() === "") problems.push("The summary is empty.");
  return problems;
}
