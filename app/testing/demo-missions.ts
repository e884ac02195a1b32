import { tracks, type MissionSeed } from "#prisma/demo-academy";
import type { MissionBrief, StudentWork } from "~/features/reviews/work";

/** The database's default pass threshold, which the seed leaves to it when a mission sets none. */
const DEFAULT_PASS_THRESHOLD = 70;

const demoMissions: ReadonlyMap<string, MissionSeed> = new Map(tracks.flatMap((track) => track.missions).map((mission) => [mission.slug, mission]));

/** A demo-academy mission as a reviewer sees it, for tests and the reviewer's evaluation. */
export function demoMissionBrief(slug: string): MissionBrief {
  const mission = demoMissions.get(slug);
  if (!mission) throw new Error(`No demo mission "${slug}".`);
  return {
    title: mission.title,
    summary: mission.summary,
    objectives: mission.objectives,
    successCriteria: mission.successCriteria,
    subtasks: mission.subtasks.map((subtask, index) => ({
      position: index + 1,
      title: subtask.title,
      instructions: subtask.instructions,
      evidenceRequired: subtask.evidenceRequired,
    })),
    rubric: mission.rubric,
    passThreshold: mission.passThreshold ?? DEFAULT_PASS_THRESHOLD,
    isCapstone: mission.isCapstone,
  };
}

export function demoMissionSlugs(): string[] {
  return [...demoMissions.keys()];
}

/**
 * Work for a demo mission from the parts that matter: notes per step (by position), evidence per
 * step (a file name, or a name and its text) and the reflection. Steps left out are empty.
 */
export function studentWork(
  brief: MissionBrief,
  parts: { notes?: Record<number, string>; evidence?: Record<number, readonly (string | { name: string; text: string })[]>; reflection: string; attempt?: number },
): StudentWork {
  return {
    attempt: parts.attempt ?? 1,
    reflection: parts.reflection,
    subtasks: brief.subtasks.map((subtask) => {
      const files = parts.evidence?.[subtask.position] ?? [];
      const notes = parts.notes?.[subtask.position] ?? "";
      return {
        position: subtask.position,
        title: subtask.title,
        completed: notes.trim() !== "" || files.length > 0,
        notes,
        evidence: files.map((file) => {
          const name = typeof file === "string" ? file : file.name;
          const text = typeof file === "string" ? undefined : file.text;
          return { name, contentType: contentTypeOf(name), sizeBytes: text === undefined ? 48_213 : Buffer.byteLength(text), ...(text === undefined ? {} : { text }) };
        }),
      };
    }),
  };
}

function contentTypeOf(name: string): string {
  const extension = name.split(".").pop()?.toLowerCase() ?? "";
  const types: Record<string, string> = {
    png: "image/png",
    jpg: "image/jpeg",
    pdf: "application/pdf",
    md: "text/markdown",
    txt: "text/plain",
    log: "text/plain",
    json: "application/json",
    yml: "text/yaml",
    yaml: "text/yaml",
    html: "text/html",
    pcap: "application/vnd.tcpdump.pcap",
    tf: "text/plain",
    py: "text/x-python",
    csv: "text/csv",
  };
  return types[extension] ?? "application/octet-stream";
}
