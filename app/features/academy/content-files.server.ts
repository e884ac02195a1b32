/**
 * The academy as a folder of YAML files, to keep a curriculum in git:
 *
 *   skills.yaml               the skills, by key
 *   tracks.yaml               the tracks in the order students see them, each listing its missions in order
 *   missions/<slug>.yaml      one file per mission (moving a mission to another track renames nothing)
 *
 * Files are written in one fixed form (keys in the schema's order, lists in their canonical
 * order, markdown as literal blocks), so exporting the same academy twice gives the same bytes
 * and a change to one mission is a small diff. Reading checks every file with the document
 * schemas and the academy as a whole, and reports every problem with its file and field.
 */
import fs from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { academyProblems, type ContentProblem } from "./content";
import { canonicalMission } from "./content.server";
import { missionFileDocument, skillDocument, trackDocument, type AcademyDocuments } from "./content-schemas";

export const SKILLS_FILE = "skills.yaml";
export const TRACKS_FILE = "tracks.yaml";
export const MISSIONS_FOLDER = "missions";

/** A problem in a file: the file (relative to the folder), the field's path in it (empty for the whole file) and what is wrong. */
export interface FileProblem {
  file: string;
  field: string;
  message: string;
}

const YAML_OPTIONS = { lineWidth: 0, blockQuote: "literal", indent: 2 } as const;

function toYaml(value: unknown): string {
  return YAML.stringify(value, YAML_OPTIONS);
}

export function missionFile(slug: string): string {
  return `${MISSIONS_FOLDER}/${slug}.yaml`;
}

/** The folder's files for an academy, by relative path. */
export function academyFiles(academy: AcademyDocuments): Map<string, string> {
  const files = new Map<string, string>();
  files.set(SKILLS_FILE, toYaml([...academy.skills].sort((a, b) => a.key.localeCompare(b.key))));
  files.set(TRACKS_FILE, toYaml(academy.tracks));
  for (const mission of academy.missions) files.set(missionFile(mission.slug), toYaml(canonicalMission(mission)));
  return files;
}

/**
 * Writes the academy to `folder` (created when missing). Mission files of missions that no longer
 * exist are removed; nothing else in the folder is touched (a README, a .git folder).
 */
export async function writeAcademyFiles(folder: string, academy: AcademyDocuments): Promise<{ written: number; removed: string[] }> {
  const files = academyFiles(academy);
  await fs.mkdir(path.join(folder, MISSIONS_FOLDER), { recursive: true });
  const removed: string[] = [];
  for (const name of await fs.readdir(path.join(folder, MISSIONS_FOLDER))) {
    const relative = `${MISSIONS_FOLDER}/${name}`;
    if (name.endsWith(".yaml") && !files.has(relative)) {
      await fs.rm(path.join(folder, relative));
      removed.push(relative);
    }
  }
  for (const [relative, text] of files) await fs.writeFile(path.join(folder, relative), text);
  return { written: files.size, removed };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FileProblem[] };

/** A YAML file's data, or its syntax errors with line and column. */
async function readYaml(folder: string, relative: string): Promise<Parsed<unknown>> {
  let text: string;
  try {
    text = await fs.readFile(path.join(folder, relative), "utf8");
  } catch {
    return { ok: false, problems: [{ file: relative, field: "", message: "This file is missing" }] };
  }
  const document = YAML.parseDocument(text);
  if (document.errors.length > 0) {
    // The first line of each message names the line and column ("… at line 3, column 7:").
    return { ok: false, problems: document.errors.map((error) => ({ file: relative, field: "", message: error.message.split("\n")[0]!.replace(/:$/, "") })) };
  }
  return { ok: true, value: document.toJS() as unknown };
}

function checked<T>(relative: string, schema: z.ZodType<T>, value: unknown): Parsed<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => ({ file: relative, field: issue.path.map(String).join("."), message: issue.message })) };
}

/**
 * Reads and checks an academy folder: each file against its schema, then the academy as a whole
 * (references between files, prerequisite cycles). Returns the documents, or every problem found.
 */
export async function readAcademyFiles(folder: string): Promise<{ ok: true; academy: AcademyDocuments } | { ok: false; problems: FileProblem[] }> {
  const problems: FileProblem[] = [];
  const keep = <T>(parsed: Parsed<T>): T | null => {
    if (parsed.ok) return parsed.value;
    problems.push(...parsed.problems);
    return null;
  };
  const skillsYaml = keep(await readYaml(folder, SKILLS_FILE));
  const skills = skillsYaml === null ? null : keep(checked(SKILLS_FILE, z.array(skillDocument, { error: "List the skills" }), skillsYaml));
  const tracksYaml = keep(await readYaml(folder, TRACKS_FILE));
  const tracks = tracksYaml === null ? null : keep(checked(TRACKS_FILE, z.array(trackDocument, { error: "List the tracks" }), tracksYaml));

  let names: string[] = [];
  try {
    names = (await fs.readdir(path.join(folder, MISSIONS_FOLDER))).filter((name) => name.endsWith(".yaml")).sort();
  } catch {
    problems.push({ file: `${MISSIONS_FOLDER}/`, field: "", message: "This folder is missing" });
  }
  const missions: AcademyDocuments["missions"] = [];
  for (const name of names) {
    const relative = `${MISSIONS_FOLDER}/${name}`;
    const yaml = keep(await readYaml(folder, relative));
    if (yaml === null) continue;
    const mission = keep(checked(relative, missionFileDocument, yaml));
    if (!mission) continue;
    if (relative !== missionFile(mission.slug))
      problems.push({ file: relative, field: "slug", message: `The file of the mission “${mission.slug}” is named ${missionFile(mission.slug)}` });
    missions.push(mission);
  }
  if (problems.length > 0 || !skills || !tracks) return { ok: false, problems };
  const academy = { skills, tracks, missions };
  const across = academyProblems(academy).map((problem) => inFile(academy, problem));
  return across.length > 0 ? { ok: false, problems: across } : { ok: true, academy };
}

/** A problem between documents, at the file and field that holds it. */
export function inFile(academy: AcademyDocuments, problem: ContentProblem): FileProblem {
  const field = problem.path.map(String).join(".");
  if (problem.document.kind === "mission") return { file: missionFile(problem.document.slug), field, message: problem.message };
  if (problem.document.kind === "skills") return { file: SKILLS_FILE, field, message: problem.message };
  const index = academy.tracks.findIndex((track) => track.slug === problem.document.slug);
  return { file: TRACKS_FILE, field: [String(index), field].filter(Boolean).join("."), message: problem.message };
}

/** "missions/x.yaml: rubric.1.weight: The weight must be above 0" */
export function describeProblem(problem: FileProblem): string {
  return [problem.file, problem.field, problem.message].filter(Boolean).join(": ");
}
