import type { EvidenceStorage } from "~/adapters/storage/storage.server";
import { handleProblem, normaliseHandle } from "~/domain/handle";
import type { PublicUser } from "~/features/accounts/service.server";
import { openStoredEvidence, type OpenedEvidence } from "~/features/evidence/service.server";
import { evidenceUrl } from "~/features/progress/service.server";
import { reviewerLabel } from "~/features/reviews/reviewer-label";
import type { Db } from "~/utils/db.server";
import { appUrl } from "~/utils/env.server";
import { AppError, sqlStateOf } from "~/utils/errors";
import { parseOrThrow } from "~/utils/validation";
import { changeHandleInput, portfolioItemChoicesInput, type PortfolioFile, type PortfolioItemView, type PortfolioReviewer, type PortfolioView } from "./schemas";

/**
 * The portfolio (PRODUCT.md, "Portfolio"): one item per approved attempt, private until the
 * student shows it. The public page reads only items marked public and, of their evidence, only
 * the files the student chose; it is read afresh on every request, so hiding an item or a file
 * takes effect at once.
 */

const itemSelect = {
  id: true,
  submissionId: true,
  missionId: true,
  title: true,
  summary: true,
  reflection: true,
  score: true,
  skills: true,
  reviewer: true,
  mentorApproved: true,
  isPublic: true,
  approvedAt: true,
  evidenceFileIds: true,
  publicFileIds: true,
  mission: { select: { slug: true } },
} as const;

const fileSelect = { id: true, originalName: true, contentType: true, sizeBytes: true } as const;

type SkillJson = { key: string; name: string; weight: number };

/** Who scored the work, in words: a model, the built-in reviewer, or a mentor. */
export function portfolioReviewer(name: string): PortfolioReviewer {
  if (name === "mentor") return { kind: "mentor", name, label: "Mentor review" };
  return reviewerLabel(name);
}

export function publicPageUrl(handle: string): string {
  return `${appUrl()}/u/${handle}`;
}

export function publicFileUrl(handle: string, fileId: string): string {
  return `/u/${handle}/files/${fileId}`;
}

function skillsOf(value: unknown): SkillJson[] {
  return Array.isArray(value) ? (value as SkillJson[]) : [];
}

/** The caller's portfolio, newest approval first, with every file of each approved attempt. */
export async function listPortfolio(db: Db, user: PublicUser): Promise<PortfolioView> {
  const [owner, items] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: user.id }, select: { handle: true } }),
    db.portfolioItem.findMany({ where: { userId: user.id }, orderBy: [{ approvedAt: "desc" }, { id: "asc" }], select: itemSelect }),
  ]);
  const fileIds = [...new Set(items.flatMap((item) => item.evidenceFileIds))];
  const files = fileIds.length === 0 ? [] : await db.evidenceFile.findMany({ where: { id: { in: fileIds }, ownerId: user.id }, select: fileSelect });
  const byId = new Map(files.map((file) => [file.id, file]));
  return {
    handle: owner.handle,
    publicUrl: publicPageUrl(owner.handle),
    items: items.map((item) => {
      const shown = new Set(item.publicFileIds);
      return toItemView(
        item,
        item.evidenceFileIds.flatMap((id) => {
          const file = byId.get(id);
          return file ? [{ id, name: file.originalName, contentType: file.contentType, sizeBytes: file.sizeBytes, url: evidenceUrl(id), public: shown.has(id) }] : [];
        }),
      );
    }),
  };
}

type ItemRow = {
  id: string;
  submissionId: string;
  missionId: string;
  title: string;
  summary: string;
  reflection: string;
  score: number;
  skills: unknown;
  reviewer: string;
  mentorApproved: boolean;
  isPublic: boolean;
  approvedAt: Date;
  mission: { slug: string };
};

function toItemView(item: ItemRow, files: PortfolioFile[]): PortfolioItemView {
  return {
    id: item.id,
    submissionId: item.submissionId,
    mission: { id: item.missionId, slug: item.mission.slug, title: item.title },
    approvedAt: item.approvedAt.toISOString(),
    score: item.score,
    reviewer: portfolioReviewer(item.reviewer),
    mentorApproved: item.mentorApproved,
    skills: skillsOf(item.skills),
    summary: item.summary,
    reflection: item.reflection,
    isPublic: item.isPublic,
    files,
  };
}

/**
 * The student's choices on one of their items: whether it shows on the public page, and which of
 * its attempt's files. Someone else's item is NOT_FOUND; a file that is not the attempt's is refused.
 */
export async function updatePortfolioItem(db: Db, user: PublicUser, rawInput: unknown): Promise<{ id: string; isPublic: boolean; publicFileIds: string[] }> {
  const input = parseOrThrow(portfolioItemChoicesInput, rawInput);
  const item = await db.portfolioItem.findFirst({ where: { id: input.itemId, userId: user.id }, select: { id: true, evidenceFileIds: true } });
  if (!item) throw AppError.notFound("This portfolio item");
  let publicFileIds: string[] | undefined;
  if (input.publicFileIds) {
    const own = new Set(item.evidenceFileIds);
    const foreign = input.publicFileIds.filter((id) => !own.has(id));
    if (foreign.length > 0) {
      throw new AppError("VALIDATION_FAILED", "Choose among this item's own files.", {
        fieldErrors: { publicFileIds: ["Some of the chosen files are not part of this item's evidence"] },
      });
    }
    // In the attempt's order, once each.
    publicFileIds = item.evidenceFileIds.filter((id) => input.publicFileIds!.includes(id));
  }
  const updated = await db.portfolioItem.update({
    where: { id: item.id },
    data: { ...(input.isPublic === undefined ? {} : { isPublic: input.isPublic }), ...(publicFileIds ? { publicFileIds } : {}) },
    select: { id: true, isPublic: true, publicFileIds: true },
  });
  return updated;
}

/** A new handle for the caller's public page: valid by app/domain/handle.ts and nobody else's. */
export async function changeHandle(db: Db, user: PublicUser, rawInput: unknown): Promise<{ handle: string; publicUrl: string }> {
  const handle = normaliseHandle(parseOrThrow(changeHandleInput, rawInput).handle);
  const problem = handleProblem(handle);
  if (problem) throw new AppError("VALIDATION_FAILED", problem, { fieldErrors: { handle: [problem] } });
  const taken = () => new AppError("ALREADY_EXISTS", "That handle is taken. Choose another.", { fieldErrors: { handle: ["That handle is taken. Choose another."] } });
  const holder = await db.user.findUnique({ where: { handle }, select: { id: true } });
  if (holder && holder.id !== user.id) throw taken();
  try {
    await db.$transaction(async (tx) => {
      const { handle: previous } = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { handle: true } });
      if (previous === handle) return;
      await tx.user.update({ where: { id: user.id }, data: { handle } });
      // Links to the old page keep working; a handle taken anew belongs to its new holder alone.
      await tx.formerHandle.deleteMany({ where: { handle } });
      await tx.formerHandle.upsert({ where: { handle: previous }, create: { handle: previous, userId: user.id }, update: { userId: user.id, createdAt: new Date() } });
    });
  } catch (error) {
    // Someone took it between the check and the write.
    if ((error as { code?: string }).code === "P2002" || sqlStateOf(error) === "23505") throw taken();
    throw error;
  }
  return { handle, publicUrl: publicPageUrl(handle) };
}

export interface PublicPortfolioItem {
  id: string;
  title: string;
  approvedAt: string;
  score: number;
  reviewer: PortfolioReviewer;
  mentorApproved: boolean;
  skills: SkillJson[];
  summary: string;
  reflection: string;
  files: { id: string; name: string; contentType: string; sizeBytes: number; url: string }[];
}

export interface PublicPortfolio {
  name: string;
  handle: string;
  url: string;
  items: PublicPortfolioItem[];
}

/**
 * What `/u/<handle>` shows: the student's name and their public items, each with only the files
 * they chose. Nothing else about the student (no e-mail, notes or other files) is read. An
 * unknown handle is NOT_FOUND.
 */
export async function publicPortfolio(db: Db, rawHandle: string): Promise<PublicPortfolio> {
  const owner = await ownerOf(db, rawHandle);
  const items = await db.portfolioItem.findMany({
    where: { userId: owner.id, isPublic: true },
    orderBy: [{ approvedAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      summary: true,
      reflection: true,
      score: true,
      skills: true,
      reviewer: true,
      mentorApproved: true,
      approvedAt: true,
      evidenceFileIds: true,
      publicFileIds: true,
    },
  });
  const shown = (item: { evidenceFileIds: string[]; publicFileIds: string[] }) => item.publicFileIds.filter((id) => item.evidenceFileIds.includes(id));
  const fileIds = [...new Set(items.flatMap(shown))];
  const files = fileIds.length === 0 ? [] : await db.evidenceFile.findMany({ where: { id: { in: fileIds }, ownerId: owner.id }, select: fileSelect });
  const byId = new Map(files.map((file) => [file.id, file]));
  return {
    name: owner.name,
    handle: owner.handle,
    url: publicPageUrl(owner.handle),
    items: items.map((item) => ({
      id: item.id,
      title: item.title,
      approvedAt: item.approvedAt.toISOString(),
      score: item.score,
      reviewer: portfolioReviewer(item.reviewer),
      mentorApproved: item.mentorApproved,
      skills: skillsOf(item.skills),
      summary: item.summary,
      reflection: item.reflection,
      files: shown(item).flatMap((id) => {
        const file = byId.get(id);
        return file ? [{ id, name: file.originalName, contentType: file.contentType, sizeBytes: file.sizeBytes, url: publicFileUrl(owner.handle, id) }] : [];
      }),
    })),
  };
}

/**
 * Reads a public page (or one of its files) by handle. When nobody holds the handle but a
 * student did before, the answer is where they moved to, so old links can redirect there.
 */
export async function readByPublicHandle<T>(db: Db, rawHandle: string, read: (handle: string) => Promise<T>): Promise<{ found: T } | { movedTo: string }> {
  try {
    return { found: await read(rawHandle) };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "NOT_FOUND") throw error;
    const movedTo = await movedHandle(db, rawHandle);
    if (movedTo === undefined) throw error;
    return { movedTo };
  }
}

async function movedHandle(db: Db, rawHandle: string): Promise<string | undefined> {
  const handle = normaliseHandle(rawHandle);
  if (handle.length === 0 || handle.length > 64) return undefined;
  const former = await db.formerHandle.findUnique({ where: { handle }, select: { user: { select: { handle: true, role: true } } } });
  if (!former || former.user.role !== "STUDENT" || former.user.handle === handle) return undefined;
  // Someone else may hold the handle now (a sign-up can be given it): their page is the one there.
  if (await db.user.findUnique({ where: { handle }, select: { id: true } })) return undefined;
  return former.user.handle;
}

async function ownerOf(db: Db, rawHandle: string): Promise<{ id: string; name: string; handle: string }> {
  const handle = normaliseHandle(rawHandle);
  // Handles made before the rules were written may not follow them: any plausible one is looked up.
  const owner = handle.length > 0 && handle.length <= 64 ? await db.user.findUnique({ where: { handle }, select: { id: true, name: true, handle: true, role: true } }) : null;
  // Only students have portfolios; staff accounts have no public page.
  if (!owner || owner.role !== "STUDENT") throw new AppError("NOT_FOUND", "There is no public portfolio at this address.");
  return owner;
}

/**
 * A file on a public page: served only while it is among the chosen files of an item its student
 * shows publicly. Anything else, including a file that was hidden a moment ago, is NOT_FOUND.
 */
export async function openPublicEvidence(db: Db, storage: EvidenceStorage, rawHandle: string, rawFileId: string): Promise<OpenedEvidence> {
  const owner = await ownerOf(db, rawHandle);
  const notFound = () => new AppError("NOT_FOUND", "This file is not on this public portfolio.");
  if (!rawFileId || rawFileId.length > 64) throw notFound();
  const item = await db.portfolioItem.findFirst({
    where: { userId: owner.id, isPublic: true, publicFileIds: { has: rawFileId }, evidenceFileIds: { has: rawFileId } },
    select: { id: true },
  });
  if (!item) throw notFound();
  const file = await db.evidenceFile.findFirst({
    where: { id: rawFileId, ownerId: owner.id },
    select: { id: true, progressId: true, originalName: true, storageKey: true, storage: true, contentType: true, sizeBytes: true, sha256: true },
  });
  if (!file) throw notFound();
  return await openStoredEvidence(storage, file);
}
