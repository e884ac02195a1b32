/**
 * The mission editor's state (pure, no zod: it runs in the browser too). A draft keeps what the
 * admin typed, numbers as typed, so an unfinished draft is never lost; `documentInput` turns it
 * into the input the document schema (content-schemas.ts) checks. Input names are field paths
 * (`rubric.1.weight`), the same paths validation messages carry.
 */
// A type only: the schema itself (zod) stays out of the browser.
import type { MissionDocument } from "./content-schemas";

export interface EditorLevel {
  score: number;
  label: string;
  description: string;
}

export interface EditorCriterion {
  key: string;
  title: string;
  description: string;
  weight: string;
  maxScore: string;
  /** One per score from 0 to the maximum score (levelsFor keeps them so). */
  levels: EditorLevel[];
}

export interface EditorSubtask {
  title: string;
  instructions: string;
  evidenceRequired: boolean;
  evidenceKinds: string[];
}

export interface EditorMission {
  slug: string;
  track: string;
  title: string;
  summary: string;
  story: string;
  objectives: string[];
  successCriteria: string[];
  difficulty: string;
  tierRequired: string;
  isCapstone: boolean;
  estimatedMinutes: string;
  passThreshold: string;
  prerequisites: string[];
  skills: { skill: string; weight: string }[];
  subtasks: EditorSubtask[];
  rubric: EditorCriterion[];
  recipes: { title: string; skill: string; minutes: string; url: string }[];
}

/** The lists an author adds to, removes from and reorders. */
export const EDITOR_LISTS = ["subtasks", "rubric", "skills", "recipes"] as const;
export type EditorList = (typeof EDITOR_LISTS)[number];

/** The largest maximum score the editor lays levels out for. */
export const MAX_LEVELS = 10;

const DEFAULT_LEVEL_LABELS = ["Missing", "Emerging", "Proficient", "Exemplary"];

/** The criterion's levels for scores 0…maxScore: those written kept, the others blank (a maximum the editor cannot read keeps what is there). */
export function levelsFor(criterion: Pick<EditorCriterion, "maxScore" | "levels">): EditorLevel[] {
  const max = Number(criterion.maxScore);
  if (!Number.isInteger(max) || max < 1 || max > MAX_LEVELS) return criterion.levels;
  return Array.from({ length: max + 1 }, (_, score) => criterion.levels.find((level) => level.score === score) ?? { score, label: "", description: "" });
}

export function blankCriterion(index: number): EditorCriterion {
  return {
    key: `criterion-${index + 1}`,
    title: "",
    description: "",
    weight: "1",
    maxScore: "3",
    levels: DEFAULT_LEVEL_LABELS.map((label, score) => ({ score, label, description: "" })),
  };
}

export function blankSubtask(): EditorSubtask {
  return { title: "", instructions: "", evidenceRequired: false, evidenceKinds: [] };
}

/** A new mission's first draft: the fields a mission needs, most of them still to write. */
export function newMission(fields: { slug: string; track: string; title: string }): EditorMission {
  return {
    ...fields,
    summary: "",
    story: "",
    objectives: [],
    successCriteria: [],
    difficulty: "NOVICE",
    tierRequired: "FREE",
    isCapstone: false,
    estimatedMinutes: "60",
    passThreshold: "70",
    prerequisites: [],
    skills: [],
    subtasks: [blankSubtask()],
    rubric: [blankCriterion(0)],
    recipes: [],
  };
}

/** An editor's state from a published mission's document. */
export function editorFromDocument(document: MissionDocument): EditorMission {
  return {
    slug: document.slug,
    track: document.track,
    title: document.title,
    summary: document.summary,
    story: document.story,
    objectives: [...document.objectives],
    successCriteria: [...document.successCriteria],
    difficulty: document.difficulty,
    tierRequired: document.tierRequired,
    isCapstone: document.isCapstone,
    estimatedMinutes: String(document.estimatedMinutes),
    passThreshold: String(document.passThreshold),
    prerequisites: [...document.prerequisites],
    skills: document.skills.map((entry) => ({ skill: entry.skill, weight: String(entry.weight) })),
    subtasks: document.subtasks.map((subtask) => ({ ...subtask, evidenceKinds: [...subtask.evidenceKinds] })),
    rubric: document.rubric.map((criterion) => ({ ...criterion, weight: String(criterion.weight), maxScore: String(criterion.maxScore), levels: [...criterion.levels] })),
    recipes: document.recipes.map((recipe) => ({ ...recipe, minutes: String(recipe.minutes) })),
  };
}

/** What the document schema checks: numbers as numbers (blank stays blank, for a "required" message), lists without empty lines. */
export function documentInput(editor: EditorMission): Record<string, unknown> {
  return {
    ...editor,
    estimatedMinutes: number(editor.estimatedMinutes),
    passThreshold: number(editor.passThreshold),
    skills: editor.skills.map((entry) => ({ ...entry, weight: number(entry.weight) })),
    rubric: editor.rubric.map((criterion) => ({ ...criterion, weight: number(criterion.weight), maxScore: number(criterion.maxScore) })),
    recipes: editor.recipes.map((recipe) => ({ ...recipe, minutes: number(recipe.minutes) })),
  };
}

function number(typed: string): number | undefined {
  const trimmed = typed.trim();
  return trimmed === "" ? undefined : Number(trimmed);
}

/** Text lists (objectives, success criteria) are written one per line. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** How many entries of a list the form sent: one past the highest index among its inputs. */
function countOf(names: readonly string[], list: string): number {
  const pattern = new RegExp(`^${list}\\.(\\d+)\\.`);
  let count = 0;
  for (const name of names) {
    const match = pattern.exec(name);
    if (match) count = Math.max(count, Number(match[1]) + 1);
  }
  return Math.min(count, 50);
}

/** The editor's state from its form, with or without JavaScript. `fixed` carries what the form does not send (the slug). */
export function editorFromForm(form: FormData, fixed: { slug: string }): EditorMission {
  const names = [...form.keys()];
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const all = (name: string) => form.getAll(name).filter((value): value is string => typeof value === "string");
  const checked = (name: string) => form.get(name) === "on";
  const list = <T>(name: string, read: (prefix: string, index: number) => T): T[] => Array.from({ length: countOf(names, name) }, (_, index) => read(`${name}.${index}.`, index));
  return {
    slug: fixed.slug,
    track: text("track"),
    title: text("title"),
    summary: text("summary"),
    story: text("story"),
    objectives: linesOf(text("objectives")),
    successCriteria: linesOf(text("successCriteria")),
    difficulty: text("difficulty"),
    tierRequired: text("tierRequired"),
    isCapstone: checked("isCapstone"),
    estimatedMinutes: text("estimatedMinutes"),
    passThreshold: text("passThreshold"),
    prerequisites: all("prerequisites"),
    skills: list("skills", (at) => ({ skill: text(`${at}skill`), weight: text(`${at}weight`) })),
    subtasks: list("subtasks", (at) => ({
      title: text(`${at}title`),
      instructions: text(`${at}instructions`),
      evidenceRequired: checked(`${at}evidenceRequired`),
      evidenceKinds: all(`${at}evidenceKinds`),
    })),
    rubric: list("rubric", (at) => {
      const criterion = {
        key: text(`${at}key`).trim(),
        title: text(`${at}title`),
        description: text(`${at}description`),
        weight: text(`${at}weight`),
        maxScore: text(`${at}maxScore`),
        levels: list(`${at}levels`, (levelAt, score) => ({ score, label: text(`${levelAt}label`), description: text(`${levelAt}description`) })),
      };
      return { ...criterion, levels: levelsFor(criterion) };
    }),
    recipes: list("recipes", (at) => ({ title: text(`${at}title`), skill: text(`${at}skill`), minutes: text(`${at}minutes`), url: text(`${at}url`) })),
  };
}

/** A change to one of the editor's lists, as its buttons send it: "add:rubric", "remove:subtasks:2", "up:rubric:1", "down:skills:0". */
export type ListChange = { kind: "add"; list: EditorList } | { kind: "remove" | "up" | "down"; list: EditorList; index: number };

export function parseListChange(intent: string): ListChange | null {
  const [kind, list, index] = intent.split(":");
  if (!list || !(EDITOR_LISTS as readonly string[]).includes(list)) return null;
  if (kind === "add" && index === undefined) return { kind, list: list as EditorList };
  if ((kind === "remove" || kind === "up" || kind === "down") && index !== undefined && /^\d+$/.test(index)) return { kind, list: list as EditorList, index: Number(index) };
  return null;
}

/** The editor with one list changed; an index outside the list changes nothing. */
export function changeList(editor: EditorMission, change: ListChange): EditorMission {
  const entries: unknown[] = [...editor[change.list]];
  if (change.kind === "add") {
    entries.push(
      change.list === "subtasks"
        ? blankSubtask()
        : change.list === "rubric"
          ? blankCriterion(entries.length)
          : change.list === "skills"
            ? { skill: "", weight: "0.5" }
            : { title: "", skill: "", minutes: "15", url: "" },
    );
  } else if (change.index < entries.length) {
    if (change.kind === "remove") entries.splice(change.index, 1);
    else {
      const other = change.kind === "up" ? change.index - 1 : change.index + 1;
      if (other >= 0 && other < entries.length) [entries[change.index], entries[other]] = [entries[other], entries[change.index]];
    }
  }
  return { ...editor, [change.list]: entries };
}
