import { levelForScore, type Difficulty } from "./difficulty";

/**
 * The skills × months heat-map of a student's skill signals: per skill, the mastery it stood at
 * at the end of each month (the last approval's `masteryAfter` up to then, carried forward), and
 * how many approvals moved it that month. Months before a skill's first evidence are empty, not
 * zero: nothing was shown yet.
 */

export interface HeatMapSkill {
  skillId: string;
  key: string;
  name: string;
}

/** One approval's effect on one skill (a SkillEvidence row). */
export interface HeatMapStep {
  skillId: string;
  at: Date;
  masteryAfter: number;
}

export interface HeatMapCell {
  /** "2026-11" (UTC). */
  month: string;
  /** Mastery at the month's end, 0–100; null before the skill's first evidence. */
  mastery: number | null;
  level: Difficulty | null;
  /** Approvals that moved the skill in this month. */
  evidence: number;
}

export interface HeatMapRow extends HeatMapSkill {
  cells: HeatMapCell[];
}

export interface HeatMap {
  months: string[];
  rows: HeatMapRow[];
}

/** The most months shown: the latest ones, up to the current month. */
export const HEAT_MAP_MONTHS = 12;

export function monthOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

const MONTH_LABEL = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

/** "2026-11" → "Nov 2026". */
export function monthLabel(month: string): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  return MONTH_LABEL.format(new Date(Date.UTC(year, number - 1, 1)));
}

/** The months from `from`'s to `to`'s, inclusive, the last `limit` of them. */
function monthsBetween(from: Date, to: Date, limit: number): string[] {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), 1));
  const first = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1);
  while (cursor.getTime() >= first && months.length < limit) {
    months.unshift(monthOf(cursor));
    cursor.setUTCMonth(cursor.getUTCMonth() - 1);
  }
  return months;
}

/** Skills in name order; months from the first evidence (at most `limit` of them) to `now`'s month. */
export function buildHeatMap(skills: readonly HeatMapSkill[], steps: readonly HeatMapStep[], now: Date, limit = HEAT_MAP_MONTHS): HeatMap {
  if (skills.length === 0) return { months: [], rows: [] };
  const ordered = [...steps].sort((a, b) => a.at.getTime() - b.at.getTime());
  const first = ordered[0]?.at ?? now;
  const months = monthsBetween(first < now ? first : now, now, limit);
  const rows = [...skills]
    .sort((a, b) => a.name.localeCompare(b.name, "en") || (a.key < b.key ? -1 : 1))
    .map((skill) => {
      const own = ordered.filter((step) => step.skillId === skill.skillId);
      let index = 0;
      let mastery: number | null = null;
      // Evidence older than the first month shown sets where the first month starts.
      while (index < own.length && monthOf(own[index]!.at) < months[0]!) mastery = own[index++]!.masteryAfter;
      const cells = months.map((month) => {
        let evidence = 0;
        while (index < own.length && monthOf(own[index]!.at) === month) {
          mastery = own[index++]!.masteryAfter;
          evidence += 1;
        }
        return { month, mastery, level: mastery === null ? null : levelForScore(mastery), evidence };
      });
      return { ...skill, cells };
    });
  return { months, rows };
}
