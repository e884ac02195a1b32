import { z } from "zod";
import { DIFFICULTIES } from "~/domain/difficulty";
import { TIERS } from "~/domain/entitlements";
import { PROGRESS_STATUSES } from "~/domain/mission-progress";
import { defineQuery, sqlInteger } from "~/utils/sql.server";

/** Each of a student's progress records with the number of its mission's subtasks marked done (not the notes: they can be long). */
export const progressCompletion = defineQuery({
  name: "mxp.dashboard-progress",
  text: `SELECT p."id", p."missionId", p."status"::text AS "status",
          (SELECT count(*)::int FROM jsonb_each(p."subtaskState") AS e
            WHERE e.value @> '{"completed": true}' AND e.key IN (SELECT st."id" FROM "Subtask" st WHERE st."missionId" = p."missionId")) AS "completed"
        FROM "MissionProgress" p WHERE p."userId" = $1`,
  values: (userId: string) => [userId],
  row: z.object({ id: z.string(), missionId: z.string(), status: z.enum(PROGRESS_STATUSES), completed: sqlInteger }),
});

export const catalogueTrack = z.object({ id: z.string(), slug: z.string(), title: z.string() });

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
  prerequisites: z.array(z.object({ id: z.string(), title: z.string() })),
});

/** The whole published catalogue and its revision, from one snapshot: a SELECT without FROM, always one row. */
export const publishedCatalogueRow = defineQuery({
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
            'prerequisites', COALESCE((SELECT json_agg(json_build_object('id', r."id", 'title', r."title") ORDER BY r."position")
              FROM "MissionPrerequisite" mp JOIN "Mission" r ON r."id" = mp."requiredMissionId" WHERE mp."missionId" = m."id"), '[]')
          ) ORDER BY t."position", m."position")
          FROM "Mission" m JOIN "Track" t ON t."id" = m."trackId"
          WHERE m."published" AND t."published"), '[]') AS "missions"`,
  values: () => [],
  row: z.object({ revision: z.string().nullable(), tracks: z.array(catalogueTrack), missions: z.array(catalogueMission) }),
});

/** Locks a user's row for the rest of the transaction: one student's concurrent mission starts run one after the other. */
export const lockUserForUpdate = defineQuery({
  name: "mxp.lock-user",
  text: `SELECT 1 AS "locked" FROM "User" WHERE "id" = $1 FOR UPDATE`,
  values: (userId: string) => [userId],
  row: z.object({ locked: z.literal(1) }),
});
