import { describe, expect, it } from "vitest";
import { handleProblem, HANDLE_MAX_LENGTH, normaliseHandle } from "./handle";

describe("handles", () => {
  it("accepts lowercase letters, digits and single inner hyphens", () => {
    for (const handle of ["sam", "priya-premium", "r2d2", "a-b-c", "x".repeat(HANDLE_MAX_LENGTH)]) expect(handleProblem(handle), handle).toBeNull();
  });

  it("refuses what would not read well in an address, saying why", () => {
    expect(handleProblem("ab")).toMatch(/at least 3/);
    expect(handleProblem("x".repeat(HANDLE_MAX_LENGTH + 1))).toMatch(/at most 30/);
    for (const handle of ["-sam", "sam-", "sa--m", "sam_s", "sam.s", "sám", "sam s", "Sam", "../etc", "sam/x", "%41bc"]) {
      expect(handleProblem(handle), handle).toMatch(/lowercase letters, digits and single hyphens/);
    }
  });

  it("keeps the platform's own words for the platform", () => {
    expect(handleProblem("admin")).toMatch(/reserved/);
    expect(handleProblem("api")).toMatch(/reserved/);
  });

  it("reads what a person typed without surrounding space, in lowercase", () => {
    expect(normaliseHandle("  Sam-Student ")).toBe("sam-student");
    expect(handleProblem(normaliseHandle(" Sam "))).toBeNull();
  });
});
