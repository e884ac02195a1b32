import { describe, expect, it } from "vitest";
import { skills, tracks } from "./index";
import { DIFFICULTIES } from "~/domain/difficulty";
import { TIERS } from "~/domain/entitlements";
import type { MissionSeed } from "./types";

const EVIDENCE_KINDS = new Set(["screenshot", "report", "log", "pcap", "code", "config"]);
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const missions: MissionSeed[] = tracks.flatMap((track) => track.missions);
const missionsBySlug = new Map(missions.map((mission) => [mission.slug, mission]));
const skillKeys = new Set(skills.map((skill) => skill.key));
const rank = <T>(order: readonly T[], value: T) => order.indexOf(value);

/** Markdown fields must come out of the `md` tag dedented, with escapes resolved. */
function markdownProblems(text: string): string[] {
  const problems: string[] = [];
  if (text !== text.trim()) problems.push("leading or trailing whitespace");
  if (text.includes("\t")) problems.push("tab character");
  if (text.includes("\\`")) problems.push("unresolved \\` escape");
  let inFence = false;
  let previousBlank = true;
  for (const line of text.split("\n")) {
    if (/^\s*(~~~|```)/.test(line)) inFence = !inFence;
    else if (!inFence && previousBlank && /^ {4,}\S/.test(line)) problems.push(`accidental code block: ${line.trim()}`);
    previousBlank = line.trim() === "";
  }
  if (inFence) problems.push("unclosed code fence");
  return problems;
}

describe("demo academy: skills", () => {
  it("has a reasonable number of skills with unique kebab-case keys", () => {
    expect(skills.length).toBeGreaterThanOrEqual(14);
    expect(skills.length).toBeLessThanOrEqual(18);
    expect(skillKeys.size).toBe(skills.length);
    for (const skill of skills) expect(skill.key).toMatch(KEBAB);
  });

  it("describes every skill", () => {
    for (const skill of skills) {
      expect(skill.name.trim(), skill.key).not.toBe("");
      expect(skill.category.trim(), skill.key).not.toBe("");
      expect(skill.description.length, skill.key).toBeGreaterThanOrEqual(40);
    }
  });

  it("exercises every skill in at least one mission", () => {
    const used = new Set(missions.flatMap((mission) => mission.skills.map((s) => s.skill)));
    expect(skills.map((skill) => skill.key).filter((key) => !used.has(key))).toEqual([]);
  });
});

describe("demo academy: tracks", () => {
  it("has at least three tracks, defender, offense and cloud first", () => {
    expect(tracks.length).toBeGreaterThanOrEqual(3);
    expect(tracks.slice(0, 3).map((track) => track.slug)).toEqual(["defender-ops", "offensive-security", "cloud-infrastructure"]);
  });

  it("has unique kebab-case track slugs and described tracks", () => {
    expect(new Set(tracks.map((track) => track.slug)).size).toBe(tracks.length);
    for (const track of tracks) {
      expect(track.slug).toMatch(KEBAB);
      expect(track.title.trim()).not.toBe("");
      expect(track.summary.trim()).not.toBe("");
      expect(track.description.length).toBeGreaterThanOrEqual(200);
      expect(markdownProblems(track.description), track.slug).toEqual([]);
    }
  });

  it("has at least five missions per track", () => {
    for (const track of tracks) expect(track.missions.length, track.slug).toBeGreaterThanOrEqual(5);
  });

  it.each(tracks.map((track) => [track.slug, track] as const))("%s covers every difficulty in rising order", (_slug, track) => {
    const ranks = track.missions.map((mission) => rank(DIFFICULTIES, mission.difficulty));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(track.missions.map((mission) => mission.difficulty))).toEqual(new Set(DIFFICULTIES));
  });

  it.each(tracks.map((track) => [track.slug, track] as const))("%s has non-decreasing tiers and ends with a PREMIUM capstone", (_slug, track) => {
    const ranks = track.missions.map((mission) => rank(TIERS, mission.tierRequired));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(track.missions.some((mission) => mission.isCapstone)).toBe(true);
    const last = track.missions[track.missions.length - 1]!;
    expect(last.isCapstone).toBe(true);
    expect(["ADVANCED", "ELITE"]).toContain(last.difficulty);
  });

  it("uses every difficulty and every tier across the academy", () => {
    expect(new Set(missions.map((mission) => mission.difficulty))).toEqual(new Set(DIFFICULTIES));
    expect(new Set(missions.map((mission) => mission.tierRequired))).toEqual(new Set(TIERS));
  });

  it("makes every capstone PREMIUM", () => {
    for (const mission of missions.filter((m) => m.isCapstone)) expect(mission.tierRequired, mission.slug).toBe("PREMIUM");
  });
});

describe("demo academy: mission slugs and prerequisites", () => {
  it("has globally unique kebab-case mission slugs", () => {
    expect(missionsBySlug.size).toBe(missions.length);
    for (const mission of missions) expect(mission.slug).toMatch(KEBAB);
  });

  it("references only existing missions, never itself, without duplicates", () => {
    for (const mission of missions) {
      expect(new Set(mission.prerequisites).size, mission.slug).toBe(mission.prerequisites.length);
      for (const slug of mission.prerequisites) {
        expect(missionsBySlug.has(slug), `${mission.slug} → ${slug}`).toBe(true);
        expect(slug, mission.slug).not.toBe(mission.slug);
      }
    }
  });

  it("has no prerequisite cycles", () => {
    const state = new Map<string, "visiting" | "done">();
    const visit = (slug: string, path: string[]): void => {
      if (state.get(slug) === "done") return;
      if (state.get(slug) === "visiting") throw new Error(`prerequisite cycle: ${[...path, slug].join(" → ")}`);
      state.set(slug, "visiting");
      for (const next of missionsBySlug.get(slug)?.prerequisites ?? []) visit(next, [...path, slug]);
      state.set(slug, "done");
    };
    expect(() => missions.forEach((mission) => visit(mission.slug, []))).not.toThrow();
  });

  it("starts every track with a mission that has no prerequisites", () => {
    for (const track of tracks) expect(track.missions[0]!.prerequisites, track.slug).toEqual([]);
  });

  it("never locks a mission behind a prerequisite that needs a higher tier", () => {
    for (const mission of missions) {
      for (const slug of mission.prerequisites) {
        const required = missionsBySlug.get(slug)!;
        expect(rank(TIERS, required.tierRequired), `${mission.slug} → ${slug}`).toBeLessThanOrEqual(rank(TIERS, mission.tierRequired));
      }
    }
  });
});

describe.each(missions.map((mission) => [mission.slug, mission] as const))("mission %s", (_slug, mission) => {
  it("is written as a real mission", () => {
    expect(mission.title.trim()).not.toBe("");
    expect(mission.summary.length).toBeGreaterThanOrEqual(40);
    expect(mission.story.length).toBeGreaterThanOrEqual(300);
    const paragraphs = mission.story.split(/\n\s*\n/).filter((p) => p.trim() !== "");
    expect(paragraphs.length).toBeGreaterThanOrEqual(2);
    expect(paragraphs.length).toBeLessThanOrEqual(4);
    expect(markdownProblems(mission.story)).toEqual([]);
    expect(mission.objectives.length).toBeGreaterThanOrEqual(3);
    expect(mission.successCriteria.length).toBeGreaterThanOrEqual(3);
    for (const line of [...mission.objectives, ...mission.successCriteria]) expect(line.trim()).not.toBe("");
    expect(mission.recipes.length).toBeGreaterThanOrEqual(2);
  });

  it("has sensible effort and pass threshold", () => {
    expect(Number.isInteger(mission.estimatedMinutes)).toBe(true);
    expect(mission.estimatedMinutes).toBeGreaterThanOrEqual(30);
    expect(mission.estimatedMinutes).toBeLessThanOrEqual(600);
    if (mission.passThreshold !== undefined) {
      expect(Number.isInteger(mission.passThreshold)).toBe(true);
      expect(mission.passThreshold).toBeGreaterThan(0);
      expect(mission.passThreshold).toBeLessThanOrEqual(100);
    }
  });

  it("has 3–6 subtasks with instructions and valid evidence kinds, at least one requiring evidence", () => {
    expect(mission.subtasks.length).toBeGreaterThanOrEqual(3);
    expect(mission.subtasks.length).toBeLessThanOrEqual(6);
    expect(mission.subtasks.some((subtask) => subtask.evidenceRequired)).toBe(true);
    for (const subtask of mission.subtasks) {
      expect(subtask.title.trim()).not.toBe("");
      expect(subtask.instructions.length, subtask.title).toBeGreaterThanOrEqual(100);
      expect(markdownProblems(subtask.instructions), subtask.title).toEqual([]);
      for (const kind of subtask.evidenceKinds) expect(EVIDENCE_KINDS.has(kind), `${subtask.title}: ${kind}`).toBe(true);
      expect(new Set(subtask.evidenceKinds).size, subtask.title).toBe(subtask.evidenceKinds.length);
      if (subtask.evidenceRequired) expect(subtask.evidenceKinds.length, subtask.title).toBeGreaterThan(0);
    }
  });

  it("has 3–5 rubric criteria with unique keys, positive weights and complete levels", () => {
    expect(mission.rubric.length).toBeGreaterThanOrEqual(3);
    expect(mission.rubric.length).toBeLessThanOrEqual(5);
    expect(new Set(mission.rubric.map((criterion) => criterion.key)).size).toBe(mission.rubric.length);
    for (const criterion of mission.rubric) {
      expect(criterion.key).toMatch(KEBAB);
      expect(criterion.title.trim()).not.toBe("");
      expect(criterion.description.trim()).not.toBe("");
      expect(Number.isFinite(criterion.weight) && criterion.weight > 0, criterion.key).toBe(true);
      expect(Number.isInteger(criterion.maxScore) && criterion.maxScore >= 1, criterion.key).toBe(true);
      const scores = criterion.levels.map((level) => level.score).sort((a, b) => a - b);
      expect(scores, criterion.key).toEqual(Array.from({ length: criterion.maxScore + 1 }, (_, i) => i));
      for (const level of criterion.levels) {
        expect(level.label.trim(), criterion.key).not.toBe("");
        expect(level.description.trim(), criterion.key).not.toBe("");
      }
      expect(new Set(criterion.levels.map((level) => level.description)).size, criterion.key).toBe(criterion.levels.length);
    }
  });

  it("exercises known skills with weights in (0, 1]", () => {
    expect(mission.skills.length).toBeGreaterThan(0);
    expect(new Set(mission.skills.map((s) => s.skill)).size).toBe(mission.skills.length);
    for (const { skill, weight } of mission.skills) {
      expect(skillKeys.has(skill), skill).toBe(true);
      expect(weight > 0 && weight <= 1, `${skill}: ${weight}`).toBe(true);
    }
  });

  it("recommends recipes for known skills with https links", () => {
    for (const recipe of mission.recipes) {
      expect(recipe.title.trim()).not.toBe("");
      expect(skillKeys.has(recipe.skill), `${recipe.title}: ${recipe.skill}`).toBe(true);
      expect(Number.isInteger(recipe.minutes) && recipe.minutes > 0, recipe.title).toBe(true);
      expect(new URL(recipe.url).protocol, recipe.url).toBe("https:");
    }
    expect(new Set(mission.recipes.map((recipe) => recipe.url)).size).toBe(mission.recipes.length);
  });

  it("keeps capstones demanding", () => {
    if (!mission.isCapstone) return;
    expect(mission.tierRequired).toBe("PREMIUM");
    expect(["ADVANCED", "ELITE"]).toContain(mission.difficulty);
  });
});
