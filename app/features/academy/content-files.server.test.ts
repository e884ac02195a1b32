import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { demoAcademyDocuments } from "../../../prisma/demo-academy";
import { emptyDatabase } from "~/testing/empty-database";
import { runAcademyCommand, USAGE } from "./content-cli.server";
import { applyContent, readAcademy } from "./content.server";
import { readAcademyFiles, writeAcademyFiles } from "./content-files.server";
import { parseAcademy } from "./content-schemas";

const folders: string[] = [];

async function folder(): Promise<string> {
  const made = await fs.mkdtemp(path.join(os.tmpdir(), "academy-"));
  folders.push(made);
  return made;
}

/** Every file under a folder with its text, by relative path. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await fs.readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(root, full)] = await fs.readFile(full, "utf8");
  }
  return files;
}

function output() {
  const lines = { info: [] as string[], error: [] as string[] };
  return { lines, out: { info: (line: string) => lines.info.push(line), error: (line: string) => lines.error.push(line) } };
}

afterAll(async () => {
  for (const made of folders) await fs.rm(made, { recursive: true, force: true });
});

describe("academy:export and academy:import", () => {
  it("round-trips: export, import into an empty database, export again gives byte-identical files", async () => {
    const source = await emptyDatabase();
    await applyContent(source, parseAcademy(demoAcademyDocuments()), { source: "import", authorId: null });
    const first = await folder();
    expect(await runAcademyCommand(source, ["export", first], output().out)).toBe(0);
    const files = await snapshot(first);
    const academy = parseAcademy(demoAcademyDocuments());
    expect(Object.keys(files)).toEqual(expect.arrayContaining(["skills.yaml", "tracks.yaml", `missions/${academy.missions[0]!.slug}.yaml`]));
    expect(Object.keys(files)).toHaveLength(academy.missions.length + 2);
    // Markdown is written as literal blocks, so a change to a story is a line-by-line diff.
    expect(files[`missions/${academy.missions[0]!.slug}.yaml`]).toMatch(/^story: \|/m);

    const target = await emptyDatabase();
    const imported = output();
    expect(await runAcademyCommand(target, ["import", first], imported.out)).toBe(0);
    expect(imported.lines.info.join("\n")).toContain(
      `missions created: ${academy.missions
        .map((mission) => mission.slug)
        .sort()
        .join(", ")}`,
    );
    const second = await folder();
    await runAcademyCommand(target, ["export", second], output().out);
    expect(await snapshot(second)).toEqual(files);

    // The same folder again: nothing to change, nothing written.
    const again = output();
    expect(await runAcademyCommand(target, ["import", first], again.out)).toBe(0);
    expect(again.lines.info).toContain("Nothing to change: the academy already matches the files.");
  });

  it("shows what would change with --dry-run, then applies it", async () => {
    const db = await emptyDatabase();
    await applyContent(db, parseAcademy(demoAcademyDocuments()), { source: "import", authorId: null });
    const root = await folder();
    await writeAcademyFiles(root, await readAcademy(db));
    const slug = parseAcademy(demoAcademyDocuments()).missions[0]!.slug;
    const file = path.join(root, "missions", `${slug}.yaml`);
    await fs.writeFile(file, (await fs.readFile(file, "utf8")).replace(/^title: .*$/m, "title: A new title"));

    const dry = output();
    expect(await runAcademyCommand(db, ["import", root, "--dry-run"], dry.out)).toBe(0);
    expect(dry.lines.info).toContain(`  mission ${slug} changed: title and summary`);
    expect((await readAcademy(db)).missions.find((mission) => mission.slug === slug)!.title).not.toBe("A new title");

    expect(await runAcademyCommand(db, ["import", root], output().out)).toBe(0);
    expect((await readAcademy(db)).missions.find((mission) => mission.slug === slug)!.title).toBe("A new title");
    const history = await db.missionRevision.findFirstOrThrow({ where: { mission: { slug } }, orderBy: { number: "desc" } });
    expect(history).toMatchObject({ number: 2, source: "import", authorId: null, parts: ["title and summary"] });
  });

  it("reports every problem with its file and field, and imports nothing", async () => {
    const db = await emptyDatabase();
    const root = await folder();
    const academy = parseAcademy(demoAcademyDocuments());
    await writeAcademyFiles(root, academy);
    const [a, b, c] = academy.missions;
    const edit = async (slug: string, change: (text: string) => string) => {
      const file = path.join(root, "missions", `${slug}.yaml`);
      await fs.writeFile(file, change(await fs.readFile(file, "utf8")));
    };
    await edit(a!.slug, (text) => text.replace(/^(rubric:[\s\S]*?\n {4}weight: ).*$/m, "$10"));
    await edit(b!.slug, () => "slug: [unclosed\n");
    await edit(c!.slug, (text) => text.replace(/^ {2}- skill: .*$/m, "  - skill: no-such-skill"));

    const run = output();
    expect(await runAcademyCommand(db, ["import", root], run.out)).toBe(1);
    const errors = run.lines.error.join("\n");
    expect(errors).toContain(`missions/${a!.slug}.yaml: rubric.0.weight: The weight must be above 0`);
    expect(errors).toMatch(new RegExp(`missions/${b!.slug}\\.yaml: .+ at line \\d+, column \\d+`));
    expect(await db.mission.count()).toBe(0);

    // Each file on its own fine, the academy as a whole not: the skill and a cycle are named with their files.
    await writeAcademyFiles(root, academy);
    await edit(c!.slug, (text) => text.replace(/^ {2}- skill: .*$/m, "  - skill: no-such-skill"));
    const first = academy.missions.find((mission) => mission.prerequisites.length === 0 && academy.missions.some((other) => other.prerequisites.includes(mission.slug)))!;
    const dependent = academy.missions.find((mission) => mission.prerequisites.includes(first.slug))!;
    await edit(first.slug, (text) => text.replace(/^prerequisites: \[\]$/m, `prerequisites:\n  - ${dependent.slug}`));
    const read = await readAcademyFiles(root);
    expect(read.ok).toBe(false);
    const problems = read.ok ? [] : read.problems;
    expect(problems).toContainEqual({ file: `missions/${c!.slug}.yaml`, field: "skills.0.skill", message: "There is no skill “no-such-skill”" });
    expect(problems.some((problem) => problem.field === "prerequisites" && problem.message.startsWith("These missions require each other in a circle:"))).toBe(true);
  });

  it("explains how to use it when the command is not understood", async () => {
    const db = await emptyDatabase();
    for (const args of [[], ["import"], ["export", "a", "b"], ["publish", "x"], ["export", "x", "--dry-run"], ["import", "x", "--force"]]) {
      const run = output();
      expect(await runAcademyCommand(db, args, run.out)).toBe(2);
      expect(run.lines.error.join("\n")).toContain(USAGE);
    }
    const missing = output();
    expect(await runAcademyCommand(db, ["import", path.join(os.tmpdir(), `no-such-academy-${crypto.randomBytes(3).toString("hex")}`)], missing.out)).toBe(1);
    expect(missing.lines.error.join("\n")).toContain("skills.yaml: This file is missing");
  });
});
