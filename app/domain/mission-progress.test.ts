import { describe, expect, it } from "vitest";
import { completionPercent, evidenceCountBySubtask, isEditable, readSubtaskState, statusAfterAiReview, submissionChecklist } from "./mission-progress";

const subtasks = [
  { id: "a", position: 1, title: "Collect logs", evidenceRequired: true },
  { id: "b", position: 2, title: "Write report", evidenceRequired: false },
];

describe("mission progress", () => {
  it("normalises stored subtask state", () => {
    expect(readSubtaskState({ a: { notes: "x", completed: true }, zzz: { notes: 1 } }, ["a", "b"])).toEqual({
      a: { notes: "x", completed: true },
      b: { notes: "", completed: false },
    });
    expect(readSubtaskState(null, ["a"])).toEqual({ a: { notes: "", completed: false } });
  });

  it("lists everything missing before a submission", () => {
    const missing = submissionChecklist(subtasks, readSubtaskState({}, ["a", "b"]), {}, "too short");
    expect(missing.map((item) => item.kind)).toEqual(["subtask-incomplete", "evidence-missing", "subtask-incomplete", "reflection-too-short"]);
    expect(missing[3]!.message).toContain("41 more");
  });

  it("counts evidence files per subtask", () => {
    expect(evidenceCountBySubtask([{ subtaskId: "a" }, { subtaskId: "b" }, { subtaskId: "a" }])).toEqual({ a: 2, b: 1 });
    expect(evidenceCountBySubtask([])).toEqual({});
  });

  it("is empty when the work is complete", () => {
    const state = { a: { notes: "", completed: true }, b: { notes: "", completed: true } };
    expect(submissionChecklist(subtasks, state, { a: 1 }, "x".repeat(50))).toEqual([]);
    // whitespace does not count toward the reflection
    expect(submissionChecklist(subtasks, state, { a: 1 }, ` ${"x".repeat(49)}   `)).toHaveLength(1);
    // without a reflection yet, only the work is checked
    expect(submissionChecklist(subtasks, state, { a: 1 }, null)).toEqual([]);
  });

  it("computes completion and editability", () => {
    expect(completionPercent(["a", "b", "c"], { a: { notes: "", completed: true } })).toBe(33);
    expect(isEditable("IN_PROGRESS")).toBe(true);
    expect(isEditable("CHANGES_REQUESTED")).toBe(true);
    expect(isEditable("SUBMITTED")).toBe(false);
    expect(isEditable("APPROVED")).toBe(false);
  });
});

describe("where an attempt goes after its AI review", () => {
  it("approves a pass, asks for changes otherwise, and sends capstones and confirmed-pass missions' passes to a mentor", () => {
    const after = (passed: boolean, isCapstone = false, mentorConfirmsPasses = false) => statusAfterAiReview({ passed, isCapstone, mentorConfirmsPasses });
    expect(after(true)).toBe("APPROVED");
    expect(after(false)).toBe("CHANGES_REQUESTED");
    expect(after(true, true)).toBe("MENTOR_REVIEW_REQUESTED");
    expect(after(false, true)).toBe("MENTOR_REVIEW_REQUESTED");
    expect(after(true, false, true)).toBe("MENTOR_REVIEW_REQUESTED");
    expect(after(false, false, true)).toBe("CHANGES_REQUESTED");
  });
});
