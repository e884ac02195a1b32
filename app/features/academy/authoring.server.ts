/**
 * Authoring missions: drafts admins edit, publishing a draft (through the same path as an
 * import, content.server.ts), unpublishing, each mission's history, and a draft previewed as a
 * student of a chosen tier would see it. Students only ever see what was published.
 */
import type { Prisma } from "@prisma/client";
import type { z } from "zod";
import { lockReasons } from "~/domain/mission-access";
import { startsQuota } from "~/domain/entitlements";
import { assertRole } from "~/features/accounts/auth.server";
import type { PublicUser } from "~/features/accounts/service.server";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { parseOrThrow } from "~/utils/validation";
import { recordAudit } from "./audit.server";
import { applyContent, ContentRejected, planContent, planIsEmpty, readAcademy, readMission } from "./content.server";
import { EVIDENCE_KINDS, missionDocument, type MissionDocument } from "./content-schemas";
import { documentInput, editorFromDocument, newMission, type EditorMission } from "./editor";
import { editorMissionSchema, newMissionInput, missionSlugInput, previewInput, saveTrackInput, setPublishedInput, trackSlugInput } from "./authoring-schemas";

const draftSelect = { id: true, missionId: true, content: true, updatedAt: true, author: { select: { name: true, email: true } } } satisfies Prisma.MissionDraftSelect;
type DraftRow = Prisma.MissionDraftGetPayload<{ select: typeof draftSelect }>;

/** The mission with this slug and its draft, or a new mission's draft; NOT_FOUND when neither exists. */
async function findBySlug(db: Db, slug: string): Promise<{ mission: { id: string; published: boolean; title: string } | null; draft: DraftRow | null }> {
  const mission = await db.mission.findUnique({ where: { slug }, select: { id: true, published: true, title: true, draft: { select: draftSelect } } });
  if (mission) {
    const { draft, ...rest } = mission;
    return { mission: rest, draft };
  }
  const draft = await db.missionDraft.findFirst({ where: { missionId: null, content: { path: ["slug"], equals: slug } }, select: draftSelect });
  if (!draft) throw AppError.notFound("This mission");
  return { mission: null, draft };
}

/** Field messages for an editor's state: the document's own rules, then what it refers to (skills, track, prerequisites, cycles). */
async function problemsOf(db: Db, editor: EditorMission, published: boolean): Promise<{ document: MissionDocument | null; fieldErrors: Record<string, string[]> }> {
  const parsed = missionDocument.safeParse(documentInput(editor));
  const fieldErrors: Record<string, string[]> = {};
  const add = (path: readonly PropertyKey[], message: string) => (fieldErrors[path.map(String).join(".") || "form"] ??= []).push(message);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(issue.path, issue.message);
    return { document: null, fieldErrors };
  }
  const { problems } = planContent(await readAcademy(db), { skills: [], tracks: [], missions: [{ ...parsed.data, published }] });
  for (const problem of problems) add(problem.path, problem.message);
  return { document: Object.keys(fieldErrors).length === 0 ? parsed.data : null, fieldErrors };
}

/** Every track with its missions (published or not, with their drafts), and new missions not yet published. */
export async function authoringOverview(db: Db, admin: PublicUser) {
  assertRole(admin, "ADMIN");
  const [tracks, newDrafts] = await Promise.all([
    db.track.findMany({
      orderBy: { position: "asc" },
      select: {
        slug: true,
        title: true,
        published: true,
        missions: {
          orderBy: { position: "asc" },
          select: {
            id: true,
            slug: true,
            title: true,
            published: true,
            difficulty: true,
            tierRequired: true,
            isCapstone: true,
            estimatedMinutes: true,
            draft: { select: { updatedAt: true } },
            _count: { select: { revisions: true, progress: true } },
          },
        },
      },
    }),
    db.missionDraft.findMany({ where: { missionId: null }, orderBy: { updatedAt: "desc" }, select: draftSelect }),
  ]);
  return {
    tracks: tracks.map((track) => ({
      ...track,
      missions: track.missions.map(({ draft, _count, ...mission }) => ({
        ...mission,
        draftSavedAt: draft?.updatedAt.toISOString() ?? null,
        versions: _count.revisions,
        students: _count.progress,
      })),
    })),
    newDrafts: newDrafts.map((draft) => {
      const content = draft.content as unknown as EditorMission;
      return { slug: content.slug, title: content.title || content.slug, track: content.track, savedAt: draft.updatedAt.toISOString(), author: draft.author?.name ?? null };
    }),
  };
}

/** Starts a new mission as a draft in a track; its slug is fixed from here on (it is the mission's address). */
export async function createMissionDraft(db: Db, admin: PublicUser, raw: unknown) {
  assertRole(admin, "ADMIN");
  const input = parseOrThrow(newMissionInput, raw);
  const track = await db.track.findUnique({ where: { slug: input.track }, select: { id: true } });
  if (!track) throw new AppError("VALIDATION_FAILED", "Some fields need attention.", { fieldErrors: { track: [`There is no track “${input.track}”`] } });
  const taken =
    (await db.mission.findUnique({ where: { slug: input.slug }, select: { id: true } })) ??
    (await db.missionDraft.findFirst({ where: { missionId: null, content: { path: ["slug"], equals: input.slug } }, select: { id: true } }));
  if (taken) throw new AppError("ALREADY_EXISTS", "Another mission already uses this slug.", { fieldErrors: { slug: ["Another mission already uses this slug; choose another"] } });
  const editor = newMission(input);
  await db.missionDraft.create({ data: { content: editor as unknown as Prisma.InputJsonObject, authorId: admin.id } });
  return { slug: input.slug };
}

/** What the editor opens: the draft (or, without one, the published mission), its problems, its history and the choices its fields offer. */
export async function missionEditor(db: Db, admin: PublicUser, raw: unknown) {
  assertRole(admin, "ADMIN");
  const { slug } = parseOrThrow(missionSlugInput, raw);
  const { mission, draft } = await findBySlug(db, slug);
  const published = mission ? await readMission(db, slug) : null;
  const editor = draft ? (draft.content as unknown as EditorMission) : editorFromDocument(published!);
  const [{ fieldErrors }, tracks, skills, missions, history] = await Promise.all([
    problemsOf(db, editor, mission?.published ?? true),
    db.track.findMany({ orderBy: { position: "asc" }, select: { slug: true, title: true } }),
    db.skill.findMany({ orderBy: { name: "asc" }, select: { key: true, name: true } }),
    db.mission.findMany({ where: { slug: { not: slug } }, orderBy: [{ track: { position: "asc" } }, { position: "asc" }], select: { slug: true, title: true } }),
    mission ? historyOf(db, mission.id) : Promise.resolve([]),
  ]);
  return {
    slug,
    /** null: never published yet. */
    mission: mission ? { id: mission.id, published: mission.published } : null,
    draft: draft ? { savedAt: draft.updatedAt.toISOString(), author: draft.author?.name ?? null } : null,
    editor,
    fieldErrors,
    history,
    choices: { tracks, skills, missions, evidenceKinds: [...EVIDENCE_KINDS] },
  };
}

/** Saves the editor's state as the draft, whatever its problems (returned, for the page to show): an unfinished draft is never lost. */
export async function saveMissionDraft(db: Db, admin: PublicUser, raw: unknown) {
  assertRole(admin, "ADMIN");
  const { slug, editor: sent } = parseOrThrow(editorMissionSchema, raw);
  const { mission, draft } = await findBySlug(db, slug);
  const editor: EditorMission = { ...sent, slug };
  const content = editor as unknown as Prisma.InputJsonObject;
  const saved = draft
    ? await db.missionDraft.update({ where: { id: draft.id }, data: { content, authorId: admin.id }, select: { updatedAt: true } })
    : await db.missionDraft.create({ data: { missionId: mission!.id, content, authorId: admin.id }, select: { updatedAt: true } });
  const { fieldErrors } = await problemsOf(db, editor, mission?.published ?? true);
  return { slug, savedAt: saved.updatedAt.toISOString(), fieldErrors };
}

/** Drops the draft: the published mission (if any) stays as it is. */
export async function discardMissionDraft(db: Db, admin: PublicUser, raw: unknown) {
  assertRole(admin, "ADMIN");
  const { slug } = parseOrThrow(missionSlugInput, raw);
  const { draft } = await findBySlug(db, slug);
  if (!draft) throw new AppError("INVALID_STATE", "This mission has no draft to discard.");
  await db.missionDraft.delete({ where: { id: draft.id } });
  return { slug, discarded: true as const };
}

/**
 * Publishes the draft: checked like an import (every field message at once, VALIDATION_FAILED),
 * written in one transaction with its history line, its audit entry and the draft's removal.
 * A changed rubric becomes a new rubric version; attempts already scored keep theirs.
 */
export async function publishMissionDraft(db: Db, admin: PublicUser, raw: unknown) {
  assertRole(admin, "ADMIN");
  const { slug } = parseOrThrow(missionSlugInput, raw);
  const { mission, draft } = await findBySlug(db, slug);
  if (!draft) throw new AppError("INVALID_STATE", "There is nothing new to publish: edit the mission first.");
  const published = mission?.published ?? true;
  const { document, fieldErrors } = await problemsOf(db, draft.content as unknown as EditorMission, published);
  if (!document) throw new AppError("VALIDATION_FAILED", "Fix the fields marked below before publishing.", { fieldErrors });
  const before = mission ? await readMission(db, slug) : null;
  try {
    const plan = await applyContent(
      db,
      { skills: [], tracks: [], missions: [{ ...document, published }] },
      {
        source: "editor",
        authorId: admin.id,
        alsoInTransaction: async (tx, plan, missionIds) => {
          await tx.missionDraft.delete({ where: { id: draft.id } });
          if (planIsEmpty(plan)) return;
          await recordAudit(tx, {
            actorId: admin.id,
            action: "mission.publish",
            target: { type: "Mission", id: missionIds.get(slug)!, label: document.title },
            before: before ? before : null,
            after: { ...document, published },
          });
        },
      },
    );
    const latest = await db.missionRevision.findFirst({ where: { mission: { slug } }, orderBy: { number: "desc" }, select: { number: true, parts: true } });
    const changed = plan.missions.created.length + plan.missions.updated.length > 0;
    return { slug, version: latest?.number ?? 0, parts: changed ? (latest?.parts ?? []) : [] };
  } catch (error) {
    if (error instanceof ContentRejected) {
      const errors: Record<string, string[]> = {};
      for (const problem of error.problems) (errors[problem.path.map(String).join(".") || "form"] ??= []).push(problem.message);
      throw new AppError("VALIDATION_FAILED", "Fix the fields marked below before publishing.", { fieldErrors: errors });
    }
    throw error;
  }
}

/**
 * Unpublishing hides a mission from new starts; students who started it keep it (their page,
 * their work and its reviews). Publishing it again opens it to new starts.
 */
export async function setMissionPublished(db: Db, admin: PublicUser, raw: unknown) {
  assertRole(admin, "ADMIN");
  const { slug, published } = parseOrThrow(setPublishedInput, raw);
  const current = await readMission(db, slug);
  if (!current) throw AppError.notFound("This mission");
  if (current.published === published) return { slug, published };
  await applyContent(
    db,
    { skills: [], tracks: [], missions: [{ ...current, published }] },
    {
      source: "editor",
      authorId: admin.id,
      alsoInTransaction: async (tx, _plan, missionIds) => {
        await recordAudit(tx, {
          actorId: admin.id,
          action: "mission.visibility",
          target: { type: "Mission", id: missionIds.get(slug)!, label: current.title },
          before: { published: current.published },
          after: { published },
        });
      },
    },
  );
  return { slug, published };
}

async function historyOf(db: Db, missionId: string) {
  const rows = await db.missionRevision.findMany({
    where: { missionId },
    orderBy: { number: "desc" },
    select: { number: true, event: true, parts: true, source: true, createdAt: true, author: { select: { name: true, email: true } } },
  });
  return rows.map((row) => ({
    number: row.number,
    event: row.event as "published" | "unpublished" | "republished",
    parts: row.parts,
    source: row.source as "editor" | "import",
    author: row.author ? { name: row.author.name, email: row.author.email } : null,
    at: row.createdAt.toISOString(),
  }));
}

/** A mission's history, newest first: each published version with what changed and who changed it. */
export async function missionHistory(db: Db, admin: PublicUser, raw: unknown) {
  assertRole(admin, "ADMIN");
  const { slug } = parseOrThrow(missionSlugInput, raw);
  const mission = await db.mission.findUnique({ where: { slug }, select: { id: true } });
  if (!mission) throw AppError.notFound("This mission");
  return { slug, history: await historyOf(db, mission.id) };
}

/**
 * The draft (or the published mission) as a student of `tier` who has not started it sees its
 * page: the same fields, locks and start quota the student page computes, for a student with no
 * approved missions and no starts this month. Refuses a draft that does not validate yet.
 */
export async function previewMission(db: Db, admin: PublicUser, raw: unknown, now = new Date()) {
  assertRole(admin, "ADMIN");
  const { slug, tier } = parseOrThrow(previewInput, raw);
  const { mission, draft } = await findBySlug(db, slug);
  const editor = draft ? (draft.content as unknown as EditorMission) : editorFromDocument((await readMission(db, slug))!);
  const { document, fieldErrors } = await problemsOf(db, editor, mission?.published ?? true);
  if (!document) throw new AppError("VALIDATION_FAILED", "This draft cannot be previewed until the fields marked in the editor are fixed.", { fieldErrors });
  const [track, skills, prerequisites] = await Promise.all([
    db.track.findUniqueOrThrow({ where: { slug: document.track }, select: { slug: true, title: true } }),
    db.skill.findMany({
      where: { key: { in: [...document.skills.map((entry) => entry.skill), ...document.recipes.map((recipe) => recipe.skill)] } },
      select: { key: true, name: true },
    }),
    db.mission.findMany({ where: { slug: { in: document.prerequisites } }, select: { id: true, slug: true, title: true, position: true } }),
  ]);
  const skillName = new Map(skills.map((skill) => [skill.key, skill.name]));
  const id = mission?.id ?? `draft-${slug}`;
  const locks = lockReasons(
    { id, tierRequired: document.tierRequired, isCapstone: document.isCapstone, difficulty: document.difficulty, prerequisiteIds: prerequisites.map((entry) => entry.id) },
    { tier: tier, approvedMissionIds: new Set(), startedMissionIds: new Set(), startsThisMonth: 0 },
    (missionId) => prerequisites.find((entry) => entry.id === missionId)?.title ?? missionId,
    now,
  );
  const quota = startsQuota(tier, 0, now);
  return {
    tier: tier,
    fromDraft: draft !== null,
    mission: {
      id,
      slug,
      title: document.title,
      summary: document.summary,
      story: document.story,
      objectives: document.objectives,
      successCriteria: document.successCriteria,
      difficulty: document.difficulty,
      tierRequired: document.tierRequired,
      isCapstone: document.isCapstone,
      estimatedMinutes: document.estimatedMinutes,
      passThreshold: document.passThreshold,
      track,
      subtasks: document.subtasks.map((subtask, index) => ({ id: `step-${index + 1}`, position: index + 1, ...subtask })),
      rubric: document.rubric,
      skills: document.skills.map((entry) => ({ key: entry.skill, name: skillName.get(entry.skill) ?? entry.skill, weight: entry.weight })),
      recipes: document.recipes.map((recipe, index) => ({
        id: `recipe-${index + 1}`,
        title: recipe.title,
        minutes: recipe.minutes,
        url: recipe.url,
        skill: { key: recipe.skill, name: skillName.get(recipe.skill) ?? recipe.skill },
        mastery: 0,
      })),
      prerequisites: prerequisites
        .sort((a, b) => a.position - b.position)
        .map(({ id: prerequisiteId, slug: prerequisiteSlug, title }) => ({ id: prerequisiteId, slug: prerequisiteSlug, title })),
    },
    locks,
    quota: { used: quota.used, limit: quota.limit, left: quota.left, resetsAt: quota.resetsAt.toISOString(), tier: tier },
  };
}

/** A track as its editor shows it: its fields and its missions in order. */
export async function trackEditor(db: Db, admin: PublicUser, raw: unknown) {
  assertRole(admin, "ADMIN");
  const { slug } = parseOrThrow(trackSlugInput, raw);
  const track = await db.track.findUnique({
    where: { slug },
    select: {
      slug: true,
      title: true,
      summary: true,
      description: true,
      published: true,
      missions: { orderBy: { position: "asc" }, select: { slug: true, title: true, published: true } },
    },
  });
  if (!track) throw AppError.notFound("This track");
  const { missions, ...fields } = track;
  return { track: fields, missions };
}

/** Changes a track: its texts, whether students see it, the order of its missions. Written like an import, with an audit entry. */
export async function saveTrack(db: Db, admin: PublicUser, raw: unknown) {
  assertRole(admin, "ADMIN");
  const input = parseOrThrow(saveTrackInput, raw);
  if (!(await db.track.findUnique({ where: { slug: input.slug }, select: { id: true } }))) throw AppError.notFound("This track");
  return await writeTrack(db, admin, input);
}

async function writeTrack(db: Db, admin: PublicUser, input: z.output<typeof saveTrackInput>) {
  const before = await db.track.findUnique({
    where: { slug: input.slug },
    select: { id: true, title: true, summary: true, description: true, published: true, missions: { orderBy: { position: "asc" }, select: { slug: true } } },
  });
  const current = before?.missions.map((mission) => mission.slug) ?? [];
  const missions = input.missions ?? current;
  if (missions.length !== current.length || missions.some((slug) => !current.includes(slug))) {
    throw new AppError("VALIDATION_FAILED", "Some fields need attention.", { fieldErrors: { missions: ["List exactly the track's own missions, in their new order"] } });
  }
  const document = { slug: input.slug, title: input.title, summary: input.summary, description: input.description, published: input.published, missions };
  await applyContent(
    db,
    { skills: [], tracks: [document], missions: [] },
    {
      source: "editor",
      authorId: admin.id,
      alsoInTransaction: async (tx, plan) => {
        if (planIsEmpty(plan)) return;
        const row = await tx.track.findUniqueOrThrow({ where: { slug: input.slug }, select: { id: true } });
        await recordAudit(tx, {
          actorId: admin.id,
          action: "track.save",
          target: { type: "Track", id: row.id, label: input.title },
          before: before ? { title: before.title, summary: before.summary, description: before.description, published: before.published, missions: current } : null,
          after: { title: document.title, summary: document.summary, description: document.description, published: document.published, missions },
        });
      },
    },
  );
  return await trackEditor(db, admin, { slug: input.slug });
}

/** A new track (unpublished, after the others); ALREADY_EXISTS when the slug is taken. */
export async function createTrack(db: Db, admin: PublicUser, raw: unknown) {
  assertRole(admin, "ADMIN");
  const input = parseOrThrow(saveTrackInput, raw);
  if (await db.track.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
    throw new AppError("ALREADY_EXISTS", "Another track already uses this slug.", { fieldErrors: { slug: ["Another track already uses this slug; choose another"] } });
  }
  return await writeTrack(db, admin, { ...input, published: false, missions: [] });
}
