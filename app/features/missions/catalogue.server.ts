import type { Difficulty } from "~/domain/difficulty";
import type { Tier } from "~/domain/entitlements";
import { fastQuery, type Db } from "~/utils/db.server";

export interface CatalogueTrack {
  id: string;
  slug: string;
  title: string;
}

export interface RubricLevel {
  score: number;
  label: string;
  description: string;
}

/** What the mission page shows beyond the card: the story, the steps, how it is judged, what helps. */
export interface CatalogueMissionContent {
  /** Markdown. */
  story: string;
  objectives: string[];
  successCriteria: string[];
  passThreshold: number;
  /** In order. `instructions` is markdown. */
  subtasks: { id: string; position: number; title: string; instructions: string; evidenceRequired: boolean; evidenceKinds: string[] }[];
  /** In order. */
  rubric: { key: string; title: string; description: string; weight: number; maxScore: number; levels: RubricLevel[] }[];
  /** By weight, heaviest first. */
  skills: { key: string; name: string; weight: number }[];
  /** In authored order. */
  recipes: { id: string; title: string; minutes: number; url: string; skill: { id: string; key: string; name: string } }[];
}

/**
 * A published mission: what the dashboard's card needs (skills by weight, prerequisites with
 * titles) and, in `content`, the rest of what its page shows.
 */
export interface CatalogueMission {
  id: string;
  slug: string;
  title: string;
  summary: string;
  difficulty: Difficulty;
  estimatedMinutes: number;
  tierRequired: Tier;
  isCapstone: boolean;
  trackId: string;
  trackSlug: string;
  trackTitle: string;
  subtaskCount: number;
  skills: { key: string; name: string }[];
  prerequisites: { id: string; slug: string; title: string }[];
  content: CatalogueMissionContent;
}

export interface PublishedCatalogue {
  /** The CatalogueRevision this was read at (null: the row is missing, nothing is kept). */
  revision: string | null;
  /** Published tracks in order. */
  tracks: CatalogueTrack[];
  /** Published missions of published tracks, in track order, then mission order. */
  missions: CatalogueMission[];
}

const indexes = new WeakMap<PublishedCatalogue, Map<string, CatalogueMission>>();

/** A published mission of a published track, by id or slug (the mission page takes either). */
export function findPublishedMission(catalogue: PublishedCatalogue, idOrSlug: string): CatalogueMission | undefined {
  let index = indexes.get(catalogue);
  if (!index) {
    index = new Map();
    for (const mission of catalogue.missions) index.set(mission.id, mission).set(mission.slug, mission);
    indexes.set(catalogue, index);
  }
  return index.get(idOrSlug);
}

// Per database client: one process may talk to several databases (the tests do).
const held = new WeakMap<object, { revision: string; catalogue: Promise<PublishedCatalogue> }>();

/**
 * The published catalogue at `revision` (read by the caller, e.g. with the student's standing):
 * from memory when this process holds that revision, otherwise read in one statement. Every
 * write to the catalogue's tables gives the revision a new value in the same transaction
 * (triggers, migrations 20261125020000 and 20261202010000), so a request never sees a catalogue older than the
 * revision it read. Requests that arrive while it loads share the one load.
 */
export function publishedCatalogue(db: Db, revision: string | null): Promise<PublishedCatalogue> {
  if (revision === null) return loadPublishedCatalogue(db);
  const current = held.get(db);
  if (current?.revision === revision) return current.catalogue;
  const loading = loadPublishedCatalogue(db).then(
    (catalogue) => {
      // A newer revision may have been committed meanwhile: keep what was read, under its own revision.
      if (catalogue.revision !== null && held.get(db)?.catalogue === loading) held.set(db, { revision: catalogue.revision, catalogue: loading });
      return catalogue;
    },
    (error: unknown) => {
      if (held.get(db)?.catalogue === loading) held.delete(db);
      throw error;
    },
  );
  held.set(db, { revision, catalogue: loading });
  return loading;
}

/**
 * The whole published catalogue and its revision, from one snapshot (one statement): the cards'
 * facts and every mission page's content (about 4 KB a mission), so that neither the dashboard
 * nor a mission page reads the academy's tables per request.
 */
export async function loadPublishedCatalogue(db: Db): Promise<PublishedCatalogue> {
  const [row] = await fastQuery<PublishedCatalogue>(db, {
    name: "mxp.published-catalogue",
    text: `SELECT
        (SELECT "revision" FROM "CatalogueRevision" WHERE "id" = 1) AS "revision",
        COALESCE((SELECT json_agg(json_build_object('id', t."id", 'slug', t."slug", 'title', t."title") ORDER BY t."position")
          FROM "Track" t WHERE t."published"), '[]') AS "tracks",
        COALESCE((SELECT json_agg(json_build_object(
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
          ) ORDER BY t."position", m."position")
          FROM "Mission" m JOIN "Track" t ON t."id" = m."trackId"
          WHERE m."published" AND t."published"), '[]') AS "missions"`,
    values: [],
  });
  return row!; // a SELECT without FROM: always one row
}
