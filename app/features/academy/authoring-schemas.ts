import { z } from "zod";
import { DIFFICULTIES } from "~/domain/difficulty";
import { TIERS } from "~/domain/entitlements";
import { missionDetailSchema, tierSchema } from "~/features/missions/schemas";
import { storableText } from "~/utils/validation";
import { MAX_LEVELS } from "./editor";
import { slugSchema, trackDocument } from "./content-schemas";

/*
 * Inputs and outputs of the authoring procedures. A draft is saved as typed (the editor's state,
 * editor.ts): these schemas only bound its size and shape; the document schema (content-schemas.ts)
 * says what it still needs before it can be published.
 */

const text = (max: number) => storableText().max(max, `Use at most ${max.toLocaleString("en")} characters`);
/**
 * A number field as typed: text, or a number from an API client; kept as text. The pipe gives the
 * transform an output schema, so the editor's state can be documented as an answer too.
 */
const typedNumber = z
  .union([z.number(), text(20)])
  .transform((value) => String(value))
  .pipe(z.string());
const list = <T extends z.ZodType>(item: T, max = 50) => z.array(item).max(max, `At most ${max} entries`);

/** The editor's state; `numberField` reads the fields typed as numbers (text in, text out). */
const editorShape = <N extends z.ZodType>(numberField: N) =>
  z.object({
    track: text(80),
    title: text(200),
    summary: text(600),
    story: text(20_000),
    objectives: list(text(500), 30),
    successCriteria: list(text(500), 30),
    difficulty: text(20),
    tierRequired: text(20),
    isCapstone: z.boolean(),
    estimatedMinutes: numberField,
    passThreshold: numberField,
    prerequisites: list(text(80), 20),
    skills: list(z.object({ skill: text(80), weight: numberField })),
    subtasks: list(z.object({ title: text(200), instructions: text(20_000), evidenceRequired: z.boolean(), evidenceKinds: list(text(20), 10) })),
    rubric: list(
      z.object({
        key: text(60),
        title: text(200),
        description: text(2000),
        weight: numberField,
        maxScore: numberField,
        levels: list(z.object({ score: z.number().int().min(0).max(MAX_LEVELS), label: text(80), description: text(1000) }), MAX_LEVELS + 1),
      }),
    ),
    recipes: list(z.object({ title: text(200), skill: text(80), minutes: numberField, url: text(2000) })),
  });

export const editorMissionShape = editorShape(typedNumber);

export const missionSlugInput = z.object({ slug: slugSchema.meta({ description: "The mission's slug (a new mission's, while it is a draft)" }) });

export const editorMissionSchema = missionSlugInput.extend({ editor: editorMissionShape });

export const newMissionInput = z.object({
  track: slugSchema.meta({ description: "The slug of the track the mission joins (at its end)" }),
  slug: slugSchema.meta({ description: "The mission's address; it cannot change once created" }),
  title: storableText({ message: "A title is required" }).trim().min(1, "A title is required").max(120, "Use at most 120 characters"),
});

export const setPublishedInput = missionSlugInput.extend({
  published: z.boolean({ error: "Say true (students may start it) or false (no new starts)" }),
});

export const previewInput = missionSlugInput.extend({
  tier: z.enum(TIERS, { error: `Use one of ${TIERS.join(", ")}` }).default("FREE"),
});

const fieldErrors = z.record(z.string(), z.array(z.string())).meta({ description: "Messages per field path (e.g. `rubric.1.weight`); empty when the draft can be published" });

export const historyEntrySchema = z.object({
  number: z.number().int(),
  event: z.enum(["published", "unpublished", "republished"]),
  parts: z.array(z.string()).meta({ description: "What changed, in the editor's words" }),
  source: z.enum(["editor", "import"]),
  author: z.object({ name: z.string(), email: z.string() }).nullable().meta({ description: "null: imported from files" }),
  at: z.iso.datetime(),
});

export const missionHistorySchema = z.object({ slug: z.string(), history: z.array(historyEntrySchema) });

export const authoringOverviewSchema = z.object({
  tracks: z.array(
    z.object({
      slug: z.string(),
      title: z.string(),
      published: z.boolean(),
      missions: z.array(
        z.object({
          id: z.string(),
          slug: z.string(),
          title: z.string(),
          published: z.boolean(),
          difficulty: z.enum(DIFFICULTIES),
          tierRequired: z.enum(TIERS),
          isCapstone: z.boolean(),
          estimatedMinutes: z.number().int(),
          draftSavedAt: z.iso.datetime().nullable(),
          versions: z.number().int(),
          students: z.number().int().meta({ description: "Students who have started it" }),
        }),
      ),
    }),
  ),
  newDrafts: z.array(z.object({ slug: z.string(), title: z.string(), track: z.string(), savedAt: z.iso.datetime(), author: z.string().nullable() })),
});

export const missionEditorSchema = z.object({
  slug: z.string(),
  mission: z.object({ id: z.string(), published: z.boolean() }).nullable().meta({ description: "null: never published" }),
  draft: z.object({ savedAt: z.iso.datetime(), author: z.string().nullable() }).nullable().meta({ description: "null: no unpublished changes" }),
  editor: editorShape(z.string()).extend({ slug: z.string() }).meta({ description: "The editor's state: numbers as they were typed" }),
  fieldErrors,
  history: z.array(historyEntrySchema),
  choices: z.object({
    tracks: z.array(z.object({ slug: z.string(), title: z.string() })),
    skills: z.array(z.object({ key: z.string(), name: z.string() })),
    missions: z.array(z.object({ slug: z.string(), title: z.string() })),
    evidenceKinds: z.array(z.string()),
  }),
});

export const savedDraftSchema = z.object({ slug: z.string(), savedAt: z.iso.datetime(), fieldErrors });
export const createdDraftSchema = z.object({ slug: z.string() });
export const discardedDraftSchema = z.object({ slug: z.string(), discarded: z.literal(true) });
export const publishedMissionSchema = z.object({
  slug: z.string(),
  version: z.number().int().meta({ description: "The mission's version number after publishing" }),
  parts: z.array(z.string()).meta({ description: "What this version changed (empty: the draft matched what was published)" }),
});
export const missionVisibilitySchema = z.object({ slug: z.string(), published: z.boolean() });

export const missionPreviewSchema = missionDetailSchema.pick({ mission: true, locks: true, quota: true }).extend({
  tier: tierSchema,
  fromDraft: z.boolean().meta({ description: "false: there is no draft; this is the published mission" }),
});

export const trackSlugInput = z.object({ slug: slugSchema.meta({ description: "The track's slug" }) });

/** A track as an admin saves it: a new one is created (unpublished, at the end); `missions` reorders the track's own missions. */
export const saveTrackInput = trackDocument.omit({ missions: true }).extend({
  missions: z.array(slugSchema).max(200).optional().meta({ description: "The track's missions in their new order (all of them); omitted: the order stays" }),
  published: z.boolean({ error: "Say whether students see the track" }).default(false),
});

export const trackEditorSchema = z.object({
  track: z.object({ slug: z.string(), title: z.string(), summary: z.string(), description: z.string(), published: z.boolean() }),
  missions: z.array(z.object({ slug: z.string(), title: z.string(), published: z.boolean() })),
});
