import { describe, expect, it } from "vitest";
import { demoAcademyDocuments } from "../../../prisma/demo-academy";
import { academyProblems, changedParts, describeCycle, prerequisiteCycle, rubricChanged, weightedTotalShares } from "./content";
import { missionDocument, parseAcademy, type AcademyDocuments, type MissionDocument } from "./content-schemas";

const graph = (edges: Record<string, string[]>) => Object.entries(edges).map(([slug, prerequisites]) => ({ slug, prerequisites }));

describe("prerequisite cycles", () => {
  it("finds none in chains, diamonds and forests", () => {
    expect(prerequisiteCycle(graph({ a: [], b: ["a"], c: ["b"] }))).toBeNull();
    expect(prerequisiteCycle(graph({ a: [], b: ["a"], c: ["a"], d: ["b", "c"] }))).toBeNull();
    expect(prerequisiteCycle(graph({ a: [], b: [], c: ["a", "b"], d: ["c"], e: ["a"] }))).toBeNull();
    expect(prerequisiteCycle([])).toBeNull();
  });

  it("names the missions along a cycle, the first repeated at the end", () => {
    expect(prerequisiteCycle(graph({ a: ["b"], b: ["a"] }))).toEqual(["a", "b", "a"]);
    expect(prerequisiteCycle(graph({ a: [], b: ["a", "d"], c: ["b"], d: ["c"] }))).toEqual(["b", "d", "c", "b"]);
    expect(prerequisiteCycle(graph({ x: [], a: ["x", "e"], b: ["a"], c: ["b"], d: ["c"], e: ["d"] }))).toEqual(["a", "e", "d", "c", "b", "a"]);
    // Told from the mission being edited when it is on the cycle.
    expect(prerequisiteCycle(graph({ a: ["b"], b: ["c"], c: ["a"] }), ["c"])).toEqual(["c", "a", "b", "c"]);
    expect(describeCycle(["a", "b", "a"])).toBe("These missions require each other in a circle: a → b → a. Remove one of these prerequisites.");
  });

  it("ignores prerequisites naming missions it does not know (another check reports them)", () => {
    expect(prerequisiteCycle(graph({ a: ["ghost"], b: ["a"] }))).toBeNull();
  });
});

describe("problems across the academy's documents", () => {
  const demo = () => parseAcademy(demoAcademyDocuments());

  it("finds none in the demo academy", () => {
    expect(academyProblems(demo())).toEqual([]);
  });

  it("names each broken reference with its document and field", () => {
    const academy = demo();
    const [first, second] = academy.missions;
    const broken: AcademyDocuments = {
      skills: [...academy.skills, academy.skills[0]!],
      tracks: [{ ...academy.tracks[0]!, missions: [...academy.tracks[0]!.missions, "ghost-mission", second!.slug] }, ...academy.tracks.slice(1)],
      missions: [
        { ...first!, track: "ghost-track", skills: [{ skill: "ghost-skill", weight: 1 }], prerequisites: ["ghost-prerequisite"] },
        { ...second!, recipes: [{ title: "R", skill: "ghost-recipe-skill", minutes: 5, url: "https://example.org" }] },
        ...academy.missions.slice(2),
        { ...second! },
      ],
    };
    const problems = academyProblems(broken);
    const at = (slug: string) => ({ kind: "mission", slug }) as const;
    expect(problems).toEqual(
      expect.arrayContaining([
        { document: { kind: "skills", slug: "skills" }, path: [academy.skills.length, "key"], message: `The skill “${academy.skills[0]!.key}” is listed twice` },
        { document: at(second!.slug), path: ["slug"], message: `Two missions use the slug “${second!.slug}”` },
        { document: { kind: "track", slug: academy.tracks[0]!.slug }, path: ["missions", academy.tracks[0]!.missions.length], message: "There is no mission “ghost-mission”" },
        {
          document: { kind: "track", slug: academy.tracks[0]!.slug },
          path: ["missions", academy.tracks[0]!.missions.length + 1],
          message: `“${second!.slug}” is already listed by the track “${academy.tracks[0]!.slug}”`,
        },
        { document: at(first!.slug), path: ["track"], message: "There is no track “ghost-track”" },
        { document: at(first!.slug), path: ["prerequisites", 0], message: "There is no mission “ghost-prerequisite”" },
        { document: at(first!.slug), path: ["skills", 0, "skill"], message: "There is no skill “ghost-skill”" },
        { document: at(second!.slug), path: ["recipes", 0, "skill"], message: "There is no skill “ghost-recipe-skill”" },
      ]),
    );
  });

  it("refuses a mission whose track does not list it, and a cycle", () => {
    const academy = demo();
    const track = academy.tracks[0]!;
    const [first, second] = [academy.missions.find((m) => m.slug === track.missions[0])!, academy.missions.find((m) => m.slug === track.missions[1])!];
    const moved = { ...academy, tracks: [{ ...track, missions: track.missions.filter((slug) => slug !== first.slug) }, ...academy.tracks.slice(1)] };
    expect(academyProblems(moved)).toEqual([{ document: { kind: "mission", slug: first.slug }, path: ["track"], message: `The track “${track.slug}” does not list this mission` }]);

    const cyclic = { ...academy, missions: academy.missions.map((mission) => (mission.slug === first.slug ? { ...mission, prerequisites: [second.slug] } : mission)) };
    const problems = academyProblems(cyclic, { tellCyclesFrom: [first.slug] });
    expect(problems.map((problem) => problem.message)).toContainEqual(expect.stringContaining(`${first.slug} → ${second.slug} → ${first.slug}`));
  });
});

describe("what changed between two versions of a mission", () => {
  const mission = (): MissionDocument => {
    const { published: _published, ...document } = parseAcademy(demoAcademyDocuments()).missions[0]!;
    return document;
  };

  it("names the parts in the editor's words; every part for a new mission", () => {
    const before = mission();
    expect(changedParts(before, before)).toEqual([]);
    expect(changedParts(before, { ...before, story: "New." })).toEqual(["story"]);
    expect(changedParts(before, { ...before, estimatedMinutes: 5, passThreshold: 50, title: "T" })).toEqual(["title and summary", "settings", "rubric"]);
    expect(changedParts(null, before)).toHaveLength(11);
  });

  it("says whether the rubric students are judged against changed (criteria or threshold)", () => {
    const before = mission();
    expect(rubricChanged(before, { ...before, story: "New." })).toBe(false);
    expect(rubricChanged(before, { ...before, passThreshold: before.passThreshold + 1 })).toBe(true);
    expect(rubricChanged(before, { ...before, rubric: before.rubric.map((criterion, index) => (index === 0 ? { ...criterion, title: "Renamed" } : criterion)) })).toBe(true);
    expect(rubricChanged(null, before)).toBe(true);
  });
});

describe("the weighted total explained", () => {
  it("gives each criterion its weight's share of 100 points, in equal steps per level (hand-computed)", () => {
    // Weights 2, 1, 1 (sum 4), max 3: 50, 25 and 25 points; 16.7, 8.3 and 8.3 a level.
    expect(
      weightedTotalShares([
        { key: "evidence", weight: 2, maxScore: 3 },
        { key: "analysis", weight: 1, maxScore: 3 },
        { key: "communication", weight: 1, maxScore: 3 },
      ]),
    ).toEqual([
      { key: "evidence", points: 50, pointsPerLevel: 16.7 },
      { key: "analysis", points: 25, pointsPerLevel: 8.3 },
      { key: "communication", points: 25, pointsPerLevel: 8.3 },
    ]);
    // Weights 0.5 and 1.5, max 4 and 2: 25 points (6.3 a level) and 75 (37.5).
    expect(
      weightedTotalShares([
        { key: "a", weight: 0.5, maxScore: 4 },
        { key: "b", weight: 1.5, maxScore: 2 },
      ]),
    ).toEqual([
      { key: "a", points: 25, pointsPerLevel: 6.3 },
      { key: "b", points: 75, pointsPerLevel: 37.5 },
    ]);
  });

  it("leaves out what cannot count yet, and says nothing when nothing can", () => {
    expect(
      weightedTotalShares([
        { key: "a", weight: 1, maxScore: 2 },
        { key: "zero", weight: 0, maxScore: 3 },
        { key: "typed", weight: Number.NaN, maxScore: 3 },
        { key: "no-max", weight: 1, maxScore: 0 },
      ]),
    ).toEqual([{ key: "a", points: 100, pointsPerLevel: 50 }]);
    expect(weightedTotalShares([])).toBeNull();
    expect(weightedTotalShares([{ key: "zero", weight: 0, maxScore: 3 }])).toBeNull();
  });
});

describe("the mission document's field messages", () => {
  const valid = (): Record<string, unknown> => {
    const { published: _published, ...document } = parseAcademy(demoAcademyDocuments()).missions[0]!;
    return JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
  };
  const messages = (document: unknown) => {
    const result = missionDocument.safeParse(document);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
  };
  type Criterion = { key: string; weight: number; maxScore: number; levels: { score: number; label: string; description: string }[] };
  const withRubric = (change: (rubric: Criterion[]) => unknown) => {
    const document = valid();
    return { ...document, rubric: change(document.rubric as Criterion[]) };
  };

  it("accepts the demo missions", () => {
    for (const { published: _published, ...mission } of parseAcademy(demoAcademyDocuments()).missions) expect(messages(mission)).toEqual({});
  });

  it("wants weights above 0, unique keys, at least one criterion and levels for every score from 0 to the maximum", () => {
    expect(messages(withRubric((rubric) => rubric.map((criterion, index) => (index === 1 ? { ...criterion, weight: 0 } : criterion))))).toEqual({
      "rubric.1.weight": "The weight must be above 0",
    });
    expect(messages(withRubric((rubric) => rubric.map((criterion, index) => (index === 1 ? { ...criterion, key: rubric[0]!.key } : criterion))))).toEqual({
      "rubric.1.key": expect.stringMatching(/is used twice; keys must be unique$/),
    });
    expect(messages(withRubric(() => []))).toEqual({ rubric: "Add at least one criterion" });
    expect(
      messages(
        withRubric((rubric) =>
          rubric.map((criterion, index) => (index === 0 ? { ...criterion, levels: criterion.levels.filter((level) => level.score !== 1 && level.score !== 2) } : criterion)),
        ),
      ),
    ).toEqual({
      "rubric.0.levels": expect.stringMatching(/: 1, 2 missing$/),
    });
    expect(
      messages(
        withRubric((rubric) =>
          rubric.map((criterion, index) => (index === 0 ? { ...criterion, maxScore: 2, levels: criterion.levels.map((level) => ({ ...level })) } : criterion)),
        ),
      ),
    ).toEqual({ "rubric.0.levels.3.score": "This level is above the maximum score (2)" });
    expect(
      messages(withRubric((rubric) => rubric.map((criterion, index) => (index === 0 ? { ...criterion, levels: [...criterion.levels, criterion.levels[0]] } : criterion)))),
    ).toEqual({
      [`rubric.0.levels.${(valid().rubric as Criterion[])[0]!.levels.length}.score`]: "Score 0 is described twice",
    });
  });

  it("names the other fields' problems in words an author understands", () => {
    const document = valid();
    const subtasks = document.subtasks as { evidenceRequired: boolean; evidenceKinds: string[] }[];
    expect(
      messages({
        ...document,
        title: " ",
        prerequisites: [document.slug],
        skills: [{ skill: "osint", weight: 1.5 }],
        subtasks: [{ ...subtasks[0], evidenceRequired: true, evidenceKinds: [] }],
        recipes: [{ title: "R", skill: "osint", minutes: 5, url: "ftp://example.org" }],
      }),
    ).toEqual({
      title: "The title is required",
      "prerequisites.0": "A mission cannot require itself",
      "skills.0.weight": "The weight must be at most 1",
      "subtasks.0.evidenceKinds": "Say which kinds of evidence this step accepts",
      "recipes.0.url": "Use an http or https link",
    });
    expect(messages({ ...document, slug: "Not A Slug", estimatedMinutes: 2.5 })).toEqual({
      slug: "Use lower-case letters, digits and single dashes, e.g. web-log-triage",
      estimatedMinutes: "The estimated minutes must be a whole number",
    });
  });
});
