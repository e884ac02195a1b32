import crypto from "node:crypto";
import type { Difficulty, Tier } from "@prisma/client";
import { getDb } from "~/utils/db.server";

export interface CreateMissionOptions {
  tierRequired?: Tier;
  isCapstone?: boolean;
  /** A passing AI review waits for a mentor (an admin's choice for the mission). */
  mentorConfirmsPasses?: boolean;
  /** Ids of missions that must be approved first. */
  prerequisites?: string[];
  difficulty?: Difficulty;
  /** An existing track; a new one is created otherwise. */
  trackId?: string;
  title?: string;
  published?: boolean;
  passThreshold?: number;
  /** Skills the mission exercises (created by key when new), with their weight in it (0–1). */
  skills?: { key: string; weight: number }[];
}

const LEVELS = [
  { score: 0, label: "Missing", description: "Not attempted or not shown." },
  { score: 1, label: "Emerging", description: "Partly done, with gaps." },
  { score: 2, label: "Proficient", description: "Done correctly." },
  { score: 3, label: "Exemplary", description: "Done correctly and explained well." },
];

/**
 * A published mission straight in the database: its own track (unless `trackId`), three
 * subtasks (the first requires evidence) and a three-criterion rubric (weights 2, 1, 1; max 3).
 * Returns the mission with `subtasks` and `rubric` in order.
 */
export async function createMission(options: CreateMissionOptions = {}) {
  const db = getDb();
  const suffix = crypto.randomBytes(4).toString("hex");
  const trackId =
    options.trackId ??
    (
      await db.track.create({
        data: {
          slug: `track-${suffix}`,
          title: `Track ${suffix}`,
          summary: "A test track.",
          description: "A track made by a test.",
          position: Math.floor(Math.random() * 1_000_000),
        },
      })
    ).id;
  const position = (await db.mission.count({ where: { trackId } })) + 1;
  const mission = await db.mission.create({
    data: {
      slug: `mission-${suffix}`,
      trackId,
      position,
      title: options.title ?? `Mission ${suffix}`,
      summary: "Find out what happened on the compromised host.",
      story: "A host **misbehaves**. Investigate and report.",
      objectives: ["Collect the evidence", "Explain the attack"],
      successCriteria: ["The timeline is complete", "The root cause is named"],
      difficulty: options.difficulty ?? "BEGINNER",
      tierRequired: options.tierRequired ?? "FREE",
      isCapstone: options.isCapstone ?? false,
      mentorConfirmsPasses: options.mentorConfirmsPasses ?? false,
      estimatedMinutes: 45,
      passThreshold: options.passThreshold ?? 70,
      published: options.published ?? true,
      subtasks: {
        create: [
          { position: 1, title: "Capture the traffic", instructions: "Record a packet capture of the attack.", evidenceRequired: true, evidenceKinds: ["pcap", "screenshot"] },
          { position: 2, title: "Build the timeline", instructions: "List the attacker's steps in order.", evidenceRequired: false, evidenceKinds: ["report"] },
          { position: 3, title: "Recommend fixes", instructions: "Say what would have stopped it.", evidenceRequired: false, evidenceKinds: [] },
        ],
      },
      rubric: {
        create: [
          { key: "evidence", position: 1, title: "Evidence", description: "The capture shows the attack.", weight: 2, maxScore: 3, levels: LEVELS },
          { key: "analysis", position: 2, title: "Analysis", description: "The timeline is correct and complete.", weight: 1, maxScore: 3, levels: LEVELS },
          { key: "communication", position: 3, title: "Communication", description: "The report is clear.", weight: 1, maxScore: 3, levels: LEVELS },
        ],
      },
      skills: options.skills?.length
        ? {
            create: await Promise.all(
              options.skills.map(async ({ key, weight }) => ({
                weight,
                skillId: (await db.skill.upsert({ where: { key }, create: { key, name: `Skill ${key}`, category: "test" }, update: {}, select: { id: true } })).id,
              })),
            ),
          }
        : undefined,
      prerequisites: options.prerequisites?.length ? { create: options.prerequisites.map((requiredMissionId) => ({ requiredMissionId })) } : undefined,
    },
    include: { subtasks: { orderBy: { position: "asc" } }, rubric: { orderBy: { position: "asc" } } },
  });
  return mission;
}

/** A MissionProgress inserted directly (no tier or quota checks): IN_PROGRESS, version 1, empty subtask state. */
export async function startProgress(userId: string, missionId: string) {
  const db = getDb();
  const subtasks = await db.subtask.findMany({ where: { missionId }, orderBy: { position: "asc" }, select: { id: true } });
  const subtaskState = Object.fromEntries(subtasks.map((subtask) => [subtask.id, { notes: "", completed: false }]));
  return await db.missionProgress.create({ data: { userId, missionId, status: "IN_PROGRESS", version: 1, subtaskState } });
}
