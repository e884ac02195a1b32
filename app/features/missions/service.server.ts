import { formatQuotaDay, quotaMonth, quotaResetsAt, startConfirmation, startsQuota, tierRequiredFor, type Tier } from "~/domain/entitlements";
import { lockReasons, recommendation, type LockReason, type Recommendation } from "~/domain/mission-access";
import { percentComplete, type ProgressStatus } from "~/domain/mission-progress";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { idSchema } from "~/utils/validation";
import { dashboardFilters, missionListView, type DashboardFilters } from "./schemas";
import { toProgressView, progressViewSelect } from "~/features/progress/service.server";
import { findPublishedMission, findRetiredMission, publishedCatalogue, type CatalogueMission } from "./catalogue.server";
import { loadStudentContext, studentContextForRequest, studentWorkSummaryForRequest, type StudentContext } from "~/features/dashboard/student-context.server";
import { lockUserForUpdate, missionDetailOwnRows } from "./queries.server";
import type { PublicUser } from "~/features/accounts/service.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { parseOrThrow } from "~/utils/validation";

/** A mission as the dashboard shows it to one student: the catalogue's facts and where they are with it. */
export interface MissionCard extends Pick<CatalogueMission, "id" | "slug" | "title" | "summary" | "difficulty" | "estimatedMinutes" | "tierRequired" | "isCapstone" | "skills"> {
  track: { slug: string; title: string };
  progress: { id: string; status: ProgressStatus; percent: number } | null;
  locks: LockReason[];
  recommendation: Recommendation | null;
}

export interface Quota {
  used: number;
  /** null: unlimited. */
  limit: number | null;
  left: number | null;
  resetsAt: string;
  tier: Tier;
}

function quotaFor(context: StudentContext, now: Date): Quota {
  const quota = startsQuota(context.tier, context.startsThisMonth, now);
  return { used: quota.used, limit: quota.limit, left: quota.left, resetsAt: quota.resetsAt.toISOString(), tier: context.tier };
}

/**
 * The dashboard's filters, or one VALIDATION_FAILED naming every bad one: a difficulty that does
 * not exist and a track that is not in the published catalogue (a link to a removed track, a
 * typo in the address) are the sender's mistakes, answered with the values that would work.
 */
function checkedFilters(parsed: ReturnType<typeof dashboardFilters.safeParse>, rawFilters: unknown, tracks: { slug: string }[]): DashboardFilters {
  const fieldErrors: Record<string, string[]> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.map(String).join(".") || "filters"] ??= []).push(issue.message);
  }
  // The track is checked against the catalogue even when another filter was bad, so one answer names every problem.
  const slug = parsed.success
    ? parsed.data.track
    : fieldErrors.track
      ? undefined
      : dashboardFilters.shape.track.safeParse((rawFilters as { track?: unknown } | null | undefined)?.track).data;
  if (slug && !tracks.some((candidate) => candidate.slug === slug)) {
    fieldErrors.track = [`There is no track “${slug}”. Use one of: ${tracks.map((candidate) => candidate.slug).join(", ") || "(no tracks are published yet)"}.`];
  }
  if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION_FAILED", "Some of the filters in this address are not valid.", { fieldErrors });
  return parsed.data!;
}

/** The mission list's view (`?show=all`), checked; a wrong value is a 400 that says what to use. */
export function missionListViewOf(searchParams: URLSearchParams): { show?: "all" } {
  return parseOrThrow(missionListView, { show: searchParams.get("show") ?? undefined });
}

/**
 * The student's mission dashboard. Query budget (the page's whole render is held to six): the
 * session, the student's context (plan, quota, tracks, unread, catalogue revision) and the
 * student's work summary (progress, which the page's recommendations share); the published catalogue
 * comes from memory (one more statement after it changed).
 */
export async function getMissionDashboard(db: Db, user: PublicUser, rawFilters: unknown = {}, now = new Date()) {
  const parsed = dashboardFilters.safeParse(rawFilters ?? {});
  const context = await studentContextForRequest(db, user.id, now);
  const [catalogue, { progress: progressRows }] = await Promise.all([publishedCatalogue(db, context.catalogueRevision), studentWorkSummaryForRequest(db, user.id)]);
  const tracks = catalogue.tracks;
  const filters = checkedFilters(parsed, rawFilters, tracks);
  const track = filters.track ? tracks.find((candidate) => candidate.slug === filters.track) : undefined;
  // An explicit track wins; otherwise the student's own tracks; otherwise everything.
  const shownTracks = new Set(track ? [track.id] : context.enrolledTrackIds.length > 0 ? context.enrolledTrackIds : tracks.map((candidate) => candidate.id));
  const progressByMission = new Map(progressRows.map((row) => [row.missionId, row]));
  const chosen = (mission: CatalogueMission) => !filters.difficulty || mission.difficulty === filters.difficulty;
  const missions = [
    ...catalogue.missions.filter((mission) => shownTracks.has(mission.trackId) && chosen(mission)),
    // A mission taken off the catalogue stays with the students who started it (whatever its track).
    ...catalogue.retired.filter((mission) => progressByMission.has(mission.id) && (!track || mission.trackId === track.id) && chosen(mission)),
  ];

  const approved = new Set(progressRows.filter((row) => row.status === "APPROVED").map((row) => row.missionId));
  const started = new Set(progressRows.map((row) => row.missionId));
  const accessStanding = { tier: context.tier, approvedMissionIds: approved, startedMissionIds: started, startsThisMonth: context.startsThisMonth };

  const cards: MissionCard[] = missions.map((mission) => {
    const progress = progressByMission.get(mission.id);
    const titles = new Map(mission.prerequisites.map((prerequisite) => [prerequisite.id, prerequisite.title]));
    return {
      id: mission.id,
      slug: mission.slug,
      title: mission.title,
      summary: mission.summary,
      difficulty: mission.difficulty,
      estimatedMinutes: mission.estimatedMinutes,
      tierRequired: tierRequiredFor(mission),
      isCapstone: mission.isCapstone,
      track: { slug: mission.trackSlug, title: mission.trackTitle },
      skills: mission.skills,
      progress: progress ? { id: progress.id, status: progress.status, percent: percentComplete(progress.completed, mission.subtaskCount) } : null,
      locks: lockReasons({ ...mission, prerequisiteIds: mission.prerequisites.map((p) => p.id) }, accessStanding, (id) => titles.get(id) ?? id, now),
      recommendation: context.level ? recommendation(mission.difficulty, context.level) : null,
    };
  });

  return {
    tracks: tracks.map((candidate) => ({ id: candidate.id, slug: candidate.slug, title: candidate.title, enrolled: context.enrolledTrackIds.includes(candidate.id) })),
    filters: { track: track?.slug ?? null, difficulty: filters.difficulty ?? null },
    level: context.level,
    profilerScore: context.profilerScore,
    onboarded: context.onboarded,
    quota: quotaFor(context, now),
    available: cards.filter((card) => !card.progress),
    inProgress: cards.filter((card) => card.progress && card.progress.status !== "APPROVED"),
    completed: cards.filter((card) => card.progress?.status === "APPROVED"),
  };
}

export type MissionDashboard = Awaited<ReturnType<typeof getMissionDashboard>>;

/**
 * The whole mission as a student sees it, with their progress and what (if anything) locks it.
 * The mission comes from the process's copy of the published catalogue (ADR 011); besides the
 * request's student context, one statement reads the student's own rows: their progress on it (files,
 * attempts, reviews), which of its prerequisites they have had approved, and their mastery of
 * the skills its recipes train.
 */
export async function getMissionDetail(db: Db, user: PublicUser, rawMissionId: unknown, now = new Date()) {
  const missionId = parseOrThrow(idSchema, rawMissionId);
  const context = await studentContextForRequest(db, user.id, now);
  const catalogue = await publishedCatalogue(db, context.catalogueRevision);
  const published = findPublishedMission(catalogue, missionId);
  const mission = published ?? findRetiredMission(catalogue, missionId);
  if (!mission) throw AppError.notFound("This mission");
  const { content } = mission;
  const [own] = await missionDetailOwnRows(
    db,
    user.id,
    mission.id,
    mission.prerequisites.map((prerequisite) => prerequisite.id),
    content.recipes.map((recipe) => recipe.skill.id),
  );
  if (!own) throw new Error("The mission detail statement returned no row.");
  const { progress, approvedPrerequisiteIds, mastery } = own;
  // Taken off the catalogue: only a student who started it still sees it.
  if (!published && !progress) throw AppError.notFound("This mission");
  const titles = new Map(mission.prerequisites.map((prerequisite) => [prerequisite.id, prerequisite.title]));
  const locks = lockReasons(
    { ...mission, prerequisiteIds: mission.prerequisites.map((p) => p.id) },
    {
      tier: context.tier,
      approvedMissionIds: new Set(approvedPrerequisiteIds),
      // Only this mission's own record matters: a mission already started is never locked.
      startedMissionIds: new Set(progress ? [mission.id] : []),
      startsThisMonth: context.startsThisMonth,
    },
    (id) => titles.get(id) ?? id,
    now,
  );
  // Recipes for the student's weakest skills first (no signal yet counts as weakest), then in authored order.
  const recipes = content.recipes
    .map((recipe, index) => ({ recipe, index, mastery: mastery[recipe.skill.id] ?? 0 }))
    .sort((a, b) => a.mastery - b.mastery || a.index - b.index)
    .map(({ recipe, mastery: skillMastery }) => ({
      id: recipe.id,
      title: recipe.title,
      minutes: recipe.minutes,
      url: recipe.url,
      skill: { key: recipe.skill.key, name: recipe.skill.name },
      mastery: skillMastery,
    }));
  return {
    mission: {
      id: mission.id,
      slug: mission.slug,
      title: mission.title,
      summary: mission.summary,
      story: content.story,
      objectives: content.objectives,
      successCriteria: content.successCriteria,
      difficulty: mission.difficulty,
      tierRequired: tierRequiredFor(mission),
      isCapstone: mission.isCapstone,
      estimatedMinutes: mission.estimatedMinutes,
      passThreshold: content.passThreshold,
      track: { slug: mission.trackSlug, title: mission.trackTitle },
      subtasks: content.subtasks,
      rubric: content.rubric,
      skills: content.skills,
      recipes,
      prerequisites: mission.prerequisites,
    },
    progress: progress
      ? toProgressView(
          progress,
          content.subtasks.map((subtask) => subtask.id),
        )
      : null,
    locks,
    quota: quotaFor(context, now),
    recommendation: context.level ? recommendation(mission.difficulty, context.level) : null,
  };
}

export type MissionDetail = Awaited<ReturnType<typeof getMissionDetail>>;

/**
 * The mission as its page shows it: the story and each step's instructions as safe HTML rendered
 * here, in place of their markdown, so the browser never downloads the renderer.
 */
export function missionForPage(mission: MissionDetail["mission"]) {
  const { story, subtasks, ...rest } = mission;
  return {
    ...rest,
    storyHtml: renderMarkdown(story),
    subtasks: subtasks.map(({ instructions, ...subtask }) => ({ ...subtask, instructionsHtml: renderMarkdown(instructions, 3) })),
  };
}
export type PageMission = ReturnType<typeof missionForPage>;

const LOCK_ERRORS: Record<LockReason["kind"], "TIER_REQUIRED" | "FORBIDDEN" | "QUOTA_EXCEEDED"> = {
  tier: "TIER_REQUIRED",
  prerequisites: "FORBIDDEN",
  quota: "QUOTA_EXCEEDED",
};

/**
 * Starts a mission for a student: checks tier, prerequisites and the month's quota and
 * creates the progress record, atomically. The student's row is locked for the transaction,
 * so concurrent starts by one student are serialised and can never exceed the quota.
 * Starting a mission already started returns the existing progress (`created: false`).
 */
export async function startMission(db: Db, user: PublicUser, rawMissionId: unknown, now = new Date()) {
  const missionId = parseOrThrow(idSchema, rawMissionId);
  if (user.role !== "STUDENT") throw new AppError("FORBIDDEN", "Only students start missions.");
  const mission = await db.mission.findFirst({
    where: { OR: [{ id: missionId }, { slug: missionId }], published: true },
    select: {
      id: true,
      trackId: true,
      tierRequired: true,
      isCapstone: true,
      difficulty: true,
      subtasks: { select: { id: true }, orderBy: { position: "asc" } },
      prerequisites: { select: { requiredMission: { select: { id: true, title: true } } } },
    },
  });
  if (!mission) throw AppError.notFound("This mission");
  const result = await db.$transaction(async (tx) => {
    await lockUserForUpdate(tx, user.id);
    const existing = await tx.missionProgress.findUnique({ where: { userId_missionId: { userId: user.id, missionId: mission.id } }, select: progressViewSelect });
    if (existing) return { created: false, progress: existing };
    const [context, approvedRows] = await Promise.all([
      loadStudentContext(tx, user.id, now),
      tx.missionProgress.findMany({ where: { userId: user.id, status: "APPROVED" }, select: { missionId: true } }),
    ]);
    const prerequisites = mission.prerequisites.map((entry) => entry.requiredMission);
    const titles = new Map(prerequisites.map((p) => [p.id, p.title]));
    const locks = lockReasons(
      { ...mission, prerequisiteIds: prerequisites.map((p) => p.id) },
      { tier: context.tier, approvedMissionIds: new Set(approvedRows.map((row) => row.missionId)), startedMissionIds: new Set(), startsThisMonth: context.startsThisMonth },
      (id) => titles.get(id) ?? id,
      now,
    );
    if (locks.length > 0) {
      const first = locks[0]!;
      const message = first.kind === "quota" ? `${first.message} Your quota resets on ${formatQuotaDay(quotaResetsAt(now))}.` : first.message;
      throw new AppError(LOCK_ERRORS[first.kind], message, { locks });
    }
    const subtaskState = Object.fromEntries(mission.subtasks.map((subtask) => [subtask.id, { notes: "", completed: false }]));
    const progress = await tx.missionProgress.create({
      data: { userId: user.id, missionId: mission.id, status: "IN_PROGRESS", version: 1, subtaskState, startedAt: now },
      select: progressViewSelect,
    });
    await tx.missionStart.create({ data: { userId: user.id, missionId: mission.id, month: quotaMonth(now) } });
    await tx.trackEnrollment.createMany({ data: [{ userId: user.id, trackId: mission.trackId }], skipDuplicates: true });
    return { created: true, progress };
  });
  return {
    created: result.created,
    progress: toProgressView(
      result.progress,
      mission.subtasks.map((subtask) => subtask.id),
    ),
  };
}

/**
 * What a page asks before starting this mission for this student (`startConfirmation`: "This uses
 * your 1 start for December."), or null when nothing needs asking: the plan has no monthly limit,
 * the mission is started already (opening it again costs nothing), or the caller is not a student
 * (startMission refuses them with its own message). With the mission's slug, for the page's address.
 */
export async function startQuestion(db: Db, user: PublicUser, rawMissionId: unknown, now = new Date()): Promise<{ slug: string; title: string; question: string | null }> {
  const missionId = parseOrThrow(idSchema, rawMissionId);
  const context = await studentContextForRequest(db, user.id, now);
  const mission = findPublishedMission(await publishedCatalogue(db, context.catalogueRevision), missionId);
  if (!mission) throw AppError.notFound("This mission");
  const answer = { slug: mission.slug, title: mission.title };
  if (user.role !== "STUDENT") return { ...answer, question: null };
  const started = await db.missionProgress.findUnique({ where: { userId_missionId: { userId: user.id, missionId: mission.id } }, select: { id: true } });
  return { ...answer, question: started ? null : startConfirmation(startsQuota(context.tier, context.startsThisMonth, now), now) };
}
