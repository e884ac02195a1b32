import { Form, useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { DIFFICULTIES, DIFFICULTY_LABELS } from "~/domain/difficulty";
import { TIER_LABELS, TIERS } from "~/domain/entitlements";
import { Markdown } from "~/components/markdown";
import { weightedTotalShares } from "../content";
import { editorFromForm, levelsFor, type EditorList, type EditorMission } from "../editor";

/*
 * The mission editor: one form whose input names are the document's field paths, so it works
 * without JavaScript (every button posts the whole form; list buttons add, remove or move an
 * entry and save the draft) and validation messages land on the field they name. With
 * JavaScript, the weighted total and the levels follow what is typed, and markdown previews
 * render as the author writes.
 */

export interface EditorChoices {
  tracks: { slug: string; title: string }[];
  skills: { key: string; name: string }[];
  missions: { slug: string; title: string }[];
  evidenceKinds: string[];
}

interface MissionEditorProps {
  editor: EditorMission;
  fieldErrors: Record<string, string[]>;
  choices: EditorChoices;
  /** Rendered markdown of the saved draft, by field path (story, subtasks.N.instructions). */
  previews: Record<string, string>;
  /** Where the markdown preview posts. */
  markdownAction: string;
  /** The buttons that save, preview and publish (inside the form). */
  actions: ReactNode;
}

const fieldId = (path: string) => `f-${path.replace(/\./g, "-")}`;

export function MissionEditor({ editor: saved, fieldErrors, choices, previews, markdownAction, actions }: MissionEditorProps) {
  const [editor, setEditor] = useState(saved);
  const form = useRef<HTMLFormElement>(null);
  const errorsOf = (path: string) => fieldErrors[path];
  const follow = () => {
    if (form.current) setEditor(editorFromForm(new FormData(form.current), { slug: saved.slug }));
  };
  const problems = Object.entries(fieldErrors);
  const skillOptions: [string, string][] = [["", "Choose a skill"], ...choices.skills.map((skill): [string, string] => [skill.key, skill.name])];
  // After a list button, the page comes back at the entry it added or moved: keyboard focus goes there too.
  const { hash, key } = useLocation();
  useEffect(() => {
    if (hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.focus();
  }, [hash, key]);

  return (
    <Form method="post" ref={form} onChange={follow} preventScrollReset noValidate aria-labelledby="editor-heading" className="space-y-8">
      <h2 id="editor-heading" className="sr-only">
        Edit the mission
      </h2>
      {problems.length > 0 ? (
        <section aria-labelledby="problems-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <h3 id="problems-heading" className="font-semibold">
            Before this can be published: {problems.length} {problems.length === 1 ? "field needs" : "fields need"} attention
          </h3>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {problems.map(([path, messages]) => (
              <li key={path}>
                <a className="underline" href={`#${anchorFor(path)}`}>
                  {labelFor(path)}
                </a>
                : {messages.join(" ")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {actions}

      <Section title="The basics" id="basics">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextInput label="Title" path="title" value={saved.title} errors={errorsOf("title")} />
          <Select label="Track" path="track" value={saved.track} errors={errorsOf("track")} options={choices.tracks.map((track) => [track.slug, track.title])} />
          <div className="sm:col-span-2">
            <TextArea label="Summary" hint="One or two sentences on the mission's card." path="summary" value={saved.summary} errors={errorsOf("summary")} rows={2} />
          </div>
          <Select
            label="Difficulty"
            path="difficulty"
            value={saved.difficulty}
            errors={errorsOf("difficulty")}
            options={DIFFICULTIES.map((value) => [value, DIFFICULTY_LABELS[value]])}
          />
          <Select
            label="Plan needed"
            path="tierRequired"
            value={saved.tierRequired}
            errors={errorsOf("tierRequired")}
            options={TIERS.map((value) => [value, TIER_LABELS[value]])}
          />
          <TextInput label="Estimated minutes" path="estimatedMinutes" value={saved.estimatedMinutes} errors={errorsOf("estimatedMinutes")} inputMode="numeric" />
          <Checkbox label="Capstone (Premium; a mentor confirms every review)" path="isCapstone" checked={saved.isCapstone} />
        </div>
      </Section>

      <Section title="The story" id="story-section">
        <MarkdownInput
          label="Story"
          hint="Markdown. The situation the student walks into."
          path="story"
          value={saved.story}
          errors={errorsOf("story")}
          html={previews.story ?? ""}
          action={markdownAction}
          rows={10}
        />
      </Section>

      <Section title="Objectives and success criteria" id="goals">
        <div className="grid gap-4 lg:grid-cols-2">
          <TextArea label="Objectives" hint="One per line." path="objectives" value={saved.objectives.join("\n")} errors={collect(fieldErrors, "objectives")} rows={5} />
          <TextArea
            label="Success criteria"
            hint="One per line: what finished work shows."
            path="successCriteria"
            value={saved.successCriteria.join("\n")}
            errors={collect(fieldErrors, "successCriteria")}
            rows={5}
          />
        </div>
      </Section>

      <Section title="Prerequisites" id="prerequisites-section">
        <fieldset aria-describedby={errorsOf("prerequisites") ? `${fieldId("prerequisites")}-error` : undefined}>
          <legend id={fieldId("prerequisites")} tabIndex={-1} className="field-label">
            Missions a student must have approved first
          </legend>
          <div className="mt-2 grid max-h-64 gap-1 overflow-y-auto rounded-lg border border-slate-200 p-3 sm:grid-cols-2">
            {choices.missions.map((mission) => (
              <label key={mission.slug} className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="prerequisites" value={mission.slug} defaultChecked={saved.prerequisites.includes(mission.slug)} className="mt-1" />
                <span>{mission.title}</span>
              </label>
            ))}
          </div>
          <Errors path="prerequisites" errors={collect(fieldErrors, "prerequisites")} />
        </fieldset>
      </Section>

      <Section title="Skills" id="skills" hint="What the mission trains, each with a weight from above 0 to 1.">
        <Errors path="skills" errors={errorsOf("skills")} />
        <ol className="space-y-3">
          {editor.skills.map((entry, index) => (
            <ListItem key={`${saved.skills.length}-${index}`} list="skills" index={index} count={editor.skills.length} noun="skill">
              <div className="grid gap-3 sm:grid-cols-[2fr_1fr]">
                <Select
                  entry={`Skill ${index + 1}`}
                  label="Skill"
                  path={`skills.${index}.skill`}
                  value={entry.skill}
                  errors={errorsOf(`skills.${index}.skill`)}
                  options={skillOptions}
                />
                <TextInput
                  entry={`Skill ${index + 1}`}
                  label="Weight"
                  path={`skills.${index}.weight`}
                  value={entry.weight}
                  errors={errorsOf(`skills.${index}.weight`)}
                  inputMode="decimal"
                />
              </div>
            </ListItem>
          ))}
        </ol>
        <AddButton list="skills" label="Add a skill" />
      </Section>

      <Section title="Steps" id="subtasks" hint="In the order students work through them.">
        <Errors path="subtasks" errors={errorsOf("subtasks")} />
        <ol className="space-y-4">
          {editor.subtasks.map((subtask, index) => (
            <ListItem key={`${saved.subtasks.length}-${index}`} list="subtasks" index={index} count={editor.subtasks.length} noun="step">
              <div className="space-y-3">
                <TextInput label={`Step ${index + 1} title`} path={`subtasks.${index}.title`} value={subtask.title} errors={errorsOf(`subtasks.${index}.title`)} />
                <MarkdownInput
                  label={`Step ${index + 1} instructions`}
                  hint="Markdown."
                  path={`subtasks.${index}.instructions`}
                  value={subtask.instructions}
                  errors={errorsOf(`subtasks.${index}.instructions`)}
                  html={previews[`subtasks.${index}.instructions`] ?? ""}
                  action={markdownAction}
                  rows={6}
                />
                <Checkbox label="Evidence required" path={`subtasks.${index}.evidenceRequired`} checked={subtask.evidenceRequired} />
                <fieldset>
                  <legend id={fieldId(`subtasks.${index}.evidenceKinds`)} tabIndex={-1} className="text-sm font-medium text-slate-700">
                    Evidence students may attach
                  </legend>
                  <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                    {choices.evidenceKinds.map((kind) => (
                      <label key={kind} className="flex items-center gap-2 text-sm">
                        <input type="checkbox" name={`subtasks.${index}.evidenceKinds`} value={kind} defaultChecked={subtask.evidenceKinds.includes(kind)} />
                        {kind}
                      </label>
                    ))}
                  </div>
                  <Errors path={`subtasks.${index}.evidenceKinds`} errors={collect(fieldErrors, `subtasks.${index}.evidenceKinds`)} />
                </fieldset>
              </div>
            </ListItem>
          ))}
        </ol>
        <AddButton list="subtasks" label="Add a step" />
      </Section>

      <Section title="Rubric" id="rubric" hint="How work is scored. Each criterion describes every score from 0 to its maximum.">
        <Errors path="rubric" errors={errorsOf("rubric")} />
        <TextInput label="Pass threshold (weighted total out of 100)" path="passThreshold" value={saved.passThreshold} errors={errorsOf("passThreshold")} inputMode="numeric" />
        <WeightedTotal editor={editor} />
        <ol className="space-y-4">
          {editor.rubric.map((criterion, index) => (
            <ListItem key={`${saved.rubric.length}-${index}`} list="rubric" index={index} count={editor.rubric.length} noun="criterion">
              <div className="grid gap-3 sm:grid-cols-2">
                <TextInput
                  entry={`Criterion ${index + 1}`}
                  label="Key"
                  hint="Stable and unique, e.g. scope-control."
                  path={`rubric.${index}.key`}
                  value={criterion.key}
                  errors={errorsOf(`rubric.${index}.key`)}
                />
                <TextInput entry={`Criterion ${index + 1}`} label="Title" path={`rubric.${index}.title`} value={criterion.title} errors={errorsOf(`rubric.${index}.title`)} />
                <div className="sm:col-span-2">
                  <TextArea
                    entry={`Criterion ${index + 1}`}
                    label="Description"
                    path={`rubric.${index}.description`}
                    value={criterion.description}
                    errors={errorsOf(`rubric.${index}.description`)}
                    rows={2}
                  />
                </div>
                <TextInput
                  entry={`Criterion ${index + 1}`}
                  label="Weight"
                  hint="Above 0; relative to the others."
                  path={`rubric.${index}.weight`}
                  value={criterion.weight}
                  errors={errorsOf(`rubric.${index}.weight`)}
                  inputMode="decimal"
                />
                <TextInput
                  entry={`Criterion ${index + 1}`}
                  label="Maximum score"
                  hint="1 to 10."
                  path={`rubric.${index}.maxScore`}
                  value={criterion.maxScore}
                  errors={errorsOf(`rubric.${index}.maxScore`)}
                  inputMode="numeric"
                />
              </div>
              <fieldset className="mt-3">
                <legend id={fieldId(`rubric.${index}.levels`)} tabIndex={-1} className="text-sm font-medium text-slate-700">
                  Levels
                </legend>
                <Errors path={`rubric.${index}.levels`} errors={errorsOf(`rubric.${index}.levels`)} />
                <div className="mt-2 space-y-2">
                  {levelsFor(criterion).map((level) => (
                    <div key={level.score} className="grid gap-2 sm:grid-cols-[4rem_1fr_2fr] sm:items-start">
                      <span className="pt-2 text-sm font-semibold text-slate-700">Score {level.score}</span>
                      <TextInput
                        entry={`Criterion ${index + 1}`}
                        label={`Score ${level.score} label`}
                        path={`rubric.${index}.levels.${level.score}.label`}
                        value={level.label}
                        errors={errorsOf(`rubric.${index}.levels.${level.score}.label`)}
                        compact
                      />
                      <TextInput
                        entry={`Criterion ${index + 1}`}
                        label={`Score ${level.score} description`}
                        path={`rubric.${index}.levels.${level.score}.description`}
                        value={level.description}
                        errors={collect(fieldErrors, `rubric.${index}.levels.${level.score}.`, ["label"])}
                        compact
                      />
                    </div>
                  ))}
                </div>
              </fieldset>
            </ListItem>
          ))}
        </ol>
        <AddButton list="rubric" label="Add a criterion" />
      </Section>

      <Section title="Recipes" id="recipes" hint="Short guides shown beside the mission, for the skills it trains.">
        <ol className="space-y-3">
          {editor.recipes.map((recipe, index) => (
            <ListItem key={`${saved.recipes.length}-${index}`} list="recipes" index={index} count={editor.recipes.length} noun="recipe">
              <div className="grid gap-3 sm:grid-cols-2">
                <TextInput entry={`Recipe ${index + 1}`} label="Title" path={`recipes.${index}.title`} value={recipe.title} errors={errorsOf(`recipes.${index}.title`)} />
                <TextInput entry={`Recipe ${index + 1}`} label="Link" path={`recipes.${index}.url`} value={recipe.url} errors={errorsOf(`recipes.${index}.url`)} inputMode="url" />
                <Select
                  entry={`Recipe ${index + 1}`}
                  label="Skill"
                  path={`recipes.${index}.skill`}
                  value={recipe.skill}
                  errors={errorsOf(`recipes.${index}.skill`)}
                  options={skillOptions}
                />
                <TextInput
                  entry={`Recipe ${index + 1}`}
                  label="Minutes"
                  path={`recipes.${index}.minutes`}
                  value={recipe.minutes}
                  errors={errorsOf(`recipes.${index}.minutes`)}
                  inputMode="numeric"
                />
              </div>
            </ListItem>
          ))}
        </ol>
        {editor.recipes.length === 0 ? <p className="text-sm text-slate-600">No recipes yet. They are optional.</p> : null}
        <AddButton list="recipes" label="Add a recipe" />
      </Section>
      {actions}
    </Form>
  );
}

/** The weighted total, explained from what is typed now. */
function WeightedTotal({ editor }: { editor: EditorMission }) {
  const shares = weightedTotalShares(editor.rubric.map((criterion) => ({ key: criterion.key, weight: Number(criterion.weight), maxScore: Number(criterion.maxScore) })));
  const threshold = Number(editor.passThreshold);
  // The shares are in rubric order, one per usable criterion: their weights, summed, are what each is a share of.
  const usable = editor.rubric.filter((criterion) => shares?.some((share) => share.key === criterion.key));
  const totalWeight = Math.round(usable.reduce((sum, criterion) => sum + Number(criterion.weight), 0) * 100) / 100;
  return (
    <div aria-live="polite" className="rounded-lg bg-slate-50 p-4 text-sm text-slate-700" data-testid="weighted-total">
      {shares ? (
        <>
          <p>
            The weighted total is out of 100: each criterion is worth its weight&apos;s share of the weights, in equal steps per level.
            {Number.isFinite(threshold) && editor.passThreshold.trim() !== "" ? ` A pass needs ${threshold} of 100.` : ""}
          </p>
          <ul className="mt-2 space-y-1">
            {shares.map((share, index) => {
              const criterion = editor.rubric.find((candidate) => candidate.key === share.key);
              return (
                <li key={`${share.key}-${index}`}>
                  <span className="font-medium text-slate-900">{criterion?.title || share.key}</span> (weight {criterion ? Number(criterion.weight) : "?"} of {totalWeight}): up to{" "}
                  {share.points} points, {share.pointsPerLevel} per level
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p>Give a criterion a weight above 0 and a maximum score to see how the total is made.</p>
      )}
    </div>
  );
}

function Section({ title, id, hint, children }: { title: string; id: string; hint?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="card space-y-4 p-5">
      <div>
        <h3 id={`${id}-heading`} tabIndex={-1} className="text-lg font-semibold text-slate-900">
          {title}
        </h3>
        {hint ? <p className="text-sm text-slate-600">{hint}</p> : null}
      </div>
      {children}
    </section>
  );
}

function ListItem({ list, index, count, noun, children }: { list: EditorList; index: number; count: number; noun: string; children: ReactNode }) {
  const which = <span className="sr-only"> {`${noun} ${index + 1}`}</span>;
  return (
    <li id={`${list}-item-${index}`} tabIndex={-1} className="rounded-lg border border-slate-200 p-4">
      {children}
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="submit" name="intent" value={`up:${list}:${index}`} className="btn-secondary text-xs" disabled={index === 0}>
          Move up{which}
        </button>
        <button type="submit" name="intent" value={`down:${list}:${index}`} className="btn-secondary text-xs" disabled={index === count - 1}>
          Move down{which}
        </button>
        <button type="submit" name="intent" value={`remove:${list}:${index}`} className="btn-secondary text-xs text-red-700">
          Remove{which}
        </button>
      </div>
    </li>
  );
}

function AddButton({ list, label }: { list: EditorList; label: string }) {
  return (
    <button type="submit" name="intent" value={`add:${list}`} className="btn-secondary">
      {label}
    </button>
  );
}

function Errors({ path, errors }: { path: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={`${fieldId(path)}-error`} className="field-error">
      {errors.join(" ")}
    </p>
  );
}

interface InputProps {
  label: string;
  path: string;
  errors?: string[];
  hint?: string;
  /** Read before the label by screen readers only: which entry of a list ("Criterion 2"). */
  entry?: string;
}

/** A label with the entry it belongs to for screen readers ("Criterion 2 Weight"), so labels stay unique in lists. */
function LabelText({ label, entry }: { label: string; entry?: string }) {
  return (
    <>
      {entry ? <span className="sr-only">{entry} </span> : null}
      {label}
    </>
  );
}

function describedBy(path: string, hint?: string, errors?: string[]) {
  return [hint ? `${fieldId(path)}-hint` : null, errors?.length ? `${fieldId(path)}-error` : null].filter(Boolean).join(" ") || undefined;
}

function Hint({ path, hint }: { path: string; hint?: string }) {
  return hint ? (
    <p id={`${fieldId(path)}-hint`} className="mt-1 text-xs text-slate-500">
      {hint}
    </p>
  ) : null;
}

function TextInput({ label, path, value, errors, hint, compact, inputMode, entry }: InputProps & { value: string; compact?: boolean; inputMode?: "numeric" | "decimal" | "url" }) {
  return (
    <div>
      <label htmlFor={fieldId(path)} className={compact ? "sr-only" : "field-label"}>
        <LabelText label={label} entry={entry} />
      </label>
      <input
        id={fieldId(path)}
        name={path}
        defaultValue={value}
        inputMode={inputMode}
        placeholder={compact ? label.replace(/^Score \d+ /, "") : undefined}
        className="field-input"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(path, hint, errors)}
      />
      <Hint path={path} hint={hint} />
      <Errors path={path} errors={errors} />
    </div>
  );
}

function TextArea({ label, path, value, errors, hint, rows, entry }: InputProps & { value: string; rows: number }) {
  return (
    <div>
      <label htmlFor={fieldId(path)} className="field-label">
        <LabelText label={label} entry={entry} />
      </label>
      <textarea
        id={fieldId(path)}
        name={path}
        defaultValue={value}
        rows={rows}
        className="field-input"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(path, hint, errors)}
      />
      <Hint path={path} hint={hint} />
      <Errors path={path} errors={errors} />
    </div>
  );
}

function Select({ label, path, value, errors, options, entry }: InputProps & { value: string; options: [string, string][] }) {
  const known = options.some(([option]) => option === value);
  return (
    <div>
      <label htmlFor={fieldId(path)} className="field-label">
        <LabelText label={label} entry={entry} />
      </label>
      <select
        id={fieldId(path)}
        name={path}
        defaultValue={value}
        className="field-input"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(path, undefined, errors)}
      >
        {/* A value the choices no longer offer (a removed skill) stays visible, so saving never changes it silently. */}
        {!known && value ? <option value={value}>{value} (unknown)</option> : null}
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
      <Errors path={path} errors={errors} />
    </div>
  );
}

function Checkbox({ label, path, checked }: { label: string; path: string; checked: boolean }) {
  return (
    <label className="flex items-center gap-2 self-end text-sm font-medium text-slate-700">
      <input id={fieldId(path)} type="checkbox" name={path} defaultChecked={checked} />
      {label}
    </label>
  );
}

/** A markdown field beside its preview; with JavaScript the preview follows the typing (rendered by the server's renderer, as students will see it). */
function MarkdownInput({ label, path, value, errors, hint, html, action, rows }: InputProps & { value: string; html: string; action: string; rows: number }) {
  const fetcher = useFetcher<{ html: string }>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const render = (markdown: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => fetcher.submit({ markdown }, { method: "post", action }), 300);
  };
  const shown = fetcher.data?.html ?? html;
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      <div>
        <label htmlFor={fieldId(path)} className="field-label">
          {label}
        </label>
        <textarea
          id={fieldId(path)}
          name={path}
          defaultValue={value}
          rows={rows}
          onInput={(event) => render(event.currentTarget.value)}
          className="field-input font-mono text-sm"
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy(path, hint, errors)}
        />
        <Hint path={path} hint={hint} />
        <Errors path={path} errors={errors} />
      </div>
      <div aria-label={`${label}: preview`} role="region" className="max-h-96 overflow-y-auto rounded-lg border border-dashed border-slate-300 p-3">
        <p className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500">Preview</p>
        {shown ? <Markdown html={shown} /> : <p className="text-sm text-slate-500">Nothing written yet.</p>}
      </div>
    </div>
  );
}

/** Messages for a path and the paths below it (a list's entries), or for some of its fields. */
function collect(fieldErrors: Record<string, string[]>, prefix: string, exclude: string[] = []): string[] | undefined {
  const messages = Object.entries(fieldErrors)
    .filter(([path]) => (path === prefix || path.startsWith(prefix.endsWith(".") ? prefix : `${prefix}.`)) && !exclude.some((field) => path === `${prefix}${field}`))
    .flatMap(([, list]) => list);
  return messages.length > 0 ? messages : undefined;
}

/** The id of the element a problem's link leads to: an entry of a text list or a checkbox group points at the whole list, a list at its section. */
function anchorFor(path: string): string {
  if (/^(objectives|successCriteria|prerequisites)\./.test(path)) return fieldId(path.split(".")[0]!);
  if (/^subtasks\.\d+\.evidenceKinds\./.test(path)) return fieldId(path.split(".").slice(0, 3).join("."));
  if (/^(skills|subtasks|rubric|recipes)$/.test(path)) return `${path}-heading`;
  return fieldId(path);
}

const PART_LABELS: Record<string, string> = {
  title: "Title",
  track: "Track",
  summary: "Summary",
  story: "Story",
  objectives: "Objectives",
  successCriteria: "Success criteria",
  difficulty: "Difficulty",
  tierRequired: "Plan needed",
  estimatedMinutes: "Estimated minutes",
  passThreshold: "Pass threshold",
  prerequisites: "Prerequisites",
  skills: "Skills",
  subtasks: "Steps",
  rubric: "Rubric",
  recipes: "Recipes",
};

const FIELD_WORDS: Record<string, string> = { evidenceKinds: "evidence kinds", evidenceRequired: "evidence required", maxScore: "maximum score", url: "link" };

const ENTRY_NOUNS: Record<string, string> = {
  skills: "Skill",
  subtasks: "Step",
  rubric: "Criterion",
  recipes: "Recipe",
  objectives: "Objective",
  successCriteria: "Success criterion",
};

/** A field path as an author reads it: "Criterion 2, weight". */
export function labelFor(path: string): string {
  const [head, index, ...rest] = path.split(".");
  if (!head) return path;
  if (index === undefined) return PART_LABELS[head] ?? head;
  const noun = ENTRY_NOUNS[head] ?? PART_LABELS[head] ?? head;
  if (!/^\d+$/.test(index)) return `${noun}, ${index}`;
  const tail =
    rest.length === 0
      ? ""
      : rest[0] === "levels" && rest[1] !== undefined
        ? `, score ${rest[1]}${rest[2] ? ` ${rest[2]}` : ""}`
        : `, ${rest.map((word) => FIELD_WORDS[word] ?? word).join(" ")}`;
  return `${noun} ${Number(index) + 1}${tail}`;
}
