import { describe, expect, it } from "vitest";
import { foldSkillSignals } from "~/domain/skill-signals";
import { sampleHeatMap, sampleReview, sampleScores, SAMPLE_TOTALS } from "./samples";

const LEVELS = [
  { score: 0, label: "Missing", description: "Not shown." },
  { score: 1, label: "Emerging", description: "Partly done." },
  { score: 2, label: "Proficient", description: "Done correctly." },
  { score: 3, label: "Exemplary", description: "Done and explained well." },
];

const CRITERIA = [
  { key: "evidence", title: "Evidence", description: "The capture shows it.", weight: 3, maxScore: 3, levels: LEVELS },
  { key: "analysis", title: "Analysis", description: "The timeline is right.", weight: 2, maxScore: 3, levels: LEVELS },
  { key: "report", title: "Report", description: "The report is clear.", weight: 1, maxScore: 3, levels: LEVELS },
];

describe("the sample review", () => {
  it("gives every other criterion one level short of the top", () => {
    expect(sampleScores(CRITERIA)).toEqual({ evidence: 3, analysis: 2, report: 3 });
  });

  it("is totalled by the rubric engine's formula, with levels, weights and the weakest criterion's next level", () => {
    const review = sampleReview(CRITERIA, 70);
    // (3·3/3 + 2·2/3 + 1·3/3) / 6 · 100 = 88.9
    expect(review.total).toBe(88.9);
    expect(review.passed).toBe(true);
    expect(review.criteria.map((criterion) => [criterion.title, criterion.level, criterion.score, criterion.weightPercent])).toEqual([
      ["Evidence", "Exemplary", 3, 50],
      ["Analysis", "Proficient", 2, 33],
      ["Report", "Exemplary", 3, 17],
    ]);
    expect(review.next).toEqual({ title: "Analysis", label: "Exemplary", description: "Done and explained well." });
  });

  it("says not passed when the threshold is above the total", () => {
    expect(sampleReview(CRITERIA, 90)).toMatchObject({ total: 88.9, passed: false, passThreshold: 90 });
  });
});

describe("the sample heat-map", () => {
  const missions = [
    { slug: "one", difficulty: "NOVICE" as const, skills: [{ key: "logs", name: "Log analysis", weight: 0.8 }] },
    {
      slug: "two",
      difficulty: "BEGINNER" as const,
      skills: [
        { key: "logs", name: "Log analysis", weight: 0.5 },
        { key: "net", name: "Network forensics", weight: 0.7 },
      ],
    },
  ];
  const now = new Date("2026-12-03T10:00:00Z");

  it("has one month per approval, ending this month, and a row per skill the missions exercise", () => {
    const map = sampleHeatMap(missions, now);
    expect(map.months).toEqual(["2026-11", "2026-12"]);
    expect(map.rows.map((row) => row.name)).toEqual(["Log analysis", "Network forensics"]);
    // Network forensics has no evidence before its mission: empty, not zero.
    expect(map.rows[1]!.cells[0]).toMatchObject({ mastery: null, level: null, evidence: 0 });
  });

  it("holds the skill-signal fold's values for the sample totals", () => {
    const map = sampleHeatMap(missions, now);
    const { signals } = foldSkillSignals(
      missions.map((mission, index) => ({
        submissionId: String(index),
        approvedAt: new Date(Date.UTC(2026, 10 + index, 1)),
        score: SAMPLE_TOTALS[index]!,
        difficulty: mission.difficulty,
        mentorApproved: false,
        skills: mission.skills.map((skill) => ({ skillId: skill.key, weight: skill.weight })),
      })),
    );
    for (const row of map.rows) {
      expect(row.cells.at(-1)!.mastery).toBe(signals.find((signal) => signal.skillId === row.key)!.mastery);
      expect(row.cells.at(-1)!.evidence).toBe(1);
    }
  });

  it("uses at most as many missions as there are sample totals", () => {
    const many = Array.from({ length: SAMPLE_TOTALS.length + 3 }, (_, index) => ({ ...missions[0]!, slug: `m${index}` }));
    expect(sampleHeatMap(many, now).months).toHaveLength(SAMPLE_TOTALS.length);
  });
});
