import { describe, expect, it } from "vitest";
import { stepAnchor, stepTitle, workView } from "./work-view";

const subtasks = [
  { id: "a", position: 1, title: "Orient yourself", evidenceRequired: false },
  { id: "b", position: 2, title: "Count failures", evidenceRequired: true },
  { id: "c", position: 3, title: "Find the success", evidenceRequired: true },
  { id: "d", position: 4, title: "Write the verdict", evidenceRequired: false },
];

describe("the work as the page shows it", () => {
  it("counts completed steps and says which still need evidence", () => {
    const view = workView(subtasks, { a: { notes: "", completed: true }, b: { notes: "x", completed: true }, c: { notes: "", completed: false } }, [
      { subtaskId: "b" },
      { subtaskId: "b" },
    ]);
    expect(view.percent).toBe(50);
    expect(view.steps.map((step) => [step.id, step.done, step.evidenceCount, step.needsEvidence])).toEqual([
      ["a", true, 0, false],
      ["b", true, 2, false],
      ["c", false, 0, true],
      ["d", false, 0, false],
    ]);
    expect(view.currentStepId).toBe("c");
    expect(view.steps.filter((step) => step.current).map((step) => step.id)).toEqual(["c"]);
    expect(view.titles).toEqual({ a: "Step 1: Orient yourself", b: "Step 2: Count failures", c: "Step 3: Find the success", d: "Step 4: Write the verdict" });
  });

  it("is empty but defined for a mission without steps", () => {
    expect(workView([], {}, [])).toEqual({ percent: 0, steps: [], titles: {}, currentStepId: null });
  });

  it("has no current step once every step is complete, and starts at the first step when none is", () => {
    const all = Object.fromEntries(subtasks.map((subtask) => [subtask.id, { notes: "", completed: true }]));
    expect(workView(subtasks, all, []).currentStepId).toBeNull();
    expect(workView(subtasks, {}, []).currentStepId).toBe("a");
  });

  it("names steps and their anchors the same way everywhere", () => {
    expect(stepTitle({ position: 2, title: "Count failures" })).toBe("Step 2: Count failures");
    expect(stepAnchor("b")).toBe("step-b");
  });
});
