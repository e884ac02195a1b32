import { weakestCriteria, type RubricCriterion } from "~/domain/rubric";

export interface RecipeLink {
  id: string;
  title: string;
  minutes: number;
  url: string;
  skill: { key: string; name: string };
  /** The student's mastery of the recipe's skill, 0–100. */
  mastery: number;
}

export interface NextStep {
  criterionKey: string;
  criterionTitle: string;
  /** The level to reach next and what it asks for, from the rubric's descriptors. */
  nextLevel: { label: string; description: string } | null;
  recipes: RecipeLink[];
}

const STOP_WORDS = new Set([
  "with",
  "that",
  "this",
  "from",
  "what",
  "your",
  "each",
  "they",
  "their",
  "them",
  "into",
  "have",
  "were",
  "when",
  "will",
  "which",
  "about",
  "and",
  "the",
  "for",
]);

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/u)
      .filter((word) => word.length >= 4 && !STOP_WORDS.has(word))
      .map((word) => word.replace(/(ing|ed|es|s)$/u, "")),
  );
}

/**
 * What to work on after a review: the weakest criteria (lowest share of their maximum), each with
 * the next level's descriptor and the mission's recipes that speak to it (shared words between the
 * criterion and the recipe or its skill). Criteria no recipe matches get the recipes for the
 * student's least-mastered skills, so there is always somewhere to go.
 */
export function nextSteps(criteria: readonly RubricCriterion[], scores: Readonly<Record<string, number>>, recipes: readonly RecipeLink[], count = 2): NextStep[] {
  const fallback = [...recipes].sort((a, b) => a.mastery - b.mastery).slice(0, 2);
  return weakestCriteria(criteria, scores, count).map((criterion) => {
    const score = scores[criterion.key] ?? 0;
    const next = [...criterion.levels].sort((a, b) => a.score - b.score).find((level) => level.score > score) ?? null;
    const vocabulary = words(`${criterion.title} ${criterion.description} ${next?.description ?? ""}`);
    const matched = recipes.filter((recipe) => [...words(`${recipe.title} ${recipe.skill.name}`)].some((word) => vocabulary.has(word)));
    return {
      criterionKey: criterion.key,
      criterionTitle: criterion.title,
      nextLevel: next ? { label: next.label, description: next.description } : null,
      recipes: (matched.length > 0 ? matched : fallback).slice(0, 2),
    };
  });
}
