import { describe, expect, it } from "vitest";
import { levelForScore } from "./difficulty";

describe("levelForScore", () => {
  it.each([
    [0, "NOVICE"],
    [19, "NOVICE"],
    [20, "BEGINNER"],
    [39, "BEGINNER"],
    [40, "INTERMEDIATE"],
    [59, "INTERMEDIATE"],
    [60, "ADVANCED"],
    [79, "ADVANCED"],
    [80, "ELITE"],
    [100, "ELITE"],
    [140, "ELITE"],
    [-5, "NOVICE"],
  ])("score %i is %s", (score, level) => {
    expect(levelForScore(score)).toBe(level);
  });
});
