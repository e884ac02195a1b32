/**
 * Agreement between two raters of the same items on an ordinal scale 0…max. Pure functions, so
 * the evaluation's figures can be checked by hand.
 */

export interface Agreement {
  n: number;
  /** Share of items scored identically. */
  exact: number;
  /** Share of items scored at most one level apart. */
  withinOne: number;
  /** Quadratic weighted kappa (Cohen's kappa with squared-distance weights). */
  kappa: number;
}

/**
 * Quadratic weighted kappa of paired scores on the scale 0…max: 1 − Σ w·O / Σ w·E, with
 * w = (i − j)² / max², O the observed pair counts and E the counts expected by chance from each
 * rater's own distribution. When chance alone would give perfect agreement (both raters used one
 * and the same score throughout) kappa is undefined; it is reported as 1 when every pair agrees
 * and 0 otherwise.
 */
export function quadraticWeightedKappa(pairs: readonly (readonly [number, number])[], max: number): number {
  if (pairs.length === 0) return Number.NaN;
  if (!Number.isInteger(max) || max < 1) throw new Error("The scale needs a maximum of at least 1.");
  for (const [a, b] of pairs) {
    if (![a, b].every((score) => Number.isInteger(score) && score >= 0 && score <= max)) throw new Error(`Scores must be whole numbers from 0 to ${max} (got ${a}, ${b}).`);
  }
  const size = max + 1;
  const observed = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const first = new Array<number>(size).fill(0);
  const second = new Array<number>(size).fill(0);
  for (const [a, b] of pairs) {
    observed[a]![b]! += 1;
    first[a]! += 1;
    second[b]! += 1;
  }
  let disagreement = 0;
  let chance = 0;
  for (let i = 0; i < size; i += 1) {
    for (let j = 0; j < size; j += 1) {
      const weight = ((i - j) * (i - j)) / (max * max);
      disagreement += weight * observed[i]![j]!;
      chance += (weight * first[i]! * second[j]!) / pairs.length;
    }
  }
  if (chance === 0) return disagreement === 0 ? 1 : 0;
  return 1 - disagreement / chance;
}

export function agreement(pairs: readonly (readonly [number, number])[], max: number): Agreement {
  const n = pairs.length;
  return {
    n,
    exact: n === 0 ? Number.NaN : pairs.filter(([a, b]) => a === b).length / n,
    withinOne: n === 0 ? Number.NaN : pairs.filter(([a, b]) => Math.abs(a - b) <= 1).length / n,
    kappa: quadraticWeightedKappa(pairs, max),
  };
}
