import { z } from "zod";
import { DIFFICULTIES } from "~/domain/difficulty";
import { TIERS } from "~/domain/entitlements";
import { idSchema } from "~/utils/validation";
import { progressStatusSchema, progressViewSchema } from "~/features/progress/schemas";

export const dashboardFilters = z.object({
  track: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z0-9-]*$/, "Use a track's slug, e.g. defender-ops")
    .optional()
    .transform((value) => value || undefined)
    .meta({ description: "A track's slug: only that track's missions (default: the caller's tracks, or all)" }),
  difficulty: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.enum(DIFFICULTIES, { message: `Use one of ${DIFFICULTIES.join(", ")}` }).optional())
    .meta({ description: `Only missions of this difficulty: ${DIFFICULTIES.join(", ")}` }),
});
export type DashboardFilters = z.output<typeof dashboardFilters>;

export const missionIdInput = z.object({ missionId: idSchema.meta({ description: "The mission's id or slug" }) });

const difficultySchema = z.enum(DIFFICULTIES).meta({ id: "Difficulty" });
export const tierSchema = z.enum(TIERS).meta({ id: "Tier" });

export const lockReasonSchema = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("tier"), tierRequired: tierSchema, message: z.string() }),
    z.object({ kind: z.literal("prerequisites"), missing: z.array(z.string()), message: z.string() }),
    z.object({ kind: z.literal("quota"), limit: z.number().int(), message: z.string() }),
  ])
  .meta({ id: "LockReason" });

/** QUOTA_EXCEEDED's, TIER_REQUIRED's and FORBIDDEN's (prerequisites) details at a start. */
export const startRefusedDetails = z.object({ locks: z.array(lockReasonSchema) });

const recommendationSchema = z.enum(["at-level", "one-above", "stretch", "below"]).nullable();

export const quotaSchema = z
  .object({
    used: z.number().int(),
    limit: z.number().int().nullable().meta({ description: "null: unlimited" }),
    left: z.number().int().nullable().meta({ description: "null: unlimited" }),
    resetsAt: z.iso.datetime(),
    tier: tierSchema,
  })
  .meta({ id: "Quota" });

const skillRef = z.object({ key: z.string(), name: z.string() });

export const missionCardSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    difficulty: difficultySchema,
    estimatedMinutes: z.number().int(),
    tierRequired: tierSchema,
    isCapstone: z.boolean(),
    skills: z.array(skillRef),
    track: z.object({ slug: z.string(), title: z.string() }),
    progress: z.object({ id: z.string(), status: progressStatusSchema, percent: z.number().int() }).nullable(),
    locks: z.array(lockReasonSchema),
    recommendation: recommendationSchema,
  })
  .meta({ id: "MissionCard" });

export const missionDashboardSchema = z
  .object({
    tracks: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string(), enrolled: z.boolean() })),
    filters: z.object({ track: z.string().nullable(), difficulty: difficultySchema.nullable() }),
    level: difficultySchema.nullable(),
    profilerScore: z.number().int().nullable(),
    onboarded: z.boolean(),
    quota: quotaSchema,
    available: z.array(missionCardSchema),
    inProgress: z.array(missionCardSchema),
    completed: z.array(missionCardSchema),
  })
  .meta({ id: "MissionDashboard" });

/** A step of a mission, as authored (the catalogue's copy and the mission detail share it). */
export const missionSubtaskSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  title: z.string(),
  instructions: z.string().meta({ description: "Markdown" }),
  evidenceRequired: z.boolean(),
  evidenceKinds: z.array(z.string()),
});

/** A rubric criterion with its level descriptors. */
export const rubricCriterionSchema = z.object({
  key: z.string(),
  title: z.string(),
  description: z.string(),
  weight: z.number(),
  maxScore: z.number().int(),
  levels: z.array(z.object({ score: z.number(), label: z.string(), description: z.string() })),
});

/** A skill a mission trains, with its weight. */
export const weightedSkillSchema = z.object({ key: z.string(), name: z.string(), weight: z.number() });

export const missionDetailSchema = z
  .object({
    mission: z.object({
      id: z.string(),
      slug: z.string(),
      title: z.string(),
      summary: z.string(),
      story: z.string().meta({ description: "Markdown" }),
      objectives: z.array(z.string()),
      successCriteria: z.array(z.string()),
      difficulty: difficultySchema,
      tierRequired: tierSchema,
      isCapstone: z.boolean(),
      estimatedMinutes: z.number().int(),
      passThreshold: z.number().int(),
      track: z.object({ slug: z.string(), title: z.string() }),
      subtasks: z.array(missionSubtaskSchema),
      rubric: z.array(rubricCriterionSchema),
      skills: z.array(weightedSkillSchema),
      recipes: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          minutes: z.number().int(),
          url: z.string(),
          skill: skillRef,
          mastery: z.number().meta({ description: "The caller's mastery of the skill, 0–100" }),
        }),
      ),
      prerequisites: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string() })),
    }),
    progress: progressViewSchema.nullable().meta({ description: "The caller's progress, or null before they start" }),
    locks: z.array(lockReasonSchema),
    quota: quotaSchema,
    recommendation: recommendationSchema,
  })
  .meta({ id: "MissionDetail" });

/** The rest of the mission list page's address: `?show=all` lists every available mission, not the first few. */
export const missionListView = z.object({
  show: z
    .string()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.enum(["all"], { message: "Use show=all, or leave it out" }).optional()),
});
