import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { demoAcademyDocuments } from "../../../prisma/demo-academy";
import { emptyDatabase } from "~/testing/empty-database";
import { createUser } from "~/testing/factories";
import { getDb } from "~/utils/db.server";
import { applyContent, canonicalMission, ContentRejected, readAcademy, readMission } from "./content.server";
import { parseAcademy, type AcademyDocuments, type MissionFileDocument } from "./content-schemas";

const demo = () => parseAcademy(demoAcademyDocuments());
const tag = () => crypto.randomBytes(3).toString("hex");

/** A small academy of its own: one skill, one track, two missions (the second requires the first). */
function smallAcademy(): AcademyDocuments {
  const id = tag();
  const base = demo().missions[0]!;
  const mission = (slug: string, prerequisites: string[]): MissionFileDocument => ({
    ...base,
    slug,
    track: `track-${id}`,
    title: `Mission ${slug}`,
    prerequisites,
    skills: [{ skill: `skill-${id}`, weight: 1 }],
    recipes: [],
  });
  return {
    skills: [{ key: `skill-${id}`, name: `Skill ${id}`, category: "Test", description: "A skill made by a test." }],
    tracks: [
      { slug: `track-${id}`, title: `Track ${id}`, summary: "A track.", description: "A track made by a test.", published: true, missions: [`first-${id}`, `second-${id}`] },
    ],
    missions: [mission(`first-${id}`, []), mission(`second-${id}`, [`first-${id}`])],
  };
}

describe("content as files: import and export", () => {
  it("round-trips: export, import into an empty database, export again gives the same documents", async () => {
    const source = await emptyDatabase();
    await applyContent(source, demo(), { source: "import", authorId: null });
    const exported = await readAcademy(source);
    // What was imported is what is read back (lists in their canonical order).
    expect(exported.missions).toEqual(demo().missions.map(canonicalMission));
    expect(exported.tracks.map((track) => track.slug)).toEqual(demo().tracks.map((track) => track.slug));

    const target = await emptyDatabase();
    const plan = await applyContent(target, exported, { source: "import", authorId: null });
    expect(plan.missions.created).toHaveLength(demo().missions.length);
    expect(JSON.stringify(await readAcademy(target))).toBe(JSON.stringify(exported));
  });

  it("is idempotent: the same documents a second time change nothing and write no history", async () => {
    const db = await emptyDatabase();
    await applyContent(db, demo(), { source: "import", authorId: null });
    const revisions = await db.missionRevision.count();
    const catalogue = await db.catalogueRevision.findUnique({ where: { id: 1 } });
    const again = await applyContent(db, demo(), { source: "import", authorId: null });
    expect(again.missions).toEqual({ created: [], updated: [], unchanged: demo().missions.length });
    expect(again.skills).toEqual({ created: [], updated: [] });
    expect(again.tracks).toEqual({ created: [], updated: [] });
    expect(await db.missionRevision.count()).toBe(revisions);
    // Nothing was written, so the catalogue the servers keep in memory stays valid.
    expect(await db.catalogueRevision.findUnique({ where: { id: 1 } })).toEqual(catalogue);
  });

  it("reports what changes, reorders missions and moves one to another track in one transaction", async () => {
    const db = getDb();
    const academy = smallAcademy();
    await applyContent(db, academy, { source: "import", authorId: null });
    const [first, second] = academy.missions;
    const changed: AcademyDocuments = {
      ...academy,
      tracks: [{ ...academy.tracks[0]!, missions: [second!.slug, first!.slug] }],
      missions: [{ ...first!, story: "A new story." }, second!],
    };
    const plan = await applyContent(db, changed, { source: "import", authorId: null });
    expect(plan.missions.updated).toEqual([{ slug: first!.slug, parts: ["story"] }]);
    expect(plan.tracks.updated).toEqual([academy.tracks[0]!.slug]);
    const rows = await db.mission.findMany({ where: { slug: { in: [first!.slug, second!.slug] } }, select: { slug: true, position: true } });
    expect(Object.fromEntries(rows.map((row) => [row.slug, row.position]))).toEqual({ [second!.slug]: 1, [first!.slug]: 2 });
    const history = await db.missionRevision.findMany({ where: { mission: { slug: first!.slug } }, orderBy: { number: "asc" } });
    expect(history.map((revision) => [revision.number, revision.event, revision.parts])).toEqual([
      [1, "published", expect.arrayContaining(["story", "rubric"])],
      [2, "published", ["story"]],
    ]);
  });

  it("refuses a prerequisite cycle, naming it, and writes nothing", async () => {
    const db = getDb();
    const academy = smallAcademy();
    await applyContent(db, academy, { source: "import", authorId: null });
    const [first, second] = academy.missions;
    const cyclic = { ...academy, missions: [{ ...first!, prerequisites: [second!.slug], story: "Changed." }, second!] };
    const refused = await applyContent(db, cyclic, { source: "import", authorId: null }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ContentRejected);
    expect((refused as ContentRejected).problems.map((problem) => problem.message)).toEqual([
      `These missions require each other in a circle: ${first!.slug} → ${second!.slug} → ${first!.slug}. Remove one of these prerequisites.`,
    ]);
    expect((await readMission(db, first!.slug))!.story).toBe(first!.story);
  });

  it("reports unknown skills and missions with the document and field, and keeps missions no document mentions", async () => {
    const db = getDb();
    const academy = smallAcademy();
    await applyContent(db, academy, { source: "import", authorId: null });
    const [first, second] = academy.missions;
    const broken = { ...academy, missions: [{ ...first!, skills: [{ skill: "no-such-skill", weight: 1 }], prerequisites: ["no-such-mission"] }, second!] };
    const refused = (await applyContent(db, broken, { source: "import", authorId: null }).catch((error: unknown) => error)) as ContentRejected;
    expect(refused.problems).toEqual(
      expect.arrayContaining([
        { document: { kind: "mission", slug: first!.slug }, path: ["skills", 0, "skill"], message: "There is no skill “no-such-skill”" },
        { document: { kind: "mission", slug: first!.slug }, path: ["prerequisites", 0], message: "There is no mission “no-such-mission”" },
      ]),
    );
    // Only the second mission in the documents: the first stays as it was.
    const partial = { ...academy, tracks: [], missions: [{ ...second!, title: "Renamed" }] };
    const plan = await applyContent(db, partial, { source: "import", authorId: null });
    expect(plan.notInDocuments).toContain(first!.slug);
    expect(await readMission(db, first!.slug)).not.toBeNull();
    expect((await readMission(db, second!.slug))!.title).toBe("Renamed");
  });

  it("gives a changed rubric a new version at once; reviews scored before keep theirs", async () => {
    const db = getDb();
    const academy = smallAcademy();
    await applyContent(db, academy, { source: "import", authorId: null });
    const [first] = academy.missions;
    const mission = await db.mission.findUniqueOrThrow({ where: { slug: first!.slug }, select: { id: true, rubricVersions: true } });
    expect(mission.rubricVersions.map((version) => version.version)).toEqual([1]);

    const rubric = first!.rubric.map((criterion, index) => (index === 0 ? { ...criterion, weight: criterion.weight + 1 } : criterion));
    const author = await createUser({ role: "ADMIN" });
    await applyContent(db, { skills: [], tracks: [], missions: [{ ...first!, rubric }] }, { source: "editor", authorId: author.id });
    const versions = await db.rubricVersion.findMany({ where: { missionId: mission.id }, orderBy: { version: "asc" } });
    expect(versions.map((version) => version.version)).toEqual([1, 2]);
    expect((versions[0]!.content as { criteria: { weight: number }[] }).criteria[0]!.weight).toBe(first!.rubric[0]!.weight);
    expect((versions[1]!.content as { criteria: { weight: number }[] }).criteria[0]!.weight).toBe(first!.rubric[0]!.weight + 1);
    const latest = await db.missionRevision.findFirstOrThrow({ where: { missionId: mission.id }, orderBy: { number: "desc" } });
    expect([latest.source, latest.authorId, latest.parts]).toEqual(["editor", author.id, ["rubric"]]);
  });
});
