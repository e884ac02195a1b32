/**
 * The demo academy: skills and three tracks (defender, offense, cloud) of six missions each.
 * Pure data; `prisma/seed.ts` writes it to the database in development only.
 */
import { skills } from "./skills";
import { cloudTrack } from "./track-cloud";
import { defenderTrack } from "./track-defender";
import { offenseTrack } from "./track-offense";
import type { TrackSeed } from "./types";

export { skills };
export const tracks: TrackSeed[] = [defenderTrack, offenseTrack, cloudTrack];
export type * from "./types";
