import { DIFFICULTIES, DIFFICULTY_LABELS, difficultyRank } from "~/domain/difficulty";
import type { Db } from "~/utils/db.server";

/** Public numbers and tracks for the home page. */
export async function getAcademyOverview(db: Db) {
  const [tracks, skillCount] = await Promise.all([
    db.track.findMany({
      where: { published: true },
      orderBy: { position: "asc" },
      select: { slug: true, title: true, summary: true, missions: { where: { published: true }, select: { difficulty: true } } },
    }),
    db.skill.count(),
  ]);
  return {
    trackCount: tracks.length,
    missionCount: tracks.reduce((sum, track) => sum + track.missions.length, 0),
    skillCount,
    tracks: tracks.map((track) => {
      const ranks = track.missions.map((mission) => difficultyRank(mission.difficulty));
      const low = ranks.length ? DIFFICULTY_LABELS[DIFFICULTIES[Math.min(...ranks)]!] : "";
      const high = ranks.length ? DIFFICULTY_LABELS[DIFFICULTIES[Math.max(...ranks)]!] : "";
      return { slug: track.slug, title: track.title, summary: track.summary, missionCount: track.missions.length, difficulties: low === high ? low : `${low} to ${high}` };
    }),
  };
}

/** Every published track with its missions in order: the catalogue students browse. */
export async function listTracksWithMissions(db: Db) {
  return await db.track.findMany({
    where: { published: true },
    orderBy: { position: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      missions: {
        where: { published: true },
        orderBy: { position: "asc" },
        select: { id: true, slug: true, title: true, summary: true, difficulty: true, tierRequired: true, isCapstone: true, estimatedMinutes: true },
      },
    },
  });
}
