import { describe, expect, it } from "vitest";
import { firstRunChecklist, nonZeroStats } from "./first-run";

describe("the first-run checklist", () => {
  it("starts with picking a track, each step ticked from what was done", () => {
    expect(firstRunChecklist({ trackPicked: false, started: false, submitted: false })).toEqual({
      steps: [
        { id: "track", done: false },
        { id: "start", done: false },
        { id: "submit", done: false },
      ],
      next: "track",
    });
    expect(firstRunChecklist({ trackPicked: true, started: false, submitted: false })?.next).toBe("start");
  });

  it("counts a start as a picked track (starting enrols it)", () => {
    expect(firstRunChecklist({ trackPicked: false, started: true, submitted: false })).toMatchObject({ steps: [{ done: true }, { done: true }, { done: false }], next: "submit" });
  });

  it("goes away once the first work is submitted", () => {
    expect(firstRunChecklist({ trackPicked: true, started: true, submitted: true })).toBeNull();
  });
});

describe("nonZeroStats", () => {
  it("leaves out the numbers that are still zero", () => {
    expect(
      nonZeroStats([
        { label: "In progress", value: 1 },
        { label: "In review", value: 0 },
        { label: "Approved", value: 2 },
      ]).map((stat) => stat.label),
    ).toEqual(["In progress", "Approved"]);
    expect(nonZeroStats([{ value: 0 }])).toEqual([]);
  });
});
