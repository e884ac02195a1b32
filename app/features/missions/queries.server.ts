import { z } from "zod";
import { DIFFICULTIES } from "~/domain/difficulty";
import { TIERS } from "~/domain/entitlements";
import { PROGRESS_VIEW_JSON, progressViewJson } from "~/features/progress/progress-view.server";
import { defineQuery, sqlInteger } from "~/utils/sql.server";
import { missionSubtaskSchema, rubricCriterionSchema, weightedSkillSchema } from "./schemas";

export const catalogueTrack = z.object({ id: z.string(), slug: z.string(), title: z.string(), summary: z.string() });

/** A published mission as the dashboard needs it (skills by weight, prerequisites with titles). */
export const catalogueMission = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  difficulty: z.enum(DIFFICULTIES),
  estimatedMinutes: z.number().int(),
  tierRequired: z.enum(TIERS),
  isCapstone: z.boolean(),
  trackId: z.string(),
  trackSlug: z.string(),
  trackTitle: z.string(),
  subtaskCount: sqlInteger,
  skills: z.array(z.object({ key: z.string(), name: z.string() })),
  prerequisites: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string() })),
  /** What the mission page shows beyond the card: the story, the steps, how it is judged, what helps. */
  content: z.object({
    /** Markdown. */
    story: z.string(),
    objectives: z.array(z.string()),
    successCriteria: z.array(z.string()),
    passThreshold: z.number().int(),
    /** In order; `instructions` is markdown. */
    subtasks: z.array(missionSubtaskSchema),
    /** In order. */
    rubric: z.array(rubricCriterionSchema),
    /** By weight, heaviest first. */
    skills: z.array(weightedSkillSchema),
    /** In authored order. */
    recipes: z.array(
      z.object({ id: z.string(), title: z.string(), minutes: z.number().int(), url: z.string(), skill: z.object({ id: z.string(), key: z.string(), name: z.string() }) }),
    ),
  }),
});

/** A mission as the catalogue holds it (`m` the mission, `t` its track): the shape of catalogueMission. */
const CATALOGUE_MISSION_JSON = `json_build_object(
            'id', m."id", 'slug', m."slug", 'title', m."title", 'summary', m."summary", 'difficulty', m."difficulty",
            'estimatedMinutes', m."estimatedMinutes", 'tierRequired', m."tierRequired", 'isCapstone', m."isCapstone",
            'trackId', t."id", 'trackSlug', t."slug", 'trackTitle', t."title",
            'subtaskCount', (SELECT count(*) FROM "Subtask" st WHERE st."missionId" = m."id"),
            'skills', COALESCE((SELECT json_agg(json_build_object('key', s."key", 'name', s."name") ORDER BY ms."weight" DESC, s."name")
              FROM "MissionSkill" ms JOIN "Skill" s ON s."id" = ms."skillId" WHERE ms."missionId" = m."id"), '[]'),
            'prerequisites', COALESCE((SELECT json_agg(json_build_object('id', r."id", 'slug', r."slug", 'title', r."title") ORDER BY r."position")
              FROM "MissionPrerequisite" mp JOIN "Mission" r ON r."id" = mp."requiredMissionId" WHERE mp."missionId" = m."id"), '[]'),
            'content', json_build_object(
              'story', m."story", 'objectives', m."objectives", 'successCriteria', m."successCriteria", 'passThreshold', m."passThreshold",
              'subtasks', COALESCE((SELECT json_agg(json_build_object('id', st."id", 'position', st."position", 'title', st."title", 'instructions', st."instructions",
                  'evidenceRequired', st."evidenceRequired", 'evidenceKinds', st."evidenceKinds") ORDER BY st."position")
                FROM "Subtask" st WHERE st."missionId" = m."id"), '[]'),
              'rubric', COALESCE((SELECT json_agg(json_build_object('key', rc."key", 'title', rc."title", 'description', rc."description", 'weight', rc."weight",
                  'maxScore', rc."maxScore", 'levels', rc."levels") ORDER BY rc."position")
                FROM "RubricCriterion" rc WHERE rc."missionId" = m."id"), '[]'),
              'skills', COALESCE((SELECT json_agg(json_build_object('key', s."key", 'name', s."name", 'weight', ms."weight") ORDER BY ms."weight" DESC, s."name")
                FROM "MissionSkill" ms JOIN "Skill" s ON s."id" = ms."skillId" WHERE ms."missionId" = m."id"), '[]'),
              'recipes', COALESCE((SELECT json_agg(json_build_object('id', rp."id", 'title', rp."title", 'minutes', rp."minutes", 'url', rp."url",
                  'skill', json_build_object('id', s."id", 'key', s."key", 'name', s."name")) ORDER BY rp."position")
                FROM "Recipe" rp JOIN "Skill" s ON s."id" = rp."skillId" WHERE rp."missionId" = m."id"), '[]')
            )
          )`;

/**
 * The whole published catalogue and its revision, from one snapshot: a SELECT without FROM, always
 * one row. With it, the missions taken off the catalogue (unpublished, or of an unpublished
 * track): no new starts, but the students who started one keep it.
 */
export const publishedCatalogueRow = defineQuery({
  name: "mxp.published-catalogue",
  text: `SELECT
        (SELECT "revision" FROM "CatalogueRevision" WHERE "id" = 1) AS "revision",
        COALESCE((SELECT json_agg(json_build_object('id', t."id", 'slug', t."slug", 'title', t."title", 'summary', t."summary") ORDER BY t."position")
          FROM "Track" t WHERE t."published"), '[]') AS "tracks",
        COALESCE((SELECT json_agg(${CATALOGUE_MISSION_JSON} ORDER BY t."position", m."position")
          FROM "Mission" m JOIN "Track" t ON t."id" = m."trackId"
          WHERE m."published" AND t."published"), '[]') AS "missions",
        COALESCE((SELECT json_agg(${CATALOGUE_MISSION_JSON} ORDER BY t."position", m."position")
          FROM "Mission" m JOIN "Track" t ON t."id" = m."trackId"
          WHERE NOT (m."published" AND t."published")), '[]') AS "retired"`,
  values: () => [],
  row: z.object({ revision: z.string().nullable(), tracks: z.array(catalogueTrack), missions: z.array(catalogueMission), retired: z.array(catalogueMission) }),
});

/** The catalogue's current revision alone: what a page without a student context reads before the in-memory catalogue. */
export const catalogueRevisionRow = defineQuery({
  name: "mxp.catalogue-revision",
  text: `SELECT (SELECT "revision" FROM "CatalogueRevision" WHERE "id" = 1) AS "revision"`,
  values: () => [],
  row: z.object({ revision: z.string().nullable() }),
});

/** Locks a user's row for the rest of the transaction: one student's concurrent mission starts run one after the other. */
export const lockUserForUpdate = defineQuery({
  name: "mxp.lock-user",
  text: `SELECT 1 AS "locked" FROM "User" WHERE "id" = $1 FOR UPDATE`,
  values: (userId: string) => [userId],
  row: z.object({ locked: z.literal(1) }),
});

/**
 * A student's own rows a mission page needs, in one statement: their progress on the mission
 * (files, attempts, reviews), which of its prerequisites they have had approved, and their mastery
 * of the skills its recipes train. A SELECT without FROM: always one row.
 */
export const missionDetailOwnRows = defineQuery({
  name: "mxp.mission-detail-own",
  text: `SELECT
      (SELECT ${PROGRESS_VIEW_JSON} FROM "MissionProgress" p WHERE p."userId" = $1 AND p."missionId" = $2) AS "progress",
      ARRAY(SELECT p."missionId" FROM "MissionProgress" p WHERE p."userId" = $1 AND p."missionId" = ANY($3::text[]) AND p."status" = 'APPROVED') AS "approvedPrerequisiteIds",
      COALESCE((SELECT json_object_agg(ss."skillId", ss."mastery") FROM "SkillSignal" ss WHERE ss."userId" = $1 AND ss."skillId" = ANY($4::text[])), '{}') AS "mastery"`,
  values: (userId: string, missionId: string, prerequisiteIds: string[], skillIds: string[]) => [userId, missionId, prerequisiteIds, skillIds],
  row: z.object({ progress: progressViewJson.nullable(), approvedPrerequisiteIds: z.array(z.string()), mastery: z.record(z.string(), z.number()) }),
});
