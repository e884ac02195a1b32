import { describe, expect, it } from "vitest";
import { missionDocument } from "./content-schemas";
import { changeList, documentInput, editorFromDocument, editorFromForm, levelsFor, linesOf, newMission, parseListChange } from "./editor";
import { labelFor } from "./components/mission-editor";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

describe("the mission editor's state", () => {
  it("reads the form's field paths into lists, numbers as typed, checkboxes and one-per-line lists", () => {
    const editor = editorFromForm(
      form([
        ["title", "Hunt"],
        ["objectives", "First\r\n\n  Second  \n"],
        ["isCapstone", "on"],
        ["estimatedMinutes", " 45 "],
        ["prerequisites", "a"],
        ["prerequisites", "b"],
        ["subtasks.1.title", "Second step"],
        ["subtasks.0.title", "First step"],
        ["subtasks.0.evidenceRequired", "on"],
        ["subtasks.0.evidenceKinds", "log"],
        ["subtasks.0.evidenceKinds", "pcap"],
        ["rubric.0.key", " finding "],
        ["rubric.0.maxScore", "2"],
        ["rubric.0.levels.0.label", "None"],
        ["rubric.0.levels.2.label", "All"],
        ["skills.0.skill", "dns"],
        ["skills.0.weight", "0.5"],
      ]),
      { slug: "hunt" },
    );
    expect(editor).toMatchObject({
      slug: "hunt",
      title: "Hunt",
      objectives: ["First", "Second"],
      successCriteria: [],
      isCapstone: true,
      estimatedMinutes: " 45 ",
      prerequisites: ["a", "b"],
      skills: [{ skill: "dns", weight: "0.5" }],
      recipes: [],
    });
    expect(editor.subtasks).toEqual([
      { title: "First step", instructions: "", evidenceRequired: true, evidenceKinds: ["log", "pcap"] },
      { title: "Second step", instructions: "", evidenceRequired: false, evidenceKinds: [] },
    ]);
    // The levels always cover 0…maxScore: the one not sent is blank, not missing.
    expect(editor.rubric[0]).toMatchObject({ key: "finding", maxScore: "2" });
    expect(editor.rubric[0]!.levels).toEqual([
      { score: 0, label: "None", description: "" },
      { score: 1, label: "", description: "" },
      { score: 2, label: "All", description: "" },
    ]);
  });

  it("lays levels out for the maximum score typed, keeping what was written, and leaves them alone for a maximum it cannot use", () => {
    const levels = [
      { score: 0, label: "Missing", description: "a" },
      { score: 3, label: "Exemplary", description: "d" },
    ];
    expect(levelsFor({ maxScore: "1", levels }).map((level) => level.label)).toEqual(["Missing", ""]);
    expect(levelsFor({ maxScore: "4", levels }).map((level) => level.label)).toEqual(["Missing", "", "", "Exemplary", ""]);
    expect(levelsFor({ maxScore: "x", levels })).toBe(levels);
    expect(levelsFor({ maxScore: "11", levels })).toBe(levels);
  });

  it("turns typed numbers into numbers for the schema; blank stays absent so the schema says it is required", () => {
    const input = documentInput({ ...newMission({ slug: "s", track: "t", title: "T" }), estimatedMinutes: "", passThreshold: "70" });
    expect(input).toMatchObject({ estimatedMinutes: undefined, passThreshold: 70 });
    const result = missionDocument.safeParse(input);
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining(["estimatedMinutes", "summary", "story", "objectives", "skills", "subtasks.0.title", "rubric.0.title", "rubric.0.levels.0.description"]),
    );
  });

  it("round-trips a published document through the editor unchanged", () => {
    const document = {
      slug: "s",
      track: "t",
      title: "T",
      summary: "S",
      story: "Story",
      objectives: ["o"],
      successCriteria: ["c"],
      difficulty: "NOVICE" as const,
      tierRequired: "FREE" as const,
      isCapstone: false,
      estimatedMinutes: 30,
      passThreshold: 65,
      prerequisites: [],
      skills: [{ skill: "dns", weight: 0.25 }],
      subtasks: [{ title: "Step", instructions: "Do it", evidenceRequired: false, evidenceKinds: [] }],
      rubric: [{ key: "k", title: "K", description: "D", weight: 1.5, maxScore: 1, levels: [0, 1].map((score) => ({ score, label: `L${score}`, description: `D${score}` })) }],
      recipes: [{ title: "R", skill: "dns", minutes: 10, url: "https://example.org/r" }],
    };
    expect(missionDocument.parse(documentInput(editorFromDocument(document)))).toEqual(document);
  });

  it("adds, removes and moves entries of a list; anything else the buttons could send is refused or changes nothing", () => {
    const editor = {
      ...newMission({ slug: "s", track: "t", title: "T" }),
      skills: [
        { skill: "a", weight: "1" },
        { skill: "b", weight: "1" },
      ],
    };
    expect(parseListChange("add:rubric")).toEqual({ kind: "add", list: "rubric" });
    expect(parseListChange("down:skills:0")).toEqual({ kind: "down", list: "skills", index: 0 });
    for (const bad of ["add:slug", "remove:skills", "up:skills:-1", "up:skills:1x", "drop:skills:0", "add:rubric:1"]) expect(parseListChange(bad)).toBeNull();

    expect(changeList(editor, { kind: "down", list: "skills", index: 0 }).skills.map((entry) => entry.skill)).toEqual(["b", "a"]);
    expect(changeList(editor, { kind: "up", list: "skills", index: 0 }).skills.map((entry) => entry.skill)).toEqual(["a", "b"]);
    expect(changeList(editor, { kind: "remove", list: "skills", index: 1 }).skills.map((entry) => entry.skill)).toEqual(["a"]);
    expect(changeList(editor, { kind: "remove", list: "skills", index: 7 }).skills).toHaveLength(2);
    const added = changeList(editor, { kind: "add", list: "rubric" });
    expect(added.rubric.map((criterion) => criterion.key)).toEqual(["criterion-1", "criterion-2"]);
    expect(added.rubric[1]!.levels.map((level) => level.score)).toEqual([0, 1, 2, 3]);
  });

  it("names a field path the way an author reads it", () => {
    expect(labelFor("summary")).toBe("Summary");
    expect(labelFor("rubric")).toBe("Rubric");
    expect(labelFor("rubric.1.weight")).toBe("Criterion 2, weight");
    expect(labelFor("rubric.0.levels.2.description")).toBe("Criterion 1, score 2 description");
    expect(labelFor("subtasks.0.evidenceKinds")).toBe("Step 1, evidence kinds");
    expect(labelFor("objectives.3")).toBe("Objective 4");
    expect(linesOf(" a \n\n b")).toEqual(["a", "b"]);
  });
});
