import { describe, expect, it } from "vitest";
import { aiReviewSummary, attemptSteps } from "./attempts";
import { buildSnapshot } from "./snapshot";

describe("the attempt history", () => {
  it("sums up the AI review of an attempt", () => {
    expect(aiReviewSummary(null)).toBe("No AI review");
    expect(aiReviewSummary({ status: "PENDING", total: null, passed: null })).toBe("AI review pending");
    expect(aiReviewSummary({ status: "RUNNING", total: null, passed: null })).toBe("AI review pending");
    expect(aiReviewSummary({ status: "COMPLETED", total: 82, passed: true })).toBe("AI review: 82/100, passed");
    expect(aiReviewSummary({ status: "COMPLETED", total: 40, passed: false })).toBe("AI review: 40/100, not passed");
    expect(aiReviewSummary({ status: "COMPLETED", total: 40, passed: null })).toBe("AI review: 40/100");
    expect(aiReviewSummary({ status: "FAILED", total: null, passed: null })).toBe("AI review could not run");
  });

  it("lists what was frozen per step, in the mission's order, with each step's files", () => {
    const snapshot = buildSnapshot({
      attempt: 1,
      missionTitle: "M",
      version: 3,
      subtasks: { b: { notes: "second", completed: true } },
      files: [
        { id: "f1", subtaskId: "b", originalName: "b.png", contentType: "image/png", sizeBytes: 1, sha256: "x", createdAt: "2025-01-01T00:00:00.000Z" },
        { id: "f2", subtaskId: "gone", originalName: "orphan.png", contentType: "image/png", sizeBytes: 1, sha256: "y", createdAt: "2025-01-01T00:00:00.000Z" },
      ],
      reflection: "r",
    });
    const steps = attemptSteps(
      [
        { id: "a", position: 1, title: "First" },
        { id: "b", position: 2, title: "Second" },
      ],
      snapshot,
    );
    expect(steps.map((step) => [step.subtaskId, step.completed, step.notes, step.files.map((file) => file.originalName)])).toEqual([
      ["a", false, "", []],
      ["b", true, "second", ["b.png"]],
    ]);
  });
});
