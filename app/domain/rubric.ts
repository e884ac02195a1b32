/**
 * The rubric engine (PRODUCT.md, "Rubric"): one set of rules for every score, whoever made it —
 * the AI reviewer, the built-in heuristic reviewer or a mentor. Pure and framework-free.
 */

export interface RubricLevel {
  score: number;
  label: string;
  description: string;
}

export interface RubricCriterion {
  key: string;
  title: string;
  description: string;
  /** > 0; relative importance in the weighted total. */
  weight: number;
  maxScore: number;
  /** Level descriptors, one per score from 0 to maxScore. */
  levels: readonly RubricLevel[];
}

/** What a score is judged against: the criteria and the mission's pass threshold (0–100). */
export interface Rubric {
  criteria: readonly RubricCriterion[];
  passThreshold: number;
}

export interface ReviewFlag {
  code: string;
  message: string;
  /** A blocking flag stops a pass whatever the total. */
  blocking: boolean;
}

/** Problems with a rubric as an author wrote it; empty when it can score work. */
export function rubricProblems(rubric: Rubric): string[] {
  const problems: string[] = [];
  if (rubric.criteria.length === 0) problems.push("A rubric needs at least one criterion.");
  if (!(rubric.passThreshold >= 0 && rubric.passThreshold <= 100)) problems.push("The pass threshold must be between 0 and 100.");
  const seen = new Set<string>();
  for (const criterion of rubric.criteria) {
    const name = `Criterion “${criterion.key}”`;
    if (seen.has(criterion.key)) problems.push(`${name} appears twice; keys must be unique.`);
    seen.add(criterion.key);
    if (!(criterion.weight > 0) || !Number.isFinite(criterion.weight)) problems.push(`${name} needs a weight above 0.`);
    if (!Number.isInteger(criterion.maxScore) || criterion.maxScore < 1) problems.push(`${name} needs a maximum score of at least 1.`);
    else {
      const missing = range(criterion.maxScore).filter((score) => !criterion.levels.some((level) => level.score === score));
      if (missing.length > 0) problems.push(`${name} has no level descriptor for ${missing.join(", ")}.`);
    }
  }
  return problems;
}

/** Problems with a set of scores against a rubric: unknown or missing criteria, scores that are not whole numbers in range. */
export function scoreProblems(criteria: readonly RubricCriterion[], scores: Readonly<Record<string, number>>): string[] {
  const problems: string[] = [];
  const known = new Map(criteria.map((criterion) => [criterion.key, criterion]));
  for (const key of Object.keys(scores)) {
    if (!known.has(key)) problems.push(`“${key}” is not a criterion of this rubric.`);
  }
  for (const criterion of criteria) {
    const score = scores[criterion.key];
    if (score === undefined) problems.push(`“${criterion.key}” has no score.`);
    else if (!Number.isInteger(score) || score < 0 || score > criterion.maxScore) {
      problems.push(`“${criterion.key}” must be a whole number from 0 to ${criterion.maxScore} (got ${score}).`);
    }
  }
  return problems;
}

/**
 * Weighted total (0–100) = Σ(weightᵢ · scoreᵢ / maxᵢ) / Σ weightᵢ · 100, rounded to one decimal
 * (halves up). Throws when the scores do not fit the rubric: callers check with `scoreProblems`
 * first and answer the person with those messages.
 */
export function weightedTotal(criteria: readonly RubricCriterion[], scores: Readonly<Record<string, number>>): number {
  const problems = scoreProblems(criteria, scores);
  if (problems.length > 0) throw new Error(`Scores do not fit the rubric: ${problems.join(" ")}`);
  let weighted = 0;
  let weights = 0;
  for (const criterion of criteria) {
    weighted += (criterion.weight * scores[criterion.key]!) / criterion.maxScore;
    weights += criterion.weight;
  }
  return roundToOneDecimal((weighted / weights) * 100);
}

/** Floating-point noise (e.g. 72.24999999) would round the wrong way; trim it before rounding. */
function roundToOneDecimal(value: number): number {
  return Math.round(Number((value * 10).toFixed(6))) / 10;
}

/** The descriptor of the level a score reached (the highest level at or below the score). */
export function levelFor(criterion: RubricCriterion, score: number): RubricLevel | null {
  let reached: RubricLevel | null = null;
  for (const level of criterion.levels) {
    if (level.score <= score && (reached === null || level.score > reached.score)) reached = level;
  }
  return reached;
}

export interface Verdict {
  total: number;
  passed: boolean;
  /** The blocking flags that stopped a pass (empty when none did). */
  blockedBy: ReviewFlag[];
}

/** Passed = total ≥ pass threshold and no blocking flag (PRODUCT.md, "A mission's life"). */
export function verdict(rubric: Rubric, scores: Readonly<Record<string, number>>, flags: readonly ReviewFlag[]): Verdict {
  const total = weightedTotal(rubric.criteria, scores);
  const blockedBy = flags.filter((flag) => flag.blocking);
  return { total, passed: total >= rubric.passThreshold && blockedBy.length === 0, blockedBy };
}

/**
 * The rubric in a canonical text form: the same content always gives the same text, whatever
 * the order of an object's keys, so its hash identifies exactly what a score was made against.
 */
export function canonicalRubric(rubric: Rubric): string {
  return JSON.stringify({
    passThreshold: rubric.passThreshold,
    criteria: rubric.criteria.map((criterion) => ({
      key: criterion.key,
      title: criterion.title,
      description: criterion.description,
      weight: criterion.weight,
      maxScore: criterion.maxScore,
      levels: [...criterion.levels].sort((a, b) => a.score - b.score).map((level) => ({ score: level.score, label: level.label, description: level.description })),
    })),
  });
}

/** The criteria with the lowest share of their maximum first (where next steps should start). */
export function weakestCriteria(criteria: readonly RubricCriterion[], scores: Readonly<Record<string, number>>, count: number): RubricCriterion[] {
  return criteria
    .filter((criterion) => scores[criterion.key] !== undefined && scores[criterion.key]! < criterion.maxScore)
    .map((criterion, index) => ({ criterion, index, share: scores[criterion.key]! / criterion.maxScore }))
    .sort((a, b) => a.share - b.share || b.criterion.weight - a.criterion.weight || a.index - b.index)
    .slice(0, count)
    .map(({ criterion }) => criterion);
}

function range(max: number): number[] {
  return Array.from({ length: max + 1 }, (_, index) => index);
}
