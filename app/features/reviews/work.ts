import type { RubricCriterion } from "~/domain/rubric";

/**
 * What a reviewer is asked to judge: the mission's brief (never the student's words) and the
 * student's work (only ever treated as data). Pure data, so the job, the evaluation harness and
 * the tests build the same thing.
 */
export interface MissionBrief {
  title: string;
  summary: string;
  objectives: readonly string[];
  successCriteria: readonly string[];
  subtasks: readonly { position: number; title: string; instructions: string; evidenceRequired: boolean }[];
  rubric: readonly RubricCriterion[];
  passThreshold: number;
  isCapstone: boolean;
}

export interface EvidenceSummary {
  name: string;
  contentType: string;
  sizeBytes: number;
  /** The text of small text evidence (logs, notes, code), when the reviewer may read it. */
  text?: string;
}

export interface StudentWork {
  attempt: number;
  subtasks: readonly { position: number; title: string; completed: boolean; notes: string; evidence: readonly EvidenceSummary[] }[];
  reflection: string;
}

export interface ReviewRequest {
  mission: MissionBrief;
  work: StudentWork;
}

/** Evidence text larger than this is described by its metadata only. */
export const MAX_EVIDENCE_TEXT_BYTES = 16 * 1024;

/**
 * Collapses every run of whitespace to one space (and trims), so a quote copied across a line
 * break or with different indentation still matches the work it came from.
 */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/** Every piece of text the student wrote or attached, each with where it came from. */
export function workPassages(work: StudentWork): { source: string; text: string }[] {
  const passages: { source: string; text: string }[] = [];
  for (const subtask of work.subtasks) {
    if (subtask.notes.trim()) passages.push({ source: `notes for step ${subtask.position}`, text: subtask.notes });
    for (const file of subtask.evidence) {
      if (file.text?.trim()) passages.push({ source: `evidence file “${file.name}” (step ${subtask.position})`, text: file.text });
    }
  }
  if (work.reflection.trim()) passages.push({ source: "reflection", text: work.reflection });
  return passages;
}

/** Does `quote` occur in the student's work, after whitespace normalisation (case kept: a quote is verbatim)? */
export function quoteOccursInWork(quote: string, work: StudentWork): boolean {
  const needle = normalizeWhitespace(quote);
  if (needle.length === 0) return false;
  return workPassages(work).some((passage) => normalizeWhitespace(passage.text).includes(needle));
}
