/**
 * The academy's content as documents: one schema for what an admin writes in the editor, what
 * `academy:export` writes to files and what `academy:import` reads back. Every message names the
 * field in words an author understands; the path of each issue is the field's path in the
 * document (`rubric.1.weight`), which is also the editor's input name.
 */
import { z } from "zod";
import { DIFFICULTIES } from "~/domain/difficulty";
import { TIERS } from "~/domain/entitlements";

/** What a step may ask students to attach (the evidence upload sniffs the file itself). */
export const EVIDENCE_KINDS = ["screenshot", "report", "log", "pcap", "code", "config"] as const;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KEY = /^[a-z][a-z0-9_-]*$/;

export const slugSchema = z
  .string({ error: "A slug is required" })
  .trim()
  .min(1, "A slug is required")
  .max(80, "Use at most 80 characters")
  .regex(SLUG, "Use lower-case letters, digits and single dashes, e.g. web-log-triage");

const requiredText = (what: string, max: number) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} can be at most ${max.toLocaleString("en")} characters`);

const lines = (what: string) =>
  z
    .array(requiredText(what, 500), { error: `List the ${what.toLowerCase()}s` })
    .min(1, `Add at least one ${what.toLowerCase()}`)
    .max(30, `At most 30 ${what.toLowerCase()}s`);

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);

export const rubricLevelDocument = z.object({
  score: wholeNumber("A level's score", 0, 10),
  label: requiredText("A level's label", 60),
  description: requiredText("A level's description", 1000),
});

export const rubricCriterionDocument = z
  .object({
    key: z
      .string({ error: "A key is required" })
      .trim()
      .min(1, "A key is required")
      .max(40, "Use at most 40 characters")
      .regex(KEY, "Start with a letter; then lower-case letters, digits, - or _"),
    title: requiredText("The title", 120),
    description: requiredText("The description", 2000),
    weight: z.number({ error: "The weight must be a number" }).gt(0, "The weight must be above 0").max(100, "The weight must be at most 100"),
    maxScore: wholeNumber("The maximum score", 1, 10),
    levels: z.array(rubricLevelDocument),
  })
  .superRefine((criterion, context) => {
    const scores = criterion.levels.map((level) => level.score);
    const missing: number[] = [];
    for (let score = 0; score <= criterion.maxScore; score += 1) if (!scores.includes(score)) missing.push(score);
    if (missing.length > 0) {
      context.addIssue({ code: "custom", path: ["levels"], message: `Describe every score from 0 to ${criterion.maxScore}: ${missing.join(", ")} missing` });
    }
    criterion.levels.forEach((level, index) => {
      if (level.score > criterion.maxScore) {
        context.addIssue({ code: "custom", path: ["levels", index, "score"], message: `This level is above the maximum score (${criterion.maxScore})` });
      } else if (scores.indexOf(level.score) !== index) {
        context.addIssue({ code: "custom", path: ["levels", index, "score"], message: `Score ${level.score} is described twice` });
      }
    });
  });

export const subtaskDocument = z.object({
  title: requiredText("The step's title", 160),
  /** Markdown. */
  instructions: requiredText("The instructions", 20_000),
  evidenceRequired: z.boolean({ error: "Say whether evidence is required" }),
  evidenceKinds: z.array(z.enum(EVIDENCE_KINDS, { error: `Use ${EVIDENCE_KINDS.join(", ")}` })).max(EVIDENCE_KINDS.length),
});

export const recipeDocument = z.object({
  title: requiredText("The recipe's title", 160),
  /** A skill's key. */
  skill: requiredText("The skill", 80),
  minutes: wholeNumber("The minutes", 1, 600),
  url: z
    .string({ error: "A link is required" })
    .trim()
    .url("Use a full link, e.g. https://example.org/guide")
    .refine((value) => /^https?:\/\//.test(value), "Use an http or https link"),
});

export const missionSkillDocument = z.object({
  /** A skill's key. */
  skill: requiredText("The skill", 80),
  weight: z.number({ error: "The weight must be a number" }).gt(0, "The weight must be above 0").max(1, "The weight must be at most 1"),
});

const missionFields = z.object({
  slug: slugSchema,
  /** The track's slug. */
  track: slugSchema,
  title: requiredText("The title", 120),
  summary: requiredText("The summary", 300),
  /** Markdown. */
  story: requiredText("The story", 20_000),
  objectives: lines("Objective"),
  successCriteria: lines("Success criterion"),
  difficulty: z.enum(DIFFICULTIES, { error: `Use one of ${DIFFICULTIES.join(", ")}` }),
  tierRequired: z.enum(TIERS, { error: `Use one of ${TIERS.join(", ")}` }),
  isCapstone: z.boolean({ error: "Say whether it is a capstone" }),
  estimatedMinutes: wholeNumber("The estimated minutes", 5, 1440),
  passThreshold: wholeNumber("The pass threshold", 0, 100),
  /** Slugs of the missions a student must have approved first. */
  prerequisites: z.array(slugSchema).max(10, "At most 10 prerequisites"),
  skills: z.array(missionSkillDocument).min(1, "Add at least one skill").max(10, "At most 10 skills"),
  subtasks: z.array(subtaskDocument).min(1, "Add at least one step").max(30, "At most 30 steps"),
  rubric: z.array(rubricCriterionDocument).min(1, "Add at least one criterion").max(20, "At most 20 criteria"),
  recipes: z.array(recipeDocument).max(20, "At most 20 recipes"),
});

/** A list field as it arrived, or nothing when it is not a list (its own schema reports that). */
function entries(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map((entry) => (typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>) : {})) : [];
}

/**
 * Rules across a mission's fields. They run even when other fields have problems, so an author
 * sees every message at once; so they read the input as it arrived, whatever its shape.
 */
function missionChecks(mission: { slug?: unknown; rubric?: unknown; skills?: unknown; prerequisites?: unknown; subtasks?: unknown }, context: z.core.$RefinementCtx): void {
  const rubric = entries(mission.rubric);
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const keys = rubric.map((criterion) => text(criterion.key));
  duplicates(keys).forEach((index) => context.addIssue({ code: "custom", path: ["rubric", index, "key"], message: `The key “${keys[index]}” is used twice; keys must be unique` }));
  duplicates(entries(mission.skills).map((entry) => text(entry.skill))).forEach((index) =>
    context.addIssue({ code: "custom", path: ["skills", index, "skill"], message: "This skill is listed twice" }),
  );
  const prerequisites = Array.isArray(mission.prerequisites) ? mission.prerequisites.map(String) : [];
  duplicates(prerequisites).forEach((index) => context.addIssue({ code: "custom", path: ["prerequisites", index], message: "This prerequisite is listed twice" }));
  prerequisites.forEach((slug, index) => {
    if (slug === mission.slug) context.addIssue({ code: "custom", path: ["prerequisites", index], message: "A mission cannot require itself" });
  });
  entries(mission.subtasks).forEach((subtask, index) => {
    if (subtask.evidenceRequired === true && Array.isArray(subtask.evidenceKinds) && subtask.evidenceKinds.length === 0) {
      context.addIssue({ code: "custom", path: ["subtasks", index, "evidenceKinds"], message: "Say which kinds of evidence this step accepts" });
    }
  });
}

/** Run the cross-field rules whatever else is wrong. */
const ALWAYS = { when: () => true };

/** A mission, whole: what an admin edits and what publishing writes. */
export const missionDocument = missionFields.superRefine(missionChecks, ALWAYS);
export type MissionDocument = z.output<typeof missionDocument>;

/** One file of an exported academy: the mission and whether students may start it. */
export const missionFileDocument = missionFields.extend({ published: z.boolean({ error: "Say whether the mission is published" }) }).superRefine(missionChecks, ALWAYS);
export type MissionFileDocument = z.output<typeof missionFileDocument>;

export const trackDocument = z.object({
  slug: slugSchema,
  title: requiredText("The title", 120),
  summary: requiredText("The summary", 300),
  description: requiredText("The description", 5000),
  /** Whether students see it. */
  published: z.boolean({ error: "Say whether the track is published" }),
  /** Slugs of the track's missions, in the order students meet them. */
  missions: z.array(slugSchema),
});
export type TrackDocument = z.output<typeof trackDocument>;

export const skillDocument = z.object({
  key: requiredText("The key", 80).regex(KEY, "Start with a letter; then lower-case letters, digits, - or _"),
  name: requiredText("The name", 80),
  category: requiredText("The category", 80),
  description: requiredText("The description", 1000),
});
export type SkillDocument = z.output<typeof skillDocument>;

/** The whole academy: skills, tracks in the order students see them, missions. */
export const academyDocuments = z.object({
  skills: z.array(skillDocument),
  tracks: z.array(trackDocument),
  missions: z.array(missionFileDocument),
});
export type AcademyDocuments = z.output<typeof academyDocuments>;

/** The documents, checked one by one (throws zod's error; `academyProblems` checks them together). */
export function parseAcademy(value: unknown): AcademyDocuments {
  return academyDocuments.parse(value);
}

/** Indexes of the entries that repeat an earlier one. */
function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  values.forEach((value, index) => {
    if (seen.has(value)) repeated.push(index);
    seen.add(value);
  });
  return repeated;
}
