import { describe, expect, it } from "vitest";
import { createUser } from "~/testing/factories";
import { createMission } from "~/testing/missions";
import { getDb } from "~/utils/db.server";
import { getMissionDashboard } from "./service.server";
import { loadPublishedCatalogue, publishedCatalogue } from "./catalogue.server";

async function revision(): Promise<string> {
  return (await getDb().catalogueRevision.findUniqueOrThrow({ where: { id: 1 } })).revision;
}

describe("the catalogue revision", () => {
  it("changes with every write to a table the catalogue is made of, and only then", async () => {
    const db = getDb();
    const mission = await createMission();
    const writes: [string, () => Promise<unknown>][] = [
      ["Track", () => db.track.update({ where: { id: mission.trackId }, data: { title: "Renamed track" } })],
      ["Mission", () => db.mission.update({ where: { id: mission.id }, data: { summary: "A new summary." } })],
      ["Subtask", () => db.subtask.update({ where: { id: mission.subtasks[2]!.id }, data: { title: "Recommend two fixes" } })],
      ["Skill", () => db.skill.create({ data: { key: `skill-${mission.id}`, name: "Log analysis", category: "Defence", description: "Reading logs." } })],
      [
        "MissionSkill",
        async () =>
          db.missionSkill.create({ data: { missionId: mission.id, skillId: (await db.skill.findUniqueOrThrow({ where: { key: `skill-${mission.id}` } })).id, weight: 0.5 } }),
      ],
      [
        "MissionPrerequisite",
        async () => db.missionPrerequisite.create({ data: { missionId: mission.id, requiredMissionId: (await createMission({ trackId: mission.trackId })).id } }),
      ],
      ["MissionPrerequisite delete", () => db.missionPrerequisite.deleteMany({ where: { missionId: mission.id } })],
      ["RubricCriterion", () => db.rubricCriterion.update({ where: { id: mission.rubric[0]!.id }, data: { description: "A sharper description." } })],
      [
        "Recipe",
        async () =>
          db.recipe.create({
            data: {
              missionId: mission.id,
              skillId: (await db.skill.findUniqueOrThrow({ where: { key: `skill-${mission.id}` } })).id,
              position: 1,
              title: "Read a log",
              minutes: 5,
              url: "https://example.test/r",
            },
          }),
      ],
      ["Recipe delete", () => db.recipe.deleteMany({ where: { missionId: mission.id } })],
    ];
    for (const [table, write] of writes) {
      const before = await revision();
      await write();
      expect(await revision(), `a write to ${table}`).not.toBe(before);
    }
    // Students' own records are not the catalogue.
    const before = await revision();
    await createUser();
    expect(await revision()).toBe(before);
  });

  it("is held back with a rolled-back change", async () => {
    const mission = await createMission();
    const before = await revision();
    await expect(
      getDb().$transaction(async (tx) => {
        await tx.mission.update({ where: { id: mission.id }, data: { title: "Never seen" } });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await revision()).toBe(before);
  });
});

describe("publishedCatalogue", () => {
  it("reads the catalogue once per revision and shares it, also between concurrent requests", async () => {
    const db = getDb();
    await createMission();
    const current = await revision();
    const [first, ...others] = await Promise.all(Array.from({ length: 5 }, () => publishedCatalogue(db, current)));
    for (const other of others) expect(other).toBe(first);
    expect(await publishedCatalogue(db, current)).toBe(first);
    expect(first!.revision).toBe(current);
    expect(first).toEqual(await loadPublishedCatalogue(db));
  });

  it("has only published missions of published tracks, in order, with skills and prerequisites", async () => {
    const db = getDb();
    const first = await createMission({ title: "First of its track" });
    const second = await createMission({ trackId: first.trackId, title: "Second of its track", prerequisites: [first.id] });
    await createMission({ trackId: first.trackId, title: "A draft", published: false });
    const hidden = await createMission({ title: "In an unpublished track" });
    await db.track.update({ where: { id: hidden.trackId }, data: { published: false } });

    const catalogue = await publishedCatalogue(db, await revision());
    const ofTrack = catalogue.missions.filter((mission) => mission.trackId === first.trackId);
    expect(ofTrack.map((mission) => mission.title)).toEqual(["First of its track", "Second of its track"]);
    expect(ofTrack[1]).toMatchObject({ id: second.id, subtaskCount: 3, prerequisites: [{ id: first.id, slug: first.slug, title: "First of its track" }], skills: [] });
    // What the mission page shows, in order.
    expect(ofTrack[1]!.content).toMatchObject({
      story: second.story,
      objectives: second.objectives,
      successCriteria: second.successCriteria,
      passThreshold: 70,
      subtasks: second.subtasks.map(({ id, position, title, instructions, evidenceRequired, evidenceKinds }) => ({
        id,
        position,
        title,
        instructions,
        evidenceRequired,
        evidenceKinds,
      })),
      rubric: second.rubric.map(({ key, title, description, weight, maxScore, levels }) => ({ key, title, description, weight, maxScore, levels })),
      skills: [],
      recipes: [],
    });
    expect(catalogue.missions.some((mission) => mission.trackId === hidden.trackId)).toBe(false);
    expect(catalogue.tracks.some((track) => track.id === hidden.trackId)).toBe(false);
    expect(catalogue.tracks.some((track) => track.id === first.trackId)).toBe(true);
  });

  it("the dashboard shows a change to the catalogue on the very next render", async () => {
    const db = getDb();
    const student = await createUser();
    const mission = await createMission({ title: "Before the edit" });
    const titles = async () =>
      (await getMissionDashboard(db, student, { track: (await db.track.findUniqueOrThrow({ where: { id: mission.trackId } })).slug })).available.map((card) => card.title);

    expect(await titles()).toEqual(["Before the edit"]);
    await db.mission.update({ where: { id: mission.id }, data: { title: "After the edit" } });
    expect(await titles()).toEqual(["After the edit"]);
    await createMission({ trackId: mission.trackId, title: "Added later" });
    expect(await titles()).toEqual(["After the edit", "Added later"]);
    await db.mission.update({ where: { id: mission.id }, data: { published: false } });
    expect(await titles()).toEqual(["Added later"]);
  });
});
