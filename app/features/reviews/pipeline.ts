import { levelFor, verdict, type ReviewFlag } from "~/domain/rubric";
import { answerProblems } from "./checks";
import { reviewFlag } from "./flags";
import type { InjectionDetector, Reviewer, ReviewerUsage } from "./reviewer";
import type { ReviewRequest } from "./work";

export interface ScoredCriterion {
  key: string;
  title: string;
  score: number;
  maxScore: number;
  /** The level descriptor reached (label and description). */
  level: string;
  levelDescription: string;
  justification: string;
  quote: string;
}

export type ReviewOutcome =
  | {
      kind: "scored";
      reviewer: string;
      criteria: ScoredCriterion[];
      total: number;
      passed: boolean;
      summary: string;
      flags: ReviewFlag[];
      usage: ReviewerUsage;
      tries: number;
    }
  | { kind: "needs-human"; reviewer: string; problems: string[]; flags: ReviewFlag[]; usage: ReviewerUsage; tries: number };

/**
 * One review of one piece of work, without storage: ask the reviewer, check its answer with
 * deterministic code, ask once more with the problems fed back, and otherwise hand the work to a
 * person. The injection detector's flags join the reviewer's, so a model talked round by the
 * work still cannot approve it. The job and the evaluation harness both score through here.
 */
export async function reviewWork(request: ReviewRequest, dependencies: { reviewer: Reviewer; detectInjection: InjectionDetector; signal?: AbortSignal }): Promise<ReviewOutcome> {
  const { reviewer, detectInjection, signal } = dependencies;
  const detected = detectInjection(request);
  const usage: ReviewerUsage = { inputTokens: null, outputTokens: null };
  let feedback: string[] | undefined;
  for (let tries = 1; tries <= 2; tries += 1) {
    const result = await reviewer.review(request, { feedback, signal });
    addUsage(usage, result.usage);
    const problems = [...(result.problems ?? []), ...answerProblems(result.answer, request.mission.rubric, request.work)];
    if (problems.length > 0) {
      if (tries === 2) return { kind: "needs-human", reviewer: reviewer.name, problems, flags: detected, usage, tries };
      feedback = problems;
      continue;
    }
    const flags = mergeFlags(
      result.answer.flags.map((flag) => reviewFlag(flag.code, flag.message)),
      detected,
    );
    const scores = Object.fromEntries(result.answer.criteria.map((entry) => [entry.key, entry.score]));
    const { total, passed } = verdict({ criteria: request.mission.rubric, passThreshold: request.mission.passThreshold }, scores, flags);
    const criteria = request.mission.rubric.map((criterion) => {
      const entry = result.answer.criteria.find((candidate) => candidate.key === criterion.key)!;
      const level = levelFor(criterion, entry.score);
      return {
        key: criterion.key,
        title: criterion.title,
        score: entry.score,
        maxScore: criterion.maxScore,
        level: level?.label ?? "",
        levelDescription: level?.description ?? "",
        justification: entry.justification,
        quote: entry.quote,
      };
    });
    return { kind: "scored", reviewer: reviewer.name, criteria, total, passed, summary: result.answer.summary, flags, usage, tries };
  }
  throw new Error("unreachable");
}

/** The reviewer's flags first, then the detector's, without a second flag of a code already raised. */
function mergeFlags(fromReviewer: ReviewFlag[], detected: ReviewFlag[]): ReviewFlag[] {
  const merged = [...fromReviewer];
  for (const flag of detected) if (!merged.some((existing) => existing.code === flag.code)) merged.push(flag);
  return merged;
}

function addUsage(total: ReviewerUsage, more: ReviewerUsage): void {
  if (more.inputTokens !== null) total.inputTokens = (total.inputTokens ?? 0) + more.inputTokens;
  if (more.outputTokens !== null) total.outputTokens = (total.outputTokens ?? 0) + more.outputTokens;
}
