import { levelForScore } from "~/domain/difficulty";
import { profilerScore } from "~/domain/profiler";
import type { Db } from "~/utils/db.server";
import { studentContextForRequest } from "~/features/dashboard/student-context.server";
import { publishedCatalogue } from "~/features/missions/catalogue.server";
import { AppError } from "~/utils/errors";
import type { PublicUser } from "~/features/accounts/service.server";
import { parseOrThrow } from "~/utils/validation";
import { onboardingInput } from "./schemas";

/**
 * The tracks a student may choose on the profiler page: the published ones, in order, from the
 * process's copy of the catalogue (ADR 011) at the revision the request's student context read.
 */
export async function onboardingTracks(db: Db, user: PublicUser): Promise<{ slug: string; title: string; summary: string }[]> {
  const context = await studentContextForRequest(db, user.id);
  const catalogue = await publishedCatalogue(db, context.catalogueRevision);
  return catalogue.tracks.map((track) => ({ slug: track.slug, title: track.title, summary: track.summary }));
}

/** Stores the profiler score and the tracks the student wants to follow. Can be retaken. */
export async function completeOnboarding(db: Db, user: PublicUser, rawInput: unknown, now = new Date()) {
  if (user.role !== "STUDENT") throw new AppError("FORBIDDEN", "The profiler is for students.");
  const input = parseOrThrow(onboardingInput, rawInput);
  const score = profilerScore(input.answers);
  const tracks = input.tracks.length ? await db.track.findMany({ where: { slug: { in: input.tracks }, published: true }, select: { id: true } }) : [];
  if (tracks.length !== new Set(input.tracks).size) throw new AppError("VALIDATION_FAILED", "Pick tracks from the list.", { fieldErrors: { tracks: ["Unknown track"] } });
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { profilerScore: score, onboardedAt: now } }),
    ...(tracks.length
      ? [db.trackEnrollment.deleteMany({ where: { userId: user.id } }), db.trackEnrollment.createMany({ data: tracks.map((track) => ({ userId: user.id, trackId: track.id })) })]
      : []),
  ]);
  return { profilerScore: score, level: levelForScore(score) };
}

/**
 * Adds one published track to the tracks a student follows (the first-run checklist's "pick your
 * track"), keeping the others. Following it again changes nothing.
 */
export async function followTrack(db: Db, user: PublicUser, rawSlug: unknown) {
  if (user.role !== "STUDENT") throw new AppError("FORBIDDEN", "Only students follow tracks.");
  const slug = typeof rawSlug === "string" ? rawSlug.trim() : "";
  const track = slug ? await db.track.findFirst({ where: { slug, published: true }, select: { id: true } }) : null;
  // Said at the form (the checklist shows one message, not a field error): the list only offers published tracks.
  if (!track) throw new AppError("VALIDATION_FAILED", "Pick a track from the list.");
  await db.trackEnrollment.createMany({ data: [{ userId: user.id, trackId: track.id }], skipDuplicates: true });
}
