import { describe, expect, it } from "vitest";
import { buildHeatMap, monthLabel, monthOf } from "./heat-map";

const at = (iso: string) => new Date(iso);
const skills = [
  { skillId: "s-web", key: "web", name: "Web testing" },
  { skillId: "s-net", key: "net", name: "Network analysis" },
];

describe("the skills × months heat-map", () => {
  it("is empty without skills", () => {
    expect(buildHeatMap([], [], at("2026-11-10T00:00:00Z"))).toEqual({ months: [], rows: [] });
  });

  it("runs from the first evidence's month to this month, carrying mastery forward and leaving months before the first evidence empty", () => {
    const map = buildHeatMap(
      skills,
      [
        { skillId: "s-net", at: at("2026-09-03T10:00:00Z"), masteryAfter: 12 },
        { skillId: "s-net", at: at("2026-09-20T10:00:00Z"), masteryAfter: 21.5 },
        { skillId: "s-web", at: at("2026-11-01T00:00:00Z"), masteryAfter: 30 },
      ],
      at("2026-12-05T00:00:00Z"),
    );
    expect(map.months).toEqual(["2026-09", "2026-10", "2026-11", "2026-12"]);
    // Name order: Network analysis, then Web testing.
    expect(map.rows.map((row) => row.key)).toEqual(["net", "web"]);
    expect(map.rows[0]!.cells).toEqual([
      { month: "2026-09", mastery: 21.5, level: "BEGINNER", evidence: 2 },
      { month: "2026-10", mastery: 21.5, level: "BEGINNER", evidence: 0 },
      { month: "2026-11", mastery: 21.5, level: "BEGINNER", evidence: 0 },
      { month: "2026-12", mastery: 21.5, level: "BEGINNER", evidence: 0 },
    ]);
    expect(map.rows[1]!.cells.map((cell) => cell.mastery)).toEqual([null, null, 30, 30]);
    expect(map.rows[1]!.cells[2]).toMatchObject({ level: "BEGINNER", evidence: 1 });
  });

  it("shows the latest months only, starting from the mastery reached before them", () => {
    const map = buildHeatMap(
      skills.slice(0, 1),
      [
        { skillId: "s-web", at: at("2025-01-15T00:00:00Z"), masteryAfter: 45 },
        { skillId: "s-web", at: at("2026-06-15T00:00:00Z"), masteryAfter: 62 },
      ],
      at("2026-06-30T23:59:59Z"),
      3,
    );
    expect(map.months).toEqual(["2026-04", "2026-05", "2026-06"]);
    expect(map.rows[0]!.cells.map((cell) => [cell.mastery, cell.evidence])).toEqual([
      [45, 0],
      [45, 0],
      [62, 1],
    ]);
    expect(map.rows[0]!.cells[2]!.level).toBe("ADVANCED");
  });

  it("crosses a year in UTC and names months for people", () => {
    const map = buildHeatMap(skills.slice(0, 1), [{ skillId: "s-web", at: at("2025-12-31T23:30:00Z"), masteryAfter: 5 }], at("2026-01-01T00:30:00Z"));
    expect(map.months).toEqual(["2025-12", "2026-01"]);
    expect(monthOf(at("2026-01-01T00:00:00Z"))).toBe("2026-01");
    expect(monthLabel("2025-12")).toBe("Dec 2025");
  });
});
