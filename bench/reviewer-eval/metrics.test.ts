import { describe, expect, it } from "vitest";
import { agreement, quadraticWeightedKappa } from "./metrics";

describe("quadraticWeightedKappa", () => {
  it("is 1 for perfect agreement", () => {
    expect(
      quadraticWeightedKappa(
        [
          [0, 0],
          [1, 1],
          [2, 2],
          [3, 3],
        ],
        3,
      ),
    ).toBe(1);
  });

  it("matches a value worked out by hand", () => {
    // O = [[1,1],[0,2]] on 0…1: w = [[0,1],[1,0]]; Σw·O = 1; rows (2,2), columns (1,3), n = 4:
    // E01 = 2·3/4 = 1.5, E10 = 2·1/4 = 0.5, Σw·E = 2; κ = 1 − 1/2 = 0.5
    expect(
      quadraticWeightedKappa(
        [
          [0, 0],
          [0, 1],
          [1, 1],
          [1, 1],
        ],
        1,
      ),
    ).toBeCloseTo(0.5, 10);
    // Three levels, pairs (0,0) (1,2) (2,1) (2,2) (1,1): Σw·O = ¼ + ¼ = 0.5; both margins are
    // (1, 2, 2) and n = 5, so Σw·E = (¼·1·2 + 1·1·2 + ¼·2·1 + ¼·2·2 + 1·2·1 + ¼·2·2) / 5 = 7/5.
    expect(
      quadraticWeightedKappa(
        [
          [0, 0],
          [1, 2],
          [2, 1],
          [2, 2],
          [1, 1],
        ],
        2,
      ),
    ).toBeCloseTo(1 - 0.5 / 1.4, 10);
  });

  it("is negative for systematic disagreement and weighs far misses more than near ones", () => {
    expect(
      quadraticWeightedKappa(
        [
          [0, 3],
          [3, 0],
          [1, 2],
          [2, 1],
        ],
        3,
      ),
    ).toBeLessThan(0);
    const near = quadraticWeightedKappa(
      [
        [0, 1],
        [1, 1],
        [2, 2],
        [3, 3],
      ],
      3,
    );
    const far = quadraticWeightedKappa(
      [
        [0, 3],
        [1, 1],
        [2, 2],
        [3, 3],
      ],
      3,
    );
    expect(near).toBeGreaterThan(far);
  });

  it("handles raters that used a single score", () => {
    expect(
      quadraticWeightedKappa(
        [
          [2, 2],
          [2, 2],
        ],
        3,
      ),
    ).toBe(1);
    expect(
      quadraticWeightedKappa(
        [
          [2, 1],
          [2, 1],
        ],
        3,
      ),
    ).toBe(0);
  });

  it("refuses scores outside the scale", () => {
    expect(() => quadraticWeightedKappa([[4, 0]], 3)).toThrow(/0 to 3/);
    expect(() => quadraticWeightedKappa([[1.5, 0]], 3)).toThrow();
  });
});

describe("agreement", () => {
  it("counts exact and within-one agreement", () => {
    const result = agreement(
      [
        [0, 0],
        [1, 2],
        [3, 1],
        [2, 2],
      ],
      3,
    );
    expect(result).toMatchObject({ n: 4, exact: 0.5, withinOne: 0.75 });
  });
});
