/**
 * How far the AI reviewer agrees with mentors: pure statistics over pairs of scores given to the
 * same criterion of the same attempt, one by the AI and one by a mentor. No database, no React.
 *
 * - exact agreement: the share of pairs with the same score;
 * - within-one agreement: the share that differ by at most one level;
 * - quadratic weighted kappa: agreement beyond chance, where a disagreement counts by the square
 *   of its distance (1 is perfect, 0 is what chance alone gives, below 0 is worse than chance);
 * - mean signed difference: AI minus mentor, in levels (above 0 the AI is kinder, below harsher);
 * - pass/fail agreement: the share of attempts where both reached the same verdict.
 */

export interface ScorePair {
  /** The criterion's maximum score: levels run 0…maxScore. */
  maxScore: number;
  ai: number;
  mentor: number;
  /** How many times this pair occurs (a cell of a contingency table); 1 when absent. */
  count?: number;
}

export interface VerdictPair {
  aiPassed: boolean;
  mentorPassed: boolean;
  count?: number;
}

const countOf = (pair: { count?: number }) => pair.count ?? 1;
const total = (pairs: readonly { count?: number }[]) => pairs.reduce((sum, pair) => sum + countOf(pair), 0);

export interface ScoreAgreement {
  pairs: number;
  exact: number;
  withinOne: number;
  /** Null when chance agreement is already total (every score in one level): kappa is undefined. */
  kappa: number | null;
  meanSignedDifference: number;
}

export interface VerdictAgreement {
  attempts: number;
  agreement: number;
  /** The AI passed work the mentor did not. */
  aiPassedMentorFailed: number;
  /** The mentor passed work the AI did not. */
  aiFailedMentorPassed: number;
}

/**
 * Cohen's kappa with quadratic weights over the levels 0…maxScore. Pairs whose criteria have
 * different maxima (a rubric edited between versions) are pooled on the widest scale.
 */
export function quadraticWeightedKappa(pairs: readonly ScorePair[]): number | null {
  if (pairs.length === 0) return null;
  const levels = Math.max(...pairs.map((pair) => pair.maxScore)) + 1;
  if (levels < 2) return null;
  const observed = Array.from({ length: levels }, () => new Array<number>(levels).fill(0));
  const aiTotals = new Array<number>(levels).fill(0);
  const mentorTotals = new Array<number>(levels).fill(0);
  for (const pair of pairs) {
    const { ai, mentor } = pair;
    observed[ai]![mentor]! += countOf(pair);
    aiTotals[ai]! += countOf(pair);
    mentorTotals[mentor]! += countOf(pair);
  }
  const n = total(pairs);
  let observedDisagreement = 0;
  let expectedDisagreement = 0;
  for (let i = 0; i < levels; i += 1) {
    for (let j = 0; j < levels; j += 1) {
      const weight = (i - j) ** 2 / (levels - 1) ** 2;
      observedDisagreement += weight * observed[i]![j]!;
      expectedDisagreement += (weight * aiTotals[i]! * mentorTotals[j]!) / n;
    }
  }
  if (expectedDisagreement === 0) return null;
  return 1 - observedDisagreement / expectedDisagreement;
}

export function scoreAgreement(pairs: readonly ScorePair[]): ScoreAgreement {
  for (const pair of pairs) {
    for (const score of [pair.ai, pair.mentor]) {
      if (!Number.isInteger(score) || score < 0 || score > pair.maxScore) throw new RangeError(`A score of ${score} is outside 0…${pair.maxScore}`);
    }
  }
  const count = total(pairs);
  if (count === 0) return { pairs: 0, exact: 0, withinOne: 0, kappa: null, meanSignedDifference: 0 };
  let exact = 0;
  let withinOne = 0;
  let signed = 0;
  for (const pair of pairs) {
    const difference = pair.ai - pair.mentor;
    if (difference === 0) exact += countOf(pair);
    if (Math.abs(difference) <= 1) withinOne += countOf(pair);
    signed += difference * countOf(pair);
  }
  return { pairs: count, exact: exact / count, withinOne: withinOne / count, kappa: quadraticWeightedKappa(pairs), meanSignedDifference: signed / count };
}

export function verdictAgreement(pairs: readonly VerdictPair[]): VerdictAgreement {
  const attempts = total(pairs);
  const same = total(pairs.filter((pair) => pair.aiPassed === pair.mentorPassed));
  return {
    attempts,
    agreement: attempts === 0 ? 0 : same / attempts,
    aiPassedMentorFailed: total(pairs.filter((pair) => pair.aiPassed && !pair.mentorPassed)),
    aiFailedMentorPassed: total(pairs.filter((pair) => !pair.aiPassed && pair.mentorPassed)),
  };
}

/**
 * Worst-agreeing first: the lowest kappa (kappa is undefined only when every score of both sides
 * sits in one level, which is full agreement), then the lowest within-one agreement, then the
 * most pairs (more evidence of the same disagreement matters more). Rows without pairs come last.
 */
export function worstFirst<T extends { agreement: ScoreAgreement }>(rows: readonly T[]): T[] {
  // Without any pair there is nothing to trust yet: after every measured row, not among the perfect ones.
  const rank = (agreement: ScoreAgreement) => (agreement.pairs === 0 ? 2 : (agreement.kappa ?? 1));
  return [...rows].sort((a, b) => rank(a.agreement) - rank(b.agreement) || a.agreement.withinOne - b.agreement.withinOne || b.agreement.pairs - a.agreement.pairs);
}
