/**
 * `npm run academy:export -- <folder>` and `npm run academy:import -- <folder> [--dry-run]`: the
 * academy's content to and from a folder of YAML files (content-files.server.ts), through the same
 * checks and the same transaction as publishing from the editor.
 */
import type { Db } from "~/utils/db.server";
import { applyContent, ContentRejected, planContent, planIsEmpty, readAcademy, type ContentPlan } from "./content.server";
import { describeProblem, inFile, readAcademyFiles, writeAcademyFiles } from "./content-files.server";

export interface Output {
  info(line: string): void;
  error(line: string): void;
}

export const USAGE = ["Usage:", "  npm run academy:export -- <folder>", "  npm run academy:import -- <folder> [--dry-run]"].join("\n");

/** Exit codes: 0 done, 1 the files have problems, 2 the command was not understood. */
export async function runAcademyCommand(db: Db, args: readonly string[], out: Output): Promise<0 | 1 | 2> {
  const [command, ...rest] = args;
  const dryRun = rest.includes("--dry-run");
  const folders = rest.filter((arg) => arg !== "--dry-run");
  const unknown = folders.filter((arg) => arg.startsWith("-"));
  if ((command !== "export" && command !== "import") || folders.length !== 1 || unknown.length > 0 || (dryRun && command === "export")) {
    out.error(unknown.length > 0 ? `Unknown option: ${unknown.join(" ")}\n${USAGE}` : USAGE);
    return 2;
  }
  const folder = folders[0]!;
  if (command === "export") {
    const academy = await readAcademy(db);
    const { written, removed } = await writeAcademyFiles(folder, academy);
    out.info(`Exported ${academy.tracks.length} tracks, ${academy.missions.length} missions and ${academy.skills.length} skills to ${folder} (${written} files).`);
    if (removed.length > 0) out.info(`Removed files of missions that no longer exist: ${removed.join(", ")}`);
    return 0;
  }

  const read = await readAcademyFiles(folder);
  if (!read.ok) {
    out.error(`${folder} has ${read.problems.length} problem${read.problems.length === 1 ? "" : "s"}; nothing was imported:`);
    for (const problem of read.problems) out.error(`  ${describeProblem(problem)}`);
    return 1;
  }
  const { academy } = read;
  out.info(`${folder}: ${academy.tracks.length} tracks, ${academy.missions.length} missions, ${academy.skills.length} skills.`);
  if (dryRun) {
    const { plan, problems } = planContent(await readAcademy(db), academy);
    if (problems.length > 0)
      return refused(
        problems.map((problem) => describeProblem(inFile(academy, problem))),
        out,
      );
    report(plan, "Would change (nothing written: --dry-run)", out);
    return 0;
  }
  try {
    const plan = await applyContent(db, academy, { source: "import", authorId: null });
    report(plan, "Imported in one transaction", out);
    return 0;
  } catch (error) {
    if (error instanceof ContentRejected)
      return refused(
        error.problems.map((problem) => describeProblem(inFile(academy, problem))),
        out,
      );
    throw error;
  }
}

function refused(lines: string[], out: Output): 1 {
  out.error(`The files conflict with the academy in the database; nothing was imported:`);
  for (const line of lines) out.error(`  ${line}`);
  return 1;
}

function report(plan: ContentPlan, heading: string, out: Output): void {
  if (planIsEmpty(plan)) out.info("Nothing to change: the academy already matches the files.");
  else {
    out.info(`${heading}:`);
    const list = (label: string, created: string[], updated: string[]) => {
      if (created.length > 0) out.info(`  ${label} created: ${created.join(", ")}`);
      if (updated.length > 0) out.info(`  ${label} changed: ${updated.join(", ")}`);
    };
    list("skills", plan.skills.created, plan.skills.updated);
    list("tracks", plan.tracks.created, plan.tracks.updated);
    list("missions", plan.missions.created, []);
    for (const { slug, parts } of plan.missions.updated) out.info(`  mission ${slug} changed: ${parts.join(", ")}`);
    out.info(`  missions unchanged: ${plan.missions.unchanged}`);
  }
  if (plan.notInDocuments.length > 0) out.info(`Not in the files, kept as they are (unpublish them in the editor to hide them): ${plan.notInDocuments.join(", ")}`);
}
