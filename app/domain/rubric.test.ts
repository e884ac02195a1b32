import { describe, expect, it } from "vitest";
import { canonicalRubric, levelFor, rubricProblems, scoreProblems, verdict, weakestCriteria, weightedTotal, type RubricCriterion, type Rubric } from "./rubric";

const levels = (max: number) => Array.from({ length: max + 1 }, (_, score) => ({ score, label: `L${score}`, description: `level ${score}` }));
const criterion = (key: string, weight: number, maxScore: number): RubricCriterion => ({
  key,
  title: key,
  description: `about ${key}`,
  weight,
  maxScore,
  levels: levels(maxScore),
});

const criteria = [criterion("method", 2, 3), criterion("evidence", 1, 3), criterion("report", 1, 4)];
const rubric: Rubric = { criteria, passThreshold: 70 };

describe("weightedTotal", () => {
  it("follows PRODUCT.md's formula", () => {
    // (2·3/3 + 1·2/3 + 1·2/4) / 4 · 100 = (2 + 0.6667 + 0.5) / 4 · 100 = 79.1666… → 79.2
    expect(weightedTotal(criteria, { method: 3, evidence: 2, report: 2 })).toBe(79.2);
  });
  it("is 0 and 100 at the ends", () => {
    expect(weightedTotal(criteria, { method: 0, evidence: 0, report: 0 })).toBe(0);
    expect(weightedTotal(criteria, { method: 3, evidence: 3, report: 4 })).toBe(100);
  });
  it("rounds halves up despite floating-point noise", () => {
    // 1·1/8 … one criterion, 1/8 = 12.5 %, 3/8 = 37.5 %: exact halves at one decimal
    const eighths = [criterion("only", 1, 8)];
    expect(weightedTotal(eighths, { only: 1 })).toBe(12.5);
    // weights 0.1 + 0.2 (a classic noise source): (0.1·1 + 0.2·0.5)/0.3 · 100 = 66.666… → 66.7
    const noisy = [criterion("a", 0.1, 2), criterion("b", 0.2, 2)];
    expect(weightedTotal(noisy, { a: 2, b: 1 })).toBe(66.7);
    // 72.25 exactly → 72.3 (half up), which naive float rounding gets wrong for some inputs
    const quarters = [criterion("a", 1, 4), criterion("b", 1, 4), criterion("c", 1, 4), criterion("d", 1, 4), criterion("e", 1, 4)];
    expect(weightedTotal(quarters, { a: 4, b: 4, c: 3, d: 2, e: 2 })).toBe(75);
    const tenths = [criterion("x", 17, 20), criterion("y", 3, 20)];
    // (17·17/20 + 3·3/20)/20·100 = (14.45 + 0.45)/20·100 = 74.5
    expect(weightedTotal(tenths, { x: 17, y: 3 })).toBe(74.5);
  });
  it("refuses scores that do not fit", () => {
    expect(() => weightedTotal(criteria, { method: 3, evidence: 2 })).toThrow(/report/);
    expect(() => weightedTotal(criteria, { method: 4, evidence: 2, report: 1 })).toThrow(/0 to 3/);
  });
});

describe("scoreProblems", () => {
  it("names unknown, missing, fractional and out-of-range scores", () => {
    expect(scoreProblems(criteria, { method: 1.5, evidence: -1, bogus: 2 })).toEqual([
      "“bogus” is not a criterion of this rubric.",
      "“method” must be a whole number from 0 to 3 (got 1.5).",
      "“evidence” must be a whole number from 0 to 3 (got -1).",
      "“report” has no score.",
    ]);
    expect(scoreProblems(criteria, { method: 0, evidence: 3, report: 4 })).toEqual([]);
  });
});

describe("verdict", () => {
  it("passes at the threshold and fails just below it", () => {
    const atThreshold: Rubric = { criteria: [criterion("a", 1, 10)], passThreshold: 70 };
    expect(verdict(atThreshold, { a: 7 }, [])).toEqual({ total: 70, passed: true, blockedBy: [] });
    expect(verdict(atThreshold, { a: 6 }, []).passed).toBe(false);
  });
  it("never passes with a blocking flag, whatever the total", () => {
    const injection = { code: "prompt_injection", message: "Text addressed to the reviewer", blocking: true };
    const note = { code: "thin_evidence", message: "One screenshot only", blocking: false };
    expect(verdict(rubric, { method: 3, evidence: 3, report: 4 }, [note]).passed).toBe(true);
    const blocked = verdict(rubric, { method: 3, evidence: 3, report: 4 }, [note, injection]);
    expect(blocked.passed).toBe(false);
    expect(blocked.blockedBy).toEqual([injection]);
  });
});

describe("levelFor", () => {
  it("gives the descriptor of the score reached", () => {
    expect(levelFor(criteria[0]!, 2)?.label).toBe("L2");
  });
  it("falls back to the highest level below when descriptors skip scores", () => {
    const sparse = { ...criterion("s", 1, 4), levels: [levels(4)[0]!, levels(4)[2]!, levels(4)[4]!] };
    expect(levelFor(sparse, 3)?.label).toBe("L2");
    expect(levelFor({ ...sparse, levels: [] }, 3)).toBeNull();
  });
});

describe("rubricProblems", () => {
  it("accepts a complete rubric", () => {
    expect(rubricProblems(rubric)).toEqual([]);
  });
  it("names every problem", () => {
    const broken: Rubric = {
      passThreshold: 120,
      criteria: [{ ...criterion("a", 0, 2), levels: levels(1) }, criterion("a", 1, 2), { ...criterion("c", 1, 0), levels: [] }],
    };
    expect(rubricProblems(broken)).toEqual([
      "The pass threshold must be between 0 and 100.",
      "Criterion “a” needs a weight above 0.",
      "Criterion “a” has no level descriptor for 2.",
      "Criterion “a” appears twice; keys must be unique.",
      "Criterion “c” needs a maximum score of at least 1.",
    ]);
    expect(rubricProblems({ criteria: [], passThreshold: 70 })).toEqual(["A rubric needs at least one criterion."]);
  });
});

describe("canonicalRubric", () => {
  it("ignores key order and level order, and notices any change of content", () => {
    const reordered: Rubric = {
      passThreshold: 70,
      criteria: criteria.map((c) => ({ levels: [...c.levels].reverse(), maxScore: c.maxScore, weight: c.weight, description: c.description, title: c.title, key: c.key })),
    };
    expect(canonicalRubric(reordered)).toBe(canonicalRubric(rubric));
    expect(canonicalRubric({ ...rubric, passThreshold: 71 })).not.toBe(canonicalRubric(rubric));
    const reworded = {
      ...rubric,
      criteria: [{ ...criteria[0]!, levels: [...criteria[0]!.levels.slice(0, 3), { score: 3, label: "L3", description: "changed" }] }, ...criteria.slice(1)],
    };
    expect(canonicalRubric(reworded)).not.toBe(canonicalRubric(rubric));
  });
});

describe("weakestCriteria", () => {
  it("orders by share of the maximum, then by weight, and leaves out full marks", () => {
    expect(weakestCriteria(criteria, { method: 1, evidence: 1, report: 4 }, 3).map((c) => c.key)).toEqual(["method", "evidence"]);
    expect(weakestCriteria(criteria, { method: 3, evidence: 0, report: 1 }, 1).map((c) => c.key)).toEqual(["evidence"]);
  });
});
