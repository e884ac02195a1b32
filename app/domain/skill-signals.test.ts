import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DIFFICULTIES, type Difficulty } from "./difficulty";
import { confidenceLabel, foldSkillSignals, weakestSkills, type ApprovedEvidence } from "./skill-signals";

const day = (n: number) => new Date(Date.UTC(2026, 10, n));
function approval(overrides: Partial<ApprovedEvidence> & { submissionId: string }): ApprovedEvidence {
  return { approvedAt: day(1), score: 80, difficulty: "INTERMEDIATE", mentorApproved: false, skills: [{ skillId: "recon", weight: 1 }], ...overrides };
}
const mastery = (evidence: ApprovedEvidence[], skillId = "recon") => foldSkillSignals(evidence).signals.find((signal) => signal.skillId === skillId)?.mastery ?? 0;
const confidence = (evidence: ApprovedEvidence[], skillId = "recon") => foldSkillSignals(evidence).signals.find((signal) => signal.skillId === skillId)?.confidence ?? 0;

describe("skill signals", () => {
  it("start from nothing and follow the documented formula", () => {
    // reach = 80 × 0.7 = 56; rate = 0.5 × 1 × 0.8 = 0.4; mastery = 0.4 × 56 = 22.4; confidence = 1 − (1 − 0.15)
    const { signals, steps } = foldSkillSignals([approval({ submissionId: "s1" })]);
    expect(signals).toEqual([{ skillId: "recon", mastery: 22.4, level: "BEGINNER", confidence: 0.15, evidenceCount: 1, lastEvidenceAt: day(1) }]);
    expect(steps).toEqual([{ submissionId: "s1", skillId: "recon", score: 80, weight: 1, mentorApproved: false, masteryBefore: 0, masteryAfter: 22.4, at: day(1) }]);
    expect(foldSkillSignals([])).toEqual({ signals: [], steps: [] });
  });

  it("rise with the score", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), fc.constantFrom(...DIFFICULTIES), (a, b, difficulty) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const history = [approval({ submissionId: "s0", score: 75, difficulty: "BEGINNER" })];
        expect(mastery([...history, approval({ submissionId: "s1", approvedAt: day(2), score: low, difficulty })])).toBeLessThanOrEqual(
          mastery([...history, approval({ submissionId: "s1", approvedAt: day(2), score: high, difficulty })]),
        );
      }),
    );
  });

  it("rise with the mission's difficulty and the skill's weight in it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (score, w1, w2) => {
        const byDifficulty = DIFFICULTIES.map((difficulty: Difficulty) => mastery([approval({ submissionId: "s1", score, difficulty })]));
        for (let i = 1; i < byDifficulty.length; i++) expect(byDifficulty[i]).toBeGreaterThanOrEqual(byDifficulty[i - 1]!);
        const [low, high] = w1 <= w2 ? [w1, w2] : [w2, w1];
        expect(mastery([approval({ submissionId: "s1", score, skills: [{ skillId: "recon", weight: low }] })])).toBeLessThanOrEqual(
          mastery([approval({ submissionId: "s1", score, skills: [{ skillId: "recon", weight: high }] })]),
        );
      }),
    );
  });

  it("cannot reach expert mastery from easy missions alone", () => {
    const easy = Array.from({ length: 40 }, (_, i) => approval({ submissionId: `s${i}`, approvedAt: day(1 + (i % 28)), score: 100, difficulty: "NOVICE" }));
    expect(mastery(easy)).toBeLessThanOrEqual(40);
    expect(foldSkillSignals(easy).signals[0]!.level).toBe("BEGINNER");
  });

  it("trust a mentor's approval more than the AI reviewer's", () => {
    expect(confidence([approval({ submissionId: "s1", mentorApproved: true })])).toBeGreaterThan(confidence([approval({ submissionId: "s1" })]));
    // Same mastery: who approved changes how sure the signal is, not what it says.
    expect(mastery([approval({ submissionId: "s1", mentorApproved: true })])).toBe(mastery([approval({ submissionId: "s1" })]));
  });

  it("grow more confident with every piece of evidence, never past 1", () => {
    const many = Array.from({ length: 30 }, (_, i) => approval({ submissionId: `s${i}`, approvedAt: day(1 + (i % 28)), mentorApproved: i % 2 === 0 }));
    const values = many.map((_, i) => confidence(many.slice(0, i + 1)));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]!);
    expect(values.at(-1)).toBeLessThanOrEqual(1);
  });

  it("give the same answer after a withdrawal as if the approval never happened", () => {
    const a = approval({ submissionId: "a", approvedAt: day(1), score: 90 });
    const b = approval({
      submissionId: "b",
      approvedAt: day(2),
      score: 72,
      skills: [
        { skillId: "recon", weight: 0.5 },
        { skillId: "web", weight: 1 },
      ],
    });
    const c = approval({ submissionId: "c", approvedAt: day(3), score: 85, difficulty: "ADVANCED" });
    const withdrawn = foldSkillSignals([a, b, c].filter((item) => item.submissionId !== "b"));
    expect(withdrawn).toEqual(foldSkillSignals([a, c]));
    expect(withdrawn.signals.map((signal) => signal.skillId)).toEqual(["recon"]);
  });

  it("fold in approval order whatever order the rows come in", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ score: fc.integer({ min: 0, max: 100 }), dayOfMonth: fc.integer({ min: 1, max: 28 }), mentor: fc.boolean() }), { maxLength: 12 }),
        (rows) => {
          const evidence = rows.map((row, i) => approval({ submissionId: `s${i}`, approvedAt: day(row.dayOfMonth), score: row.score, mentorApproved: row.mentor }));
          expect(foldSkillSignals([...evidence].reverse())).toEqual(foldSkillSignals(evidence));
        },
      ),
    );
  });

  it("name the weakest skills first and word confidence", () => {
    const signals = [
      { skillId: "a", mastery: 50, confidence: 0.5 },
      { skillId: "b", mastery: 10, confidence: 0.9 },
      { skillId: "c", mastery: 10, confidence: 0.2 },
    ];
    expect(weakestSkills(signals, 2).map((signal) => signal.skillId)).toEqual(["c", "b"]);
    expect([confidenceLabel(0.1), confidenceLabel(0.3), confidenceLabel(0.6)]).toEqual(["low", "moderate", "high"]);
  });
});
