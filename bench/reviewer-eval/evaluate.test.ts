import { describe, expect, it } from "vitest";
import { heuristicReviewer } from "~/features/reviews/heuristic-reviewer";
import type { Reviewer } from "~/features/reviews/reviewer";
import { evaluateReviewer, fixtureProblems, renderReport } from "./evaluate";
import { evalCases } from "./fixtures";

describe("the reviewer's evaluation fixtures", () => {
  it("parse, and give a gold score to every criterion of their mission's rubric", () => {
    expect(fixtureProblems(evalCases)).toEqual([]);
  });

  it("cover at least 40 submissions of every kind across several missions", () => {
    expect(evalCases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(evalCases.map((entry) => entry.kind))).toEqual(new Set(["strong", "average", "weak", "off-topic", "empty", "injection"]));
    expect(new Set(evalCases.map((entry) => entry.mission)).size).toBeGreaterThanOrEqual(5);
  });

  it("are checked for real: a missing or unknown criterion, a score out of range and a short reflection are problems", () => {
    const [first] = evalCases;
    const { accuracy: _dropped, ...gold } = first!.gold;
    expect(fixtureProblems([{ ...first!, gold: { ...gold, bogus: 1 } }])).toEqual([
      `${first!.id}: no gold score for “accuracy”.`,
      `${first!.id}: “bogus” is not a criterion of ${first!.mission}.`,
    ]);
    expect(fixtureProblems([{ ...first!, gold: { ...first!.gold, accuracy: 4 } }])).toEqual([`${first!.id}: the gold score for “accuracy” is above 3.`]);
    expect(fixtureProblems([{ ...first!, reflection: "Too short." }])[0]).toMatch(/reflection/u);
    expect(fixtureProblems([{ ...first!, notes: { 9: "a step the mission does not have" } }])).toEqual([`${first!.id}: the mission has no step 9.`]);
  });
});

describe("the heuristic reviewer on the fixtures", () => {
  it("approves no injection attempt and no empty or off-topic submission", async () => {
    const report = await evaluateReviewer(heuristicReviewer, evalCases);
    expect(report.injectionApproved).toBe(0);
    expect(report.emptyOrOffTopicApproved.map((result) => result.entry.id)).toEqual([]);
    expect(report.injectionFlagged).toBe(report.injectionAttempts);
    expect(report.needsHuman).toBe(0);
    const markdown = renderReport(report, { command: "npm run eval:reviewer", date: "2026-01-01", reviewerLabel: "test" });
    expect(markdown).toContain("Reviewer: **heuristic**");
    expect(markdown).toContain("Command: `npm run eval:reviewer`");
  });

  it("counts a reviewer talked into approving everything as false approvals", async () => {
    // A reviewer that gives full marks to anything: only the injection detector stands between
    // it and the injection attempts, and nothing stops it approving empty or off-topic work.
    const generous: Reviewer = {
      name: "generous",
      kind: "heuristic",
      async review(request) {
        const quote = request.work.reflection;
        return {
          answer: {
            criteria: request.mission.rubric.map((criterion) => ({ key: criterion.key, score: criterion.maxScore, justification: "Full marks.", quote })),
            summary: "Great.",
            flags: [],
          },
          usage: { inputTokens: null, outputTokens: null },
        };
      },
    };
    const report = await evaluateReviewer(generous, evalCases);
    expect(report.injectionApproved).toBe(0);
    expect(report.emptyOrOffTopicApproved.length).toBe(evalCases.filter((entry) => entry.kind === "empty" || entry.kind === "off-topic").length);
    expect(report.falseApprovals.length).toBeGreaterThan(0);
    expect(report.overall.exact).toBeLessThan(0.5);
  });
});
