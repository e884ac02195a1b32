import { DIFFICULTIES, DIFFICULTY_LABELS, difficultyRank, type Difficulty } from "~/domain/difficulty";
import type { Tier } from "~/domain/entitlements";
import { currentPublishedCatalogue, type CatalogueMission, type PublishedCatalogue } from "~/features/missions/catalogue.server";
import type { Db } from "~/utils/db.server";
import { appUrl } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { renderMarkdown } from "~/utils/markdown.server";
import { clip, firstParagraph, plainText } from "./excerpt";
import { sampleHeatMap, sampleReview, SAMPLE_TOTALS } from "./samples";

/*
 * What visitors who are not signed in may see of the catalogue (ADR 029): each published
 * mission's card facts (title, summary, difficulty, time, plan, steps, skills, prerequisites) and
 * the first paragraph of its story. Step instructions, objectives' detail, rubrics and recipes are
 * for accounts, with one exception: the landing page's sample review shows the criteria and
 * level names of the featured mission's rubric, so a visitor sees how work is judged.
 */

/** The numbers the public pages show, all counted from the published catalogue. */
export interface CatalogueNumbers {
  tracks: number;
  missions: number;
  /** Distinct skills the published missions exercise. */
  skills: number;
  /** The published missions' estimated time together, in whole hours. */
  hours: number;
  /** Published missions a Free account can start. */
  freeMissions: number;
}

function countMissions(missions: readonly CatalogueMission[]) {
  return {
    missions: missions.length,
    hours: Math.round(missions.reduce((sum, mission) => sum + mission.estimatedMinutes, 0) / 60),
    freeMissions: missions.filter((mission) => mission.tierRequired === "FREE" && !mission.isCapstone).length,
  };
}

export function catalogueNumbers(catalogue: PublishedCatalogue): CatalogueNumbers {
  return {
    tracks: new Set(catalogue.missions.map((mission) => mission.trackId)).size,
    skills: new Set(catalogue.missions.flatMap((mission) => mission.skills.map((skill) => skill.key))).size,
    ...countMissions(catalogue.missions),
  };
}

/** "Novice to Advanced", or one label when every mission is at the same level. */
function difficultyRange(missions: readonly CatalogueMission[]): string {
  if (missions.length === 0) return "";
  const ranks = missions.map((mission) => difficultyRank(mission.difficulty));
  const low = DIFFICULTY_LABELS[DIFFICULTIES[Math.min(...ranks)]!];
  const high = DIFFICULTY_LABELS[DIFFICULTIES[Math.max(...ranks)]!];
  return low === high ? low : `${low} to ${high}`;
}

export interface TrackSummary {
  slug: string;
  title: string;
  summary: string;
  missions: number;
  hours: number;
  freeMissions: number;
  difficulties: string;
}

/** Published tracks that have published missions, in order, with their counts. */
function trackSummaries(catalogue: PublishedCatalogue): TrackSummary[] {
  return catalogue.tracks.flatMap((track) => {
    const missions = catalogue.missions.filter((mission) => mission.trackId === track.id);
    if (missions.length === 0) return [];
    return [{ slug: track.slug, title: track.title, summary: track.summary, difficulties: difficultyRange(missions), ...countMissions(missions) }];
  });
}

export interface MissionPreview {
  slug: string;
  title: string;
  summary: string;
  difficulty: Difficulty;
  estimatedMinutes: number;
  tierRequired: Tier;
  isCapstone: boolean;
  steps: number;
  skills: string[];
  prerequisites: string[];
  /** The story's first paragraph, rendered on the server. */
  excerptHtml: string;
}

function missionPreview(mission: CatalogueMission): MissionPreview {
  return {
    slug: mission.slug,
    title: mission.title,
    summary: mission.summary,
    difficulty: mission.difficulty,
    estimatedMinutes: mission.estimatedMinutes,
    tierRequired: mission.tierRequired,
    isCapstone: mission.isCapstone,
    steps: mission.subtaskCount,
    skills: mission.skills.map((skill) => skill.name),
    prerequisites: mission.prerequisites.map((prerequisite) => prerequisite.title),
    excerptHtml: renderMarkdown(firstParagraph(mission.content.story)),
  };
}

/** The mission the landing page shows: the first one a new Free account can start. */
function featuredMission(catalogue: PublishedCatalogue): CatalogueMission | undefined {
  return catalogue.missions.find((mission) => mission.tierRequired === "FREE" && !mission.isCapstone && mission.prerequisites.length === 0) ?? catalogue.missions[0];
}

/** Everything the landing page shows, from the published catalogue. */
export async function landingPage(db: Db, now = new Date()) {
  const catalogue = await currentPublishedCatalogue(db);
  const featured = featuredMission(catalogue);
  const trackMissions = featured ? catalogue.missions.filter((mission) => mission.trackId === featured.trackId) : [];
  const sampled = trackMissions.slice(0, SAMPLE_TOTALS.length);
  return {
    numbers: catalogueNumbers(catalogue),
    tracks: trackSummaries(catalogue),
    featured: featured
      ? {
          mission: missionPreview(featured),
          trackSlug: featured.trackSlug,
          trackTitle: featured.trackTitle,
          objectives: featured.content.objectives.slice(0, 3),
          firstStep: featured.content.subtasks[0]?.title ?? null,
          review: featured.content.rubric.length > 0 ? sampleReview(featured.content.rubric, featured.content.passThreshold) : null,
        }
      : null,
    sample: {
      heatMap: sampleHeatMap(
        sampled.map((mission) => ({ slug: mission.slug, difficulty: mission.difficulty, skills: mission.content.skills })),
        now,
      ),
      trackTitle: featured?.trackTitle ?? "",
      missionTitles: sampled.map((mission) => mission.title),
      totals: SAMPLE_TOTALS.slice(0, sampled.length),
    },
  };
}

const DESCRIPTION_LIMIT = 160;

/** A search result's or link preview's line: what the track holds, then as much of its summary as fits. */
function describeTrack(summary: string, counts: TrackSummary): string {
  const facts = `${counts.missions} missions, ${counts.difficulties}, about ${counts.hours} hours.`;
  return `${facts} ${clip(plainText(summary), DESCRIPTION_LIMIT - facts.length - 1)}`;
}

/** A published track's public page: its missions in order, as cards with an excerpt. Unknown or unpublished: 404. */
export async function trackPage(db: Db, slug: string) {
  const catalogue = await currentPublishedCatalogue(db);
  const track = catalogue.tracks.find((candidate) => candidate.slug === slug);
  const missions = track ? catalogue.missions.filter((mission) => mission.trackId === track.id) : [];
  if (!track || missions.length === 0) throw new AppError("NOT_FOUND", "There is no published track at this address. The tracks on offer are listed on the home page.");
  const row = await db.track.findUnique({ where: { id: track.id }, select: { description: true } });
  const summary = trackSummaries({ ...catalogue, tracks: [track] })[0]!;
  return {
    track: { ...summary, descriptionHtml: row?.description ? renderMarkdown(row.description) : "" },
    missions: missions.map(missionPreview),
    description: describeTrack(track.summary, summary),
    url: `${appUrl()}/tracks/${track.slug}`,
    otherTracks: trackSummaries(catalogue)
      .filter((other) => other.slug !== track.slug)
      .map((other) => ({ slug: other.slug, title: other.title })),
  };
}

/** The public pages a search engine should know, for the sitemap. */
export async function publicTrackSlugs(db: Db): Promise<string[]> {
  return trackSummaries(await currentPublishedCatalogue(db)).map((track) => track.slug);
}
