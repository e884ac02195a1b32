/**
 * The demo academy: skills and three tracks (defender, offense, cloud) of six missions each.
 * Pure data; `prisma/seed.ts` writes it to the database in development only.
 */
import { skills } from "./skills";
import { cloudTrack } from "./track-cloud";
import { defenderTrack } from "./track-defender";
import { offenseTrack } from "./track-offense";
import type { AcademyDocuments } from "~/features/academy/content-schemas";
import type { TrackSeed } from "./types";

export { skills };
export const tracks: TrackSeed[] = [defenderTrack, offenseTrack, cloudTrack];
export type * from "./types";

/** The demo academy as the documents `academy:import` reads: the seed goes through the importer. */
export function demoAcademyDocuments(): AcademyDocuments {
  return {
    skills: skills.map((skill) => ({ ...skill })),
    tracks: tracks.map((track) => ({
      slug: track.slug,
      title: track.title,
      summary: track.summary,
      description: track.description,
      published: true,
      missions: track.missions.map((mission) => mission.slug),
    })),
    missions: tracks.flatMap((track) =>
      track.missions.map(({ passThreshold, subtasks, ...mission }) => ({
        ...mission,
        track: track.slug,
        passThreshold: passThreshold ?? 70,
        published: true,
        subtasks: subtasks.map((subtask) => ({ ...subtask, evidenceKinds: subtask.evidenceKinds as AcademyDocuments["missions"][number]["subtasks"][number]["evidenceKinds"] })),
      })),
    ),
  };
}
