import { describe, expect, it } from "vitest";
import { quadraticWeightedKappa, scoreAgreement, verdictAgreement, worstFirst, type ScorePair } from "./agreement";

const pairs = (maxScore: number, list: [ai: number, mentor: number][]): ScorePair[] => list.map(([ai, mentor]) => ({ maxScore, ai, mentor }));

describe("agreement between the AI and mentors", () => {
  // Worked by hand: levels 0…2, five pairs. Observed disagreement 0.25 + 0.25 = 0.5; with the AI's
  // levels (1, 2, 2) and the mentors' (2, 2, 1), expected disagreement 8/5 = 1.6; κ = 1 − 0.5/1.6.
  const handWorked = pairs(2, [
    [0, 0],
    [1, 1],
    [2, 2],
    [2, 1],
    [1, 0],
  ]);

  it("computes exact and within-one agreement, quadratic weighted kappa and the mean signed difference", () => {
    const agreement = scoreAgreement(handWorked);
    expect(agreement.pairs).toBe(5);
    expect(agreement.exact).toBeCloseTo(0.6, 10);
    expect(agreement.withinOne).toBe(1);
    expect(agreement.kappa).toBeCloseTo(0.6875, 10);
    // AI minus mentor: the AI was kinder by one level twice.
    expect(agreement.meanSignedDifference).toBeCloseTo(0.4, 10);
  });

  it("gives kappa 1 for perfect agreement with spread, −1 for perfect opposition, and none when chance already agrees", () => {
    expect(
      quadraticWeightedKappa(
        pairs(3, [
          [0, 0],
          [1, 1],
          [3, 3],
        ]),
      ),
    ).toBe(1);
    expect(
      quadraticWeightedKappa(
        pairs(1, [
          [0, 1],
          [1, 0],
        ]),
      ),
    ).toBe(-1);
    expect(
      quadraticWeightedKappa(
        pairs(3, [
          [2, 2],
          [2, 2],
        ]),
      ),
    ).toBeNull();
    expect(quadraticWeightedKappa([])).toBeNull();
  });

  it("weights a disagreement by the square of its distance", () => {
    // The same number of disagreements, twice as far apart, weigh more: kappa falls.
    const near = quadraticWeightedKappa(
      pairs(4, [
        [0, 0],
        [2, 2],
        [4, 4],
        [1, 2],
        [3, 2],
      ]),
    )!;
    const far = quadraticWeightedKappa(
      pairs(4, [
        [0, 0],
        [2, 2],
        [4, 4],
        [0, 2],
        [4, 2],
      ]),
    )!;
    expect(far).toBeLessThan(near);
  });

  it("shows a harsher AI as a negative mean signed difference", () => {
    expect(
      scoreAgreement(
        pairs(3, [
          [1, 3],
          [2, 3],
        ]),
      ).meanSignedDifference,
    ).toBe(-1.5);
  });

  it("refuses scores outside the criterion's levels instead of miscounting them", () => {
    expect(() => scoreAgreement(pairs(2, [[3, 1]]))).toThrow(RangeError);
    expect(() => scoreAgreement(pairs(2, [[1, 1.5]]))).toThrow(RangeError);
  });

  it("is empty, not NaN, without pairs", () => {
    expect(scoreAgreement([])).toEqual({ pairs: 0, exact: 0, withinOne: 0, kappa: null, meanSignedDifference: 0 });
    expect(verdictAgreement([]).agreement).toBe(0);
  });

  it("counts pass/fail agreement and which way the verdicts differ", () => {
    expect(
      verdictAgreement([
        { aiPassed: true, mentorPassed: true },
        { aiPassed: true, mentorPassed: false },
        { aiPassed: false, mentorPassed: false },
        { aiPassed: false, mentorPassed: true },
        { aiPassed: true, mentorPassed: false },
      ]),
    ).toEqual({ attempts: 5, agreement: 0.4, aiPassedMentorFailed: 2, aiFailedMentorPassed: 1 });
  });

  it("lists the worst-agreeing criteria first", () => {
    const row = (key: string, list: [number, number][]) => ({ key, agreement: scoreAgreement(pairs(3, list)) });
    const ordered = worstFirst([
      row("good", [
        [0, 0],
        [1, 1],
        [3, 3],
      ]),
      row("opposed", [
        [0, 3],
        [3, 0],
      ]),
      row("one-level-apart", [
        [2, 3],
        [2, 3],
      ]),
      row("unanimous", [
        [2, 2],
        [2, 2],
        [2, 2],
        [2, 2],
      ]),
      row("middling", [
        [0, 1],
        [1, 1],
        [3, 2],
      ]),
    ]);
    // κ: −1, 0, 0.625 (by hand), then 1 and the undefined κ of a unanimous criterion; more pairs first on a tie.
    expect(ordered.map((item) => item.key)).toEqual(["opposed", "one-level-apart", "middling", "unanimous", "good"]);
    expect(
      worstFirst([
        { key: "none", agreement: scoreAgreement([]) },
        row("opposed", [
          [0, 3],
          [3, 0],
        ]),
        row("good", [
          [0, 0],
          [3, 3],
        ]),
      ]).map((item) => item.key),
    ).toEqual(["opposed", "good", "none"]);
  });

  it("counts a contingency table's cells as that many pairs", () => {
    const counted = scoreAgreement([
      { maxScore: 2, ai: 0, mentor: 0, count: 1 },
      { maxScore: 2, ai: 1, mentor: 1, count: 1 },
      { maxScore: 2, ai: 2, mentor: 2, count: 1 },
      { maxScore: 2, ai: 2, mentor: 1, count: 1 },
      { maxScore: 2, ai: 1, mentor: 0, count: 1 },
    ]);
    expect(counted).toEqual(scoreAgreement(handWorked));
    expect(
      scoreAgreement([
        { maxScore: 3, ai: 3, mentor: 1, count: 3 },
        { maxScore: 3, ai: 1, mentor: 1, count: 1 },
      ]),
    ).toMatchObject({ pairs: 4, exact: 0.25, meanSignedDifference: 1.5 });
    expect(
      verdictAgreement([
        { aiPassed: true, mentorPassed: false, count: 3 },
        { aiPassed: true, mentorPassed: true, count: 1 },
      ]),
    ).toEqual({
      attempts: 4,
      agreement: 0.25,
      aiPassedMentorFailed: 3,
      aiFailedMentorPassed: 0,
    });
  });
});
