import { confidenceLabel } from "~/domain/skill-signals";
import { buildHeatMap, type HeatMap } from "~/domain/heat-map";
import type { PublicUser } from "~/features/accounts/service.server";
import { studentContextForRequest, studentWorkSummaryForRequest } from "~/features/dashboard/student-context.server";
import { findPublishedMission, publishedCatalogue, type PublishedCatalogue } from "~/features/missions/catalogue.server";
import type { Db } from "~/utils/db.server";
import type { SkillSignalsView, SkillSignalView } from "./schemas";

/** The caller's skill signals (PRODUCT.md, "Skill signals"), highest mastery first. */
export async function listSkillSignals(db: Db, user: PublicUser): Promise<SkillSignalsView> {
  const rows = await db.skillSignal.findMany({
    where: { userId: user.id },
    select: { mastery: true, level: true, confidence: true, evidenceCount: true, lastEvidenceAt: true, skill: { select: { key: true, name: true, category: true } } },
  });
  const signals: SkillSignalView[] = rows
    .map((row) => ({
      skill: row.skill,
      mastery: row.mastery,
      level: row.level,
      confidence: row.confidence,
      confidenceLabel: confidenceLabel(row.confidence),
      evidenceCount: row.evidenceCount,
      lastEvidenceAt: row.lastEvidenceAt?.toISOString() ?? null,
    }))
    .sort((a, b) => b.mastery - a.mastery || a.skill.name.localeCompare(b.skill.name, "en"));
  return { signals };
}

/** The skills page: the signals and the skills × months heat-map drawn from the fold's history. */
export async function skillsOverview(db: Db, user: PublicUser, now = new Date()): Promise<SkillSignalsView & { heatMap: HeatMap }> {
  const [{ signals }, skills, steps] = await Promise.all([
    listSkillSignals(db, user),
    db.skillSignal.findMany({ where: { userId: user.id }, select: { skillId: true, skill: { select: { key: true, name: true } } } }),
    db.skillEvidence.findMany({ where: { userId: user.id }, select: { skillId: true, createdAt: true, masteryAfter: true }, orderBy: { createdAt: "asc" } }),
  ]);
  const heatMap = buildHeatMap(
    skills.map((row) => ({ skillId: row.skillId, key: row.skill.key, name: row.skill.name })),
    steps.map((step) => ({ skillId: step.skillId, at: step.createdAt, masteryAfter: step.masteryAfter })),
    now,
  );
  return { signals, heatMap };
}

export interface RecommendedRecipe {
  title: string;
  minutes: number;
  url: string;
  /** The mission whose recipes it comes from. */
  missionTitle: string;
}

export interface Recommendations {
  skills: { key: string; name: string; mastery: number; confidence: number; recipe: RecommendedRecipe }[];
  criteria: { mission: { slug: string; title: string }; title: string; score: number; maxScore: number; recipe: RecommendedRecipe | null }[];
}

const recipeIndexes = new WeakMap<PublishedCatalogue, Map<string, RecommendedRecipe>>();

/** Each skill's first recipe in catalogue order: built once per catalogue the process holds, not on every dashboard render. */
function firstRecipeBySkill(catalogue: PublishedCatalogue): Map<string, RecommendedRecipe> {
  let index = recipeIndexes.get(catalogue);
  if (!index) {
    index = new Map();
    for (const mission of catalogue.missions) {
      for (const recipe of mission.content.recipes) {
        if (!index.has(recipe.skill.id)) index.set(recipe.skill.id, { title: recipe.title, minutes: recipe.minutes, url: recipe.url, missionTitle: mission.title });
      }
    }
    recipeIndexes.set(catalogue, index);
  }
  return index;
}

/**
 * What the mission dashboard recommends (PRODUCT.md, "Skill signals"): a recipe for each of the
 * weakest skills, and for the lowest-scored rubric criteria of the student's latest reviews the
 * mission's own recipe for its weakest skill. Recipes come from the catalogue the request already
 * holds (ADR 011); the student's rows come with their work summary, the statement the dashboard's cards read too.
 */
export async function recommendNextSteps(db: Db, user: PublicUser, now = new Date()): Promise<Recommendations> {
  const context = await studentContextForRequest(db, user.id, now);
  const [catalogue, inputs] = await Promise.all([publishedCatalogue(db, context.catalogueRevision), studentWorkSummaryForRequest(db, user.id)]);
  const recipesBySkill = firstRecipeBySkill(catalogue);
  const mastery = new Map(inputs.weakest.map((skill) => [skill.skillId, skill.mastery]));
  const skills = inputs.weakest.flatMap((skill) => {
    const recipe = recipesBySkill.get(skill.skillId);
    return recipe ? [{ key: skill.key, name: skill.name, mastery: skill.mastery, confidence: skill.confidence, recipe }] : [];
  });
  const named = new Set(skills.map((skill) => skill.recipe.url));
  const criteria = inputs.lowCriteria.flatMap((criterion) => {
    const mission = findPublishedMission(catalogue, criterion.missionId);
    if (!mission) return [];
    // The mission's recipe for the skill the student is weakest in (unknown skills count as weakest), one not named above if it has another.
    const recipes = [...mission.content.recipes].sort((a, b) => (mastery.get(a.skill.id) ?? -1) - (mastery.get(b.skill.id) ?? -1));
    const chosen = recipes.find((recipe) => !named.has(recipe.url)) ?? recipes[0];
    if (chosen) named.add(chosen.url);
    return [
      {
        mission: { slug: mission.slug, title: mission.title },
        title: criterion.title,
        score: criterion.score,
        maxScore: criterion.maxScore,
        recipe: chosen ? { title: chosen.title, minutes: chosen.minutes, url: chosen.url, missionTitle: mission.title } : null,
      },
    ];
  });
  return { skills, criteria };
}
