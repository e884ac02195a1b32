import { describe, expect, it } from "vitest";
import { createUser } from "~/testing/factories";
import { approvedPortfolioItem } from "~/testing/portfolio";
import { reviewedAttempt } from "~/testing/mentoring";
import { getDb } from "~/utils/db.server";
import { monthOf } from "~/domain/heat-map";
import { listSkillSignals, recommendNextSteps, skillsOverview } from "./service.server";

async function addRecipe(missionId: string, skillKey: string, title: string, position = 1) {
  const skill = await getDb().skill.findUniqueOrThrow({ where: { key: skillKey } });
  return await getDb().recipe.create({ data: { missionId, skillId: skill.id, position, title, minutes: 10, url: `https://learn.example/${encodeURIComponent(title)}` } });
}

describe("skill signals", () => {
  it("are the caller's own, with the skill, the level and the confidence in a word", async () => {
    const { student } = await approvedPortfolioItem({ skills: [{ key: "signals-net", weight: 1 }] });
    const other = await approvedPortfolioItem({ skills: [{ key: "signals-web", weight: 1 }] });
    const { signals } = await listSkillSignals(getDb(), student);
    expect(signals).toEqual([
      {
        skill: { key: "signals-net", name: "Skill signals-net", category: "test" },
        mastery: 17.7,
        level: "NOVICE",
        confidence: 0.15,
        confidenceLabel: "low",
        evidenceCount: 1,
        lastEvidenceAt: expect.any(String),
      },
    ]);
    expect((await listSkillSignals(getDb(), other.student)).signals.map((signal) => signal.skill.key)).toEqual(["signals-web"]);
    expect((await listSkillSignals(getDb(), await createUser())).signals).toEqual([]);
  });

  it("draw the skills × months heat-map from the fold's history", async () => {
    const { student } = await approvedPortfolioItem({ skills: [{ key: "heat-net", weight: 1 }] });
    const now = new Date();
    const { heatMap, signals } = await skillsOverview(getDb(), student, now);
    expect(signals).toHaveLength(1);
    expect(heatMap.months).toEqual([monthOf(now)]);
    expect(heatMap.rows).toEqual([
      { skillId: expect.any(String), key: "heat-net", name: "Skill heat-net", cells: [{ month: monthOf(now), mastery: 17.7, level: "NOVICE", evidence: 1 }] },
    ]);
    expect(await skillsOverview(getDb(), await createUser(), now)).toEqual({ signals: [], heatMap: { months: [], rows: [] } });
  });
});

describe("the dashboard's recommendations", () => {
  it("name a recipe for the weakest skills and for the lowest-scored criteria of the latest reviews", async () => {
    const { student, mission } = await approvedPortfolioItem({ skills: [{ key: "rec-strong", weight: 1 }] });
    await addRecipe(mission.id, "rec-strong", "Read a capture faster");
    // A second mission, reviewed below full marks on every criterion, that trains a skill with no signal yet.
    const weak = await reviewedAttempt({ passed: false, skills: [{ key: "rec-new", weight: 1 }] });
    await getDb().missionProgress.update({ where: { id: weak.progress.id }, data: { userId: student.id } });
    await addRecipe(weak.mission.id, "rec-new", "Timelines in ten minutes");

    const recommendations = await recommendNextSteps(getDb(), student);
    expect(recommendations.skills).toEqual([
      {
        key: "rec-strong",
        name: "Skill rec-strong",
        mastery: 17.7,
        confidence: 0.15,
        recipe: { title: "Read a capture faster", minutes: 10, url: expect.any(String), missionTitle: mission.title },
      },
    ]);
    // Lowest share of the maximum first: the weak attempt scored 1 of 3 on each; the approved one 2 of 3 on communication.
    expect(recommendations.criteria.map((criterion) => [criterion.mission.slug, criterion.title, criterion.score, criterion.maxScore])).toEqual([
      [weak.mission.slug, "Analysis", 1, 3],
      [weak.mission.slug, "Communication", 1, 3],
      [weak.mission.slug, "Evidence", 1, 3],
    ]);
    expect(recommendations.criteria[0]!.recipe).toMatchObject({ title: "Timelines in ten minutes", missionTitle: weak.mission.title });
  });

  it("are empty, not invented, for a student with nothing reviewed", async () => {
    expect(await recommendNextSteps(getDb(), await createUser())).toEqual({ skills: [], criteria: [] });
  });
});
