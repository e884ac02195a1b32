/**
 * The academy's content between documents and rows: read every track, mission and skill as
 * documents (what `academy:export` writes), and plan and apply a set of documents (what
 * `academy:import`, the demo seed and publishing from the editor do), in one transaction.
 */
import type { Prisma } from "@prisma/client";
import type { Db } from "~/utils/db.server";
import { ensureRubricVersion } from "~/features/reviews/service.server";
import { academyProblems, changedParts, rubricChanged, type ContentProblem } from "./content";
import type { AcademyDocuments, MissionDocument, MissionFileDocument, SkillDocument, TrackDocument } from "./content-schemas";
import { lockAcademyContent } from "./queries.server";

type Tx = Prisma.TransactionClient;

const missionSelect = {
  id: true,
  slug: true,
  position: true,
  title: true,
  summary: true,
  story: true,
  objectives: true,
  successCriteria: true,
  difficulty: true,
  tierRequired: true,
  isCapstone: true,
  estimatedMinutes: true,
  passThreshold: true,
  published: true,
  track: { select: { slug: true } },
  prerequisites: { select: { requiredMission: { select: { slug: true } } } },
  skills: { select: { weight: true, skill: { select: { key: true } } } },
  subtasks: { orderBy: { position: "asc" }, select: { title: true, instructions: true, evidenceRequired: true, evidenceKinds: true } },
  rubric: { orderBy: { position: "asc" }, select: { key: true, title: true, description: true, weight: true, maxScore: true, levels: true } },
  recipes: { orderBy: { position: "asc" }, select: { title: true, minutes: true, url: true, skill: { select: { key: true } } } },
} satisfies Prisma.MissionSelect;
type MissionRow = Prisma.MissionGetPayload<{ select: typeof missionSelect }>;

/** A mission's rows as its document (the order of lists without a position of their own is fixed: by weight, then key; by slug). */
function missionFromRow(row: MissionRow): MissionFileDocument {
  return canonicalMission({
    slug: row.slug,
    track: row.track.slug,
    title: row.title,
    summary: row.summary,
    story: row.story,
    objectives: row.objectives,
    successCriteria: row.successCriteria,
    difficulty: row.difficulty,
    tierRequired: row.tierRequired,
    isCapstone: row.isCapstone,
    estimatedMinutes: row.estimatedMinutes,
    passThreshold: row.passThreshold,
    published: row.published,
    prerequisites: row.prerequisites.map((entry) => entry.requiredMission.slug),
    skills: row.skills.map((entry) => ({ skill: entry.skill.key, weight: entry.weight })),
    // The database's kinds are text; one it does not know is reported when the document is imported.
    subtasks: row.subtasks.map((subtask) => ({ ...subtask, evidenceKinds: subtask.evidenceKinds as MissionDocument["subtasks"][number]["evidenceKinds"] })),
    rubric: row.rubric.map((criterion) => ({ ...criterion, levels: criterion.levels as MissionDocument["rubric"][number]["levels"] })),
    recipes: row.recipes.map((recipe) => ({ title: recipe.title, skill: recipe.skill.key, minutes: recipe.minutes, url: recipe.url })),
  });
}

/**
 * A mission's document in one fixed form: lists without an order of their own sorted, every
 * object's keys in the schema's order. The same content always gives the same document, whether
 * it came from a file, the editor or the database (which keeps JSON keys in an order of its own).
 */
export function canonicalMission(mission: MissionFileDocument): MissionFileDocument {
  return {
    slug: mission.slug,
    track: mission.track,
    title: mission.title,
    summary: mission.summary,
    story: mission.story,
    objectives: [...mission.objectives],
    successCriteria: [...mission.successCriteria],
    difficulty: mission.difficulty,
    tierRequired: mission.tierRequired,
    isCapstone: mission.isCapstone,
    estimatedMinutes: mission.estimatedMinutes,
    passThreshold: mission.passThreshold,
    published: mission.published,
    prerequisites: [...mission.prerequisites].sort(),
    skills: mission.skills.map((entry) => ({ skill: entry.skill, weight: entry.weight })).sort((a, b) => b.weight - a.weight || a.skill.localeCompare(b.skill)),
    subtasks: mission.subtasks.map((subtask) => ({
      title: subtask.title,
      instructions: subtask.instructions,
      evidenceRequired: subtask.evidenceRequired,
      evidenceKinds: [...subtask.evidenceKinds],
    })),
    rubric: mission.rubric.map((criterion) => ({
      key: criterion.key,
      title: criterion.title,
      description: criterion.description,
      weight: criterion.weight,
      maxScore: criterion.maxScore,
      levels: [...criterion.levels].sort((a, b) => a.score - b.score).map((level) => ({ score: level.score, label: level.label, description: level.description })),
    })),
    recipes: mission.recipes.map((recipe) => ({ title: recipe.title, skill: recipe.skill, minutes: recipe.minutes, url: recipe.url })),
  };
}

function canonicalTrack(track: TrackDocument): TrackDocument {
  return { slug: track.slug, title: track.title, summary: track.summary, description: track.description, published: track.published, missions: [...track.missions] };
}

function canonicalSkill(skill: SkillDocument): SkillDocument {
  return { key: skill.key, name: skill.name, category: skill.category, description: skill.description };
}

/** The whole academy as documents: skills by key, tracks in order with their missions in order. */
export async function readAcademy(db: Db | Tx): Promise<AcademyDocuments> {
  // One after the other: inside a transaction both would share one connection.
  const skills = await db.skill.findMany({ orderBy: { key: "asc" }, select: { key: true, name: true, category: true, description: true } });
  const tracks = await db.track.findMany({
    orderBy: [{ position: "asc" }, { slug: "asc" }],
    select: { slug: true, title: true, summary: true, description: true, published: true, missions: { orderBy: { position: "asc" }, select: missionSelect } },
  });
  return {
    skills: skills.map(canonicalSkill),
    tracks: tracks.map(({ missions, ...track }) => canonicalTrack({ ...track, missions: missions.map((mission) => mission.slug) })),
    missions: tracks.flatMap((track) => track.missions.map(missionFromRow)),
  };
}

/** One mission's document as published, or null when there is no such mission. */
export async function readMission(db: Db | Tx, slug: string): Promise<MissionFileDocument | null> {
  const row = await db.mission.findUnique({ where: { slug }, select: missionSelect });
  return row ? missionFromRow(row) : null;
}

/** What applying a set of documents would change. Documents the files do not mention are left as they are. */
export interface ContentPlan {
  skills: { created: string[]; updated: string[] };
  tracks: { created: string[]; updated: string[] };
  missions: {
    created: string[];
    /** With the parts that changed, or the visibility change. */
    updated: { slug: string; parts: string[] }[];
    unchanged: number;
  };
  /** Missions in the database that no document mentions: kept (import never deletes a student's mission). */
  notInDocuments: string[];
}

export function planIsEmpty(plan: ContentPlan): boolean {
  return (
    plan.skills.created.length +
      plan.skills.updated.length +
      plan.tracks.created.length +
      plan.tracks.updated.length +
      plan.missions.created.length +
      plan.missions.updated.length ===
    0
  );
}

export class ContentRejected extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`The academy's documents have ${problems.length} problem${problems.length === 1 ? "" : "s"}.`);
    this.name = "ContentRejected";
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Compares documents with the academy as it is. The check runs on the academy as it would be
 * (the documents over what they do not mention), so a prerequisite may name a mission that only
 * the database has, and a cycle through both is found.
 */
export function planContent(current: AcademyDocuments, incoming: AcademyDocuments): { plan: ContentPlan; problems: ContentProblem[] } {
  const merged = mergeAcademy(current, incoming);
  const problems = academyProblems(merged, { tellCyclesFrom: incoming.missions.map((mission) => mission.slug) }).filter((problem) => mentions(incoming, problem));
  const currentSkills = new Map(current.skills.map((skill) => [skill.key, skill]));
  const currentTracks = new Map(current.tracks.map((track) => [track.slug, track]));
  const currentMissions = new Map(current.missions.map((mission) => [mission.slug, mission]));
  const plan: ContentPlan = {
    skills: { created: [], updated: [] },
    tracks: { created: [], updated: [] },
    missions: { created: [], updated: [], unchanged: 0 },
    notInDocuments: [],
  };
  for (const skill of incoming.skills) {
    const before = currentSkills.get(skill.key);
    if (!before) plan.skills.created.push(skill.key);
    else if (!same(before, canonicalSkill(skill))) plan.skills.updated.push(skill.key);
  }
  for (const track of merged.tracks) {
    const before = currentTracks.get(track.slug);
    const moved = before && current.tracks.indexOf(before) !== merged.tracks.indexOf(track);
    if (!before) plan.tracks.created.push(track.slug);
    else if (!same(before, canonicalTrack(track)) || moved) plan.tracks.updated.push(track.slug);
  }
  for (const mission of incoming.missions.map(canonicalMission)) {
    const before = currentMissions.get(mission.slug);
    if (!before) {
      plan.missions.created.push(mission.slug);
      continue;
    }
    const parts = changedParts(before, mission);
    if (before.published !== mission.published) parts.push(mission.published ? "published again" : "unpublished");
    if (parts.length > 0) plan.missions.updated.push({ slug: mission.slug, parts });
    else plan.missions.unchanged += 1;
  }
  const mentioned = new Set(incoming.missions.map((mission) => mission.slug));
  plan.notInDocuments = current.missions.filter((mission) => !mentioned.has(mission.slug)).map((mission) => mission.slug);
  return { plan, problems };
}

/** Whether a problem concerns a document of `incoming` (problems already in the database alone are not the import's to report). */
function mentions(incoming: AcademyDocuments, problem: ContentProblem): boolean {
  if (problem.document.kind === "skills") return true;
  if (problem.document.kind === "track") return incoming.tracks.some((track) => track.slug === problem.document.slug);
  return incoming.missions.some((mission) => mission.slug === problem.document.slug) || problem.message.startsWith("These missions require each other");
}

/**
 * The academy as it would be after applying `incoming`: its skills, tracks and missions replace
 * those with the same key or slug; others stay. A mission a document moves to another track
 * leaves its old track's list. The documents' tracks take the places those tracks hold now, in
 * the documents' order (a whole academy's files reorder every track; one track's document keeps
 * its place); new tracks come last.
 */
export function mergeAcademy(current: AcademyDocuments, incoming: AcademyDocuments): AcademyDocuments {
  const incomingSkills = new Set(incoming.skills.map((skill) => skill.key));
  const incomingTracks = new Set(incoming.tracks.map((track) => track.slug));
  const incomingMissions = new Map(incoming.missions.map((mission) => [mission.slug, mission]));
  const listed = new Set(incoming.tracks.flatMap((track) => track.missions));
  const withMissions = (track: TrackDocument, fromDocuments: boolean): TrackDocument => {
    if (!fromDocuments) {
      // A track the documents do not name keeps its missions, except those a document moves away.
      return { ...track, missions: track.missions.filter((slug) => !listed.has(slug) && (incomingMissions.get(slug)?.track ?? track.slug) === track.slug) };
    }
    const before = current.tracks.find((candidate) => candidate.slug === track.slug);
    // Missions only the database has stay in their track, after the listed ones.
    const unlisted = (before?.missions ?? []).filter((slug) => !listed.has(slug) && !incomingMissions.has(slug));
    return { ...track, missions: [...track.missions, ...unlisted] };
  };
  // The documents' tracks take the places the same tracks hold now, in the documents' order; new tracks come last.
  const incomingTrackDocuments = incoming.tracks.map(canonicalTrack);
  const replacing = incomingTrackDocuments.filter((track) => current.tracks.some((candidate) => candidate.slug === track.slug));
  let next = 0;
  const tracks = [
    ...current.tracks.map((track) => (incomingTracks.has(track.slug) ? withMissions(replacing[next++]!, true) : withMissions(track, false))),
    ...incomingTrackDocuments.filter((track) => !current.tracks.some((candidate) => candidate.slug === track.slug)).map((track) => withMissions(track, true)),
  ];
  // A new mission whose track the documents do not list joins the end of it.
  for (const mission of incoming.missions) {
    if (listed.has(mission.slug)) continue;
    const track = tracks.find((candidate) => candidate.slug === mission.track);
    if (track && !track.missions.includes(mission.slug)) track.missions.push(mission.slug);
  }
  return {
    skills: [...current.skills.filter((skill) => !incomingSkills.has(skill.key)), ...incoming.skills],
    tracks,
    missions: [...current.missions.filter((mission) => !incomingMissions.has(mission.slug)), ...incoming.missions.map(canonicalMission)],
  };
}

export interface ApplyOptions {
  source: "editor" | "import";
  /** The admin who publishes (null for an import from files). */
  authorId: string | null;
  /** Extra writes in the same transaction (the editor's audit entry and the draft's removal); they run when nothing changed too (see `planIsEmpty`). */
  alsoInTransaction?: (tx: Tx, plan: ContentPlan, missionIds: Map<string, string>) => Promise<void>;
}

/**
 * Applies documents to the academy in one transaction: what did not change is not written, so
 * applying the same documents twice changes nothing the second time. Refuses with every problem
 * (ContentRejected) before writing anything. Missions whose rubric changed get their new rubric
 * version at once, so attempts scored before keep theirs and later ones are scored against it.
 */
export async function applyContent(db: Db, incoming: AcademyDocuments, options: ApplyOptions): Promise<ContentPlan> {
  const missionIds = new Map<string, string>();
  const rubricsToVersion: string[] = [];
  const plan = await db.$transaction(
    async (tx) => {
      // One writer at a time: two imports (or an import and a publish) never interleave.
      await lockAcademyContent(tx);
      const current = await readAcademy(tx);
      const { plan, problems } = planContent(current, incoming);
      if (problems.length > 0) throw new ContentRejected(problems);
      if (planIsEmpty(plan)) {
        // Nothing to write; the caller's own step still runs (a draft identical to what is published is still used up).
        if (options.alsoInTransaction) {
          for (const row of await tx.mission.findMany({ select: { id: true, slug: true } })) missionIds.set(row.slug, row.id);
          await options.alsoInTransaction(tx, plan, missionIds);
        }
        return plan;
      }
      const merged = mergeAcademy(current, incoming);
      const currentMissions = new Map(current.missions.map((mission) => [mission.slug, mission]));

      const skillIds = await writeSkills(tx, incoming.skills, plan);
      const trackIds = await writeTracks(tx, merged.tracks, plan);
      for (const row of await tx.mission.findMany({ select: { id: true, slug: true } })) missionIds.set(row.slug, row.id);
      await placeMissions(tx, merged.tracks, trackIds);

      const changed = new Set([...plan.missions.created, ...plan.missions.updated.map((entry) => entry.slug)]);
      const changedMissions = merged.missions.filter((mission) => changed.has(mission.slug));
      for (const mission of changedMissions) {
        const id = await writeMission(tx, mission, trackIds, skillIds, merged.tracks, missionIds.get(mission.slug));
        missionIds.set(mission.slug, id);
      }
      for (const mission of changedMissions) {
        const missionId = missionIds.get(mission.slug)!;
        await tx.missionPrerequisite.deleteMany({ where: { missionId } });
        await tx.missionPrerequisite.createMany({ data: mission.prerequisites.map((slug) => ({ missionId, requiredMissionId: missionIds.get(slug)! })) });
        const before = currentMissions.get(mission.slug) ?? null;
        if (rubricChanged(before, mission)) rubricsToVersion.push(mission.slug);
        await recordRevision(tx, missionId, before, mission, options);
      }
      await options.alsoInTransaction?.(tx, plan, missionIds);
      return plan;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  if (rubricsToVersion.length > 0) {
    const missions = await db.mission.findMany({ where: { slug: { in: rubricsToVersion } }, select: { id: true, passThreshold: true, rubric: { orderBy: { position: "asc" } } } });
    for (const mission of missions) {
      const criteria = mission.rubric.map((criterion) => ({ ...criterion, levels: criterion.levels as MissionDocument["rubric"][number]["levels"] }));
      await ensureRubricVersion(db, mission.id, { criteria, passThreshold: mission.passThreshold });
    }
  }
  return plan;
}

async function writeSkills(tx: Tx, skills: SkillDocument[], plan: ContentPlan): Promise<Map<string, string>> {
  const write = new Set([...plan.skills.created, ...plan.skills.updated]);
  for (const skill of skills.filter((candidate) => write.has(candidate.key))) {
    const { key, ...fields } = skill;
    await tx.skill.upsert({ where: { key }, create: skill, update: fields });
  }
  const rows = await tx.skill.findMany({ select: { id: true, key: true } });
  return new Map(rows.map((row) => [row.key, row.id]));
}

async function writeTracks(tx: Tx, tracks: TrackDocument[], plan: ContentPlan): Promise<Map<string, string>> {
  const write = new Set([...plan.tracks.created, ...plan.tracks.updated]);
  for (const [index, track] of tracks.entries()) {
    if (!write.has(track.slug)) continue;
    const fields = { title: track.title, summary: track.summary, description: track.description, published: track.published, position: index + 1 };
    await tx.track.upsert({ where: { slug: track.slug }, create: { slug: track.slug, ...fields }, update: fields });
  }
  // Tracks the documents do not name follow, in their order.
  const rows = await tx.track.findMany({ select: { id: true, slug: true, position: true } });
  for (const row of rows) {
    const position = tracks.findIndex((track) => track.slug === row.slug) + 1;
    if (position > 0 && row.position !== position) await tx.track.update({ where: { id: row.id }, data: { position } });
  }
  return new Map(rows.map((row) => [row.slug, row.id]));
}

/**
 * Puts existing missions at their track and position. Positions are unique per track, so the
 * missions that move first step aside to positions no mission uses (below zero).
 */
async function placeMissions(tx: Tx, tracks: TrackDocument[], trackIds: Map<string, string>): Promise<void> {
  const target = new Map<string, { trackId: string; position: number }>();
  for (const track of tracks) track.missions.forEach((slug, index) => target.set(slug, { trackId: trackIds.get(track.slug)!, position: index + 1 }));
  const rows = await tx.mission.findMany({ select: { id: true, slug: true, trackId: true, position: true } });
  const moving = rows.filter((row) => {
    const place = target.get(row.slug);
    return place && (place.trackId !== row.trackId || place.position !== row.position);
  });
  if (moving.length === 0) return;
  for (const [index, row] of moving.entries()) await tx.mission.update({ where: { id: row.id }, data: { position: -1 - index } });
  for (const row of moving) await tx.mission.update({ where: { id: row.id }, data: target.get(row.slug)! });
}

async function writeMission(
  tx: Tx,
  mission: MissionFileDocument,
  trackIds: Map<string, string>,
  skillIds: Map<string, string>,
  tracks: TrackDocument[],
  existingId: string | undefined,
): Promise<string> {
  const track = tracks.find((candidate) => candidate.missions.includes(mission.slug))!;
  const fields = {
    trackId: trackIds.get(track.slug)!,
    position: track.missions.indexOf(mission.slug) + 1,
    title: mission.title,
    summary: mission.summary,
    story: mission.story,
    objectives: mission.objectives,
    successCriteria: mission.successCriteria,
    difficulty: mission.difficulty,
    tierRequired: mission.tierRequired,
    isCapstone: mission.isCapstone,
    estimatedMinutes: mission.estimatedMinutes,
    passThreshold: mission.passThreshold,
    published: mission.published,
  };
  const missionId = existingId
    ? (await tx.mission.update({ where: { id: existingId }, data: fields, select: { id: true } })).id
    : (await tx.mission.create({ data: { slug: mission.slug, ...fields }, select: { id: true } })).id;
  for (const [index, subtask] of mission.subtasks.entries()) {
    await tx.subtask.upsert({ where: { missionId_position: { missionId, position: index + 1 } }, create: { missionId, position: index + 1, ...subtask }, update: subtask });
  }
  // A step a student already attached evidence to is kept (their files stay reachable); only unused extras go.
  await tx.subtask.deleteMany({ where: { missionId, position: { gt: mission.subtasks.length }, files: { none: {} } } });
  await tx.rubricCriterion.deleteMany({ where: { missionId, key: { notIn: mission.rubric.map((criterion) => criterion.key) } } });
  // Positions of criteria are not unique, so each criterion can be written where it now stands.
  for (const [index, criterion] of mission.rubric.entries()) {
    const data = {
      position: index + 1,
      title: criterion.title,
      description: criterion.description,
      weight: criterion.weight,
      maxScore: criterion.maxScore,
      levels: criterion.levels,
    };
    await tx.rubricCriterion.upsert({ where: { missionId_key: { missionId, key: criterion.key } }, create: { missionId, key: criterion.key, ...data }, update: data });
  }
  await tx.recipe.deleteMany({ where: { missionId } });
  await tx.recipe.createMany({
    data: mission.recipes.map((recipe, index) => ({
      missionId,
      position: index + 1,
      title: recipe.title,
      skillId: skillIds.get(recipe.skill)!,
      minutes: recipe.minutes,
      url: recipe.url,
    })),
  });
  await tx.missionSkill.deleteMany({ where: { missionId } });
  await tx.missionSkill.createMany({ data: mission.skills.map((entry) => ({ missionId, skillId: skillIds.get(entry.skill)!, weight: entry.weight })) });
  return missionId;
}

/** A line of the mission's history: its content now, what changed and who changed it. */
async function recordRevision(tx: Tx, missionId: string, before: MissionFileDocument | null, after: MissionFileDocument, options: ApplyOptions): Promise<void> {
  const parts = changedParts(before, after);
  const { published, ...content } = after;
  const event = !before || before.published === published ? "published" : published ? "republished" : "unpublished";
  const last = await tx.missionRevision.aggregate({ where: { missionId }, _max: { number: true } });
  await tx.missionRevision.create({
    data: { missionId, number: (last._max.number ?? 0) + 1, event, content, parts, source: options.source, authorId: options.authorId },
  });
}
