import { describe, expect, it } from "vitest";
import { levelForScore } from "./difficulty";
import { PROFILER_QUESTIONS, profilerScore } from "./profiler";

const all = (value: number) => Object.fromEntries(PROFILER_QUESTIONS.map((question) => [question.id, value]));

describe("profilerScore", () => {
  it("has about ten questions", () => {
    expect(PROFILER_QUESTIONS).toHaveLength(10);
  });
  it("spans 0–100 and maps to levels", () => {
    expect(profilerScore(all(0))).toBe(0);
    expect(profilerScore(all(4))).toBe(100);
    expect(profilerScore(all(2))).toBe(50);
    expect(levelForScore(profilerScore(all(2)))).toBe("INTERMEDIATE");
    expect(levelForScore(profilerScore(all(1)))).toBe("BEGINNER");
  });
  it("weights incident response above shell basics", () => {
    expect(profilerScore({ incident: 4 })).toBeGreaterThan(profilerScore({ linux: 4 }));
  });
  it("clamps out-of-range answers", () => {
    expect(profilerScore(all(9))).toBe(100);
    expect(profilerScore(all(-3))).toBe(0);
  });
});
