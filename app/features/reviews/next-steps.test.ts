import { describe, expect, it } from "vitest";
import type { RubricCriterion } from "~/domain/rubric";
import { nextSteps, type RecipeLink } from "./next-steps";

const levels = [
  { score: 0, label: "Missing", description: "Nothing shown." },
  { score: 1, label: "Emerging", description: "Some packets captured." },
  { score: 2, label: "Proficient", description: "The capture isolates the attack traffic." },
  { score: 3, label: "Exemplary", description: "Filtered capture with annotated packets." },
];
const criteria: RubricCriterion[] = [
  { key: "capture", title: "Packet capture", description: "The capture shows the attack.", weight: 2, maxScore: 3, levels },
  { key: "report", title: "Incident report", description: "A clear written timeline.", weight: 1, maxScore: 3, levels },
  { key: "fixes", title: "Remediation", description: "Controls that stop a repeat.", weight: 1, maxScore: 3, levels },
];
const recipe = (id: string, title: string, skill: string, mastery: number): RecipeLink => ({
  id,
  title,
  minutes: 10,
  url: `https://learn.example/${id}`,
  skill: { key: skill, name: skill },
  mastery,
});
const recipes = [
  recipe("r1", "Wireshark display filters", "Packet analysis", 40),
  recipe("r2", "Writing an incident timeline", "Reporting", 70),
  recipe("r3", "Hardening SSH", "Hardening", 10),
];

describe("nextSteps", () => {
  it("starts with the weakest criteria, names the next level, and links the recipes that speak to each", () => {
    const steps = nextSteps(criteria, { capture: 1, report: 1, fixes: 3 }, recipes);
    expect(steps.map((step) => step.criterionKey)).toEqual(["capture", "report"]);
    expect(steps[0]).toMatchObject({
      nextLevel: { label: "Proficient", description: "The capture isolates the attack traffic." },
      recipes: [expect.objectContaining({ id: "r1" })],
    });
    expect(steps[1]!.recipes.map((r) => r.id)).toEqual(["r2"]);
  });
  it("falls back to the least-mastered skills' recipes when none matches", () => {
    const plainLevels = [0, 1, 2, 3].map((score) => ({ score, label: `L${score}`, description: `Level ${score}.` }));
    const remediation = criteria.map((criterion) => ({ ...criterion, levels: plainLevels }));
    const [step] = nextSteps(remediation, { capture: 3, report: 3, fixes: 0 }, recipes.slice(0, 2));
    expect(step!.criterionKey).toBe("fixes");
    expect(step!.recipes.map((r) => r.id)).toEqual(["r1", "r2"]);
  });
  it("has nothing to suggest for full marks", () => {
    expect(nextSteps(criteria, { capture: 3, report: 3, fixes: 3 }, recipes)).toEqual([]);
  });
});
