import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { normalizeValues, type ServerState, type SubtaskPatch, type SubtaskValues, type ValuesMap } from "~/features/progress/autosave/autosave-store";
import { ConflictDialog } from "~/features/progress/autosave/conflict-dialog";
import { SaveStateIndicator } from "~/features/progress/autosave/save-state";
import { useAutosave, type Autosave } from "~/features/progress/autosave/use-autosave";
import { EvidenceUploader } from "~/features/evidence/components/evidence-uploader";
import { FormAlert } from "~/components/form";
import { Markdown, safeHref } from "~/components/markdown";
import { PageHeader } from "~/components/page-header";
import { DIFFICULTY_LABELS } from "~/domain/difficulty";
import { quotaSummary, TIER_LABELS } from "~/domain/entitlements";
import type { LockReason } from "~/domain/mission-access";
import { completionPercent, MIN_REFLECTION_LENGTH, submissionChecklist, type MissingItem } from "~/domain/mission-progress";
import { getMissionDetail, startMission } from "~/features/missions/service.server";
import type { EvidenceFileView } from "~/features/progress/service.server";
import { saveProgress } from "~/features/progress/service.server";
import { submitProgress } from "~/features/submissions/service.server";
import { isWaitingForReview, statusLabel, statusSentence } from "~/features/progress/status";
import { appErrorResponse, requireUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime, formatMinutes } from "~/utils/format";
import { useHydrated } from "~/utils/use-hydrated";
import { getEnv } from "~/utils/env.server";
import { AppError, isAppError } from "~/utils/errors";
import { formFailure, type FormFailure } from "~/utils/forms.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.mission.title} · MXP` : "Mission · MXP" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const detail = await getMissionDetail(getDb(), user, params.id);
    return json({ ...detail, role: user.role, maxBytes: getEnv().UPLOAD_MAX_BYTES });
  } catch (error) {
    if (isAppError(error)) throw appErrorResponse(error as AppError);
    throw error;
  }
}

type Intent = "start" | "save" | "submit";

interface ActionResult extends FormFailure<{ missing?: MissingItem[] }> {
  intent?: Intent;
  ok?: boolean;
  attempt?: number;
}

/**
 * The page's forms, which also work without JavaScript: start the mission, save one step (the
 * fallback of autosave), submit the attempt. Failures a person caused come back to the form.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "") as Intent;
  const db = getDb();
  const pathname = new URL(request.url).pathname;
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  try {
    switch (intent) {
      case "start": {
        await startMission(db, user, params.id);
        return redirect(pathname);
      }
      case "save": {
        const subtaskId = text("subtaskId");
        await saveProgress(db, user, text("progressId"), {
          version: Number(text("version")),
          subtasks: { [subtaskId]: { notes: text("notes"), completed: form.get("completed") === "on" } },
        });
        return redirect(`${pathname}#step-${encodeURIComponent(subtaskId)}`);
      }
      case "submit": {
        const submission = await submitProgress(db, user, text("progressId"), { reflection: text("reflection") });
        return json<ActionResult>({ intent, ok: true, attempt: submission.attempt });
      }
      default:
        throw new AppError("VALIDATION_FAILED", "This form sent an action the page does not know.");
    }
  } catch (error) {
    const values: Record<string, string> = { intent, ...(intent === "submit" ? { reflection: text("reflection") } : {}), ...(intent === "save" ? { subtaskId: text("subtaskId") } : {}) };
    return formFailure(error, values);
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Mission = LoaderData["mission"];
type Progress = NonNullable<LoaderData["progress"]>;
type SubtaskInfo = Mission["subtasks"][number];

function stepId(subtaskId: string): string {
  return `step-${subtaskId}`;
}

export default function MissionPage() {
  const data = useLoaderData<typeof loader>();
  const { mission } = data;
  const header = (
    <PageHeader
      title={mission.title}
      description={
        <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span>{mission.track.title}</span>
          <span aria-hidden="true">·</span>
          <span>{DIFFICULTY_LABELS[mission.difficulty]}</span>
          <span aria-hidden="true">·</span>
          <span>{TIER_LABELS[mission.tierRequired]} plan</span>
          <span aria-hidden="true">·</span>
          <span>about {formatMinutes(mission.estimatedMinutes)}</span>
          {mission.isCapstone ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Capstone</span> : null}
        </span>
      }
      actions={
        <Link to="/dashboard/student/missions" className="btn-secondary">
          All missions
        </Link>
      }
    />
  );
  if (!data.progress) {
    return (
      <>
        {header}
        <Columns
          main={
            <>
              <StartPanel />
              <MissionBrief mission={mission} />
              <section aria-labelledby="subtasks-heading" className="space-y-4">
                <h2 id="subtasks-heading" className="text-lg font-semibold text-slate-900">
                  Subtasks
                </h2>
                <ol className="space-y-4">
                  {mission.subtasks.map((subtask) => (
                    <li key={subtask.id} id={stepId(subtask.id)} className="card scroll-mt-24 p-5">
                      <SubtaskHeading subtask={subtask} />
                      <Markdown source={subtask.instructions} className="mt-3 text-sm" headingOffset={3} />
                    </li>
                  ))}
                </ol>
              </section>
            </>
          }
          sidebar={<Recipes mission={mission} />}
        />
      </>
    );
  }
  return (
    <>
      {header}
      <StartedMission key={data.progress.id} progress={data.progress} />
    </>
  );
}

function Columns({ main, sidebar }: { main: ReactNode; sidebar: ReactNode }) {
  // The sidebar follows the main column in the document, so on small screens it stacks below it.
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0 space-y-10">{main}</div>
      <aside className="min-w-0 space-y-6" aria-label="Mission tools">
        {sidebar}
      </aside>
    </div>
  );
}

/* ────────────────────────────── before starting ────────────────────────────── */

function LockItem({ lock }: { lock: LockReason }) {
  const { mission, quota } = useLoaderData<typeof loader>();
  if (lock.kind === "tier") {
    return (
      <li>
        <p>{lock.message}</p>
        <p className="mt-1">
          <Link to="/#plans" className="font-semibold text-brand-700 underline-offset-2 hover:underline">
            Upgrade to {TIER_LABELS[lock.tierRequired]}
          </Link>{" "}
          to start it.
        </p>
      </li>
    );
  }
  if (lock.kind === "prerequisites") {
    const missing = mission.prerequisites.filter((prerequisite) => lock.missing.includes(prerequisite.id));
    return (
      <li>
        <p>{lock.message} Once their work is approved, this mission unlocks.</p>
        <ul className="mt-1 list-disc pl-5">
          {missing.map((prerequisite) => (
            <li key={prerequisite.id}>
              <Link to={`/dashboard/student/missions/${prerequisite.slug}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                {prerequisite.title}
              </Link>
            </li>
          ))}
        </ul>
      </li>
    );
  }
  return (
    <li>
      <p data-testid="quota-message">{quotaSummary(quota)}.</p>
      <p className="mt-1">
        Wait for the reset, or{" "}
        <Link to="/#plans" className="font-semibold text-brand-700 underline-offset-2 hover:underline">
          upgrade for more starts
        </Link>
        .
      </p>
    </li>
  );
}

function StartPanel() {
  const { locks, quota, role } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const error = actionData?.values?.intent === "start" ? actionData.formError : undefined;
  return (
    <section aria-labelledby="start-heading" className="card border-brand-200 p-6" data-testid="start-panel">
      <h2 id="start-heading" className="text-lg font-semibold text-slate-900">
        {locks.length === 0 ? "Ready when you are" : "This mission is locked for now"}
      </h2>
      <div className="mt-3 space-y-4 text-sm text-slate-700">
        <FormAlert message={error} />
        {role !== "STUDENT" ? (
          <p>Only students start missions. You can read everything on this page.</p>
        ) : locks.length === 0 ? (
          <Form method="post" className="flex flex-wrap items-center gap-4">
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="btn-primary">
              Start this mission
            </button>
            <span className="text-slate-600">{quotaSummary(quota)}</span>
          </Form>
        ) : (
          <ul className="space-y-3" data-testid="lock-reasons">
            {locks.map((lock) => (
              <LockItem key={lock.kind} lock={lock} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/* ────────────────────────────── the mission itself ────────────────────────────── */

function MissionBrief({ mission }: { mission: Mission }) {
  const totalWeight = mission.rubric.reduce((sum, criterion) => sum + criterion.weight, 0) || 1;
  return (
    <>
      <section aria-labelledby="story-heading">
        <h2 id="story-heading" className="text-lg font-semibold text-slate-900">
          The story
        </h2>
        <p className="mt-1 text-sm text-slate-600">{mission.summary}</p>
        <Markdown source={mission.story} className="mt-4" />
      </section>

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="objectives-heading" className="card p-5">
          <h2 id="objectives-heading" className="font-semibold text-slate-900">
            Objectives
          </h2>
          <ul className="mt-3 list-disc space-y-2 pl-5 text-sm text-slate-700">
            {mission.objectives.map((objective) => (
              <li key={objective}>{objective}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="criteria-heading" className="card p-5">
          <h2 id="criteria-heading" className="font-semibold text-slate-900">
            Success criteria
          </h2>
          <ul className="mt-3 space-y-2 text-sm text-slate-700">
            {mission.successCriteria.map((criterion) => (
              <li key={criterion} className="flex gap-2">
                <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 h-4 w-4 shrink-0 text-emerald-600">
                  <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
                </svg>
                <span>{criterion}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section aria-labelledby="rubric-heading">
        <h2 id="rubric-heading" className="text-lg font-semibold text-slate-900">
          How your work is judged
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          The AI reviewer (and a mentor, if you ask for one) scores each criterion. The weighted total is out of 100; you pass at {mission.passThreshold}.
        </p>
        <ul className="mt-4 space-y-4" data-testid="rubric">
          {mission.rubric.map((criterion) => (
            <li key={criterion.key} className="card p-5">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="font-semibold text-slate-900">{criterion.title}</h3>
                <span className="text-xs font-medium text-slate-600">
                  Weight {criterion.weight} · {Math.round((criterion.weight / totalWeight) * 100)}% of the score · max {criterion.maxScore}
                </span>
              </div>
              <p className="mt-1 text-sm text-slate-700">{criterion.description}</p>
              <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-2">
                {[...criterion.levels]
                  .sort((a, b) => a.score - b.score)
                  .map((level) => (
                    <div key={level.score} className="rounded-lg bg-slate-50 px-3 py-2">
                      <dt className="font-medium text-slate-900">
                        {level.score} · {level.label}
                      </dt>
                      <dd className="mt-0.5 text-slate-600">{level.description}</dd>
                    </div>
                  ))}
              </dl>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function SubtaskHeading({ subtask, done, conflict }: { subtask: SubtaskInfo; done?: boolean; conflict?: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <h3 className="font-semibold text-slate-900">
        Step {subtask.position}: {subtask.title}
      </h3>
      {subtask.evidenceRequired ? (
        <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-200">Evidence required</span>
      ) : null}
      {done ? <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-200">Complete</span> : null}
      {conflict ? <span className="rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 ring-1 ring-inset ring-red-200">Conflict</span> : null}
    </div>
  );
}

function Recipes({ mission }: { mission: Mission }) {
  if (mission.recipes.length === 0) return null;
  return (
    <section aria-labelledby="recipes-heading" className="card p-5">
      <h2 id="recipes-heading" className="font-semibold text-slate-900">
        Recipes
      </h2>
      <p className="mt-1 text-xs text-slate-600">Short reads and exercises, for your weakest skills first.</p>
      <ul className="mt-3 space-y-3" data-testid="recipes">
        {mission.recipes.map((recipe) => (
          <li key={recipe.id} className="text-sm">
            {safeHref(recipe.url) ? (
              <a href={safeHref(recipe.url)!} target="_blank" rel="noopener noreferrer" className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {recipe.title}
                <span className="sr-only"> (opens in a new tab)</span>
              </a>
            ) : (
              <span className="font-medium text-slate-900">{recipe.title}</span>
            )}
            <p className="text-xs text-slate-600">
              {recipe.skill.name} · {recipe.minutes} min · your mastery {Math.round(recipe.mastery)}/100
            </p>
          </li>
        ))}
      </ul>
      {mission.skills.length > 0 ? (
        <>
          <h3 className="mt-5 text-sm font-semibold text-slate-900">Skills this mission builds</h3>
          <ul className="mt-2 flex flex-wrap gap-2">
            {mission.skills.map((skill) => (
              <li key={skill.key} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {skill.name}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/* ────────────────────────────── working on it ────────────────────────────── */

function evidenceCounts(files: { subtaskId: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const file of files) counts[file.subtaskId] = (counts[file.subtaskId] ?? 0) + 1;
  return counts;
}

function StartedMission({ progress }: { progress: Progress }) {
  const { mission, maxBytes } = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  const subtaskIds = useMemo(() => mission.subtasks.map((subtask) => subtask.id), [mission.subtasks]);
  const loaded = useMemo<ServerState>(() => ({ version: progress.version, subtasks: normalizeValues(progress.subtasks) }), [progress.version, progress.subtasks]);
  const autosave = useAutosave({ progressId: progress.id, subtaskIds, loaded, editable: progress.editable });

  const [files, setFiles] = useState<EvidenceFileView[]>(progress.files);
  useEffect(() => setFiles(progress.files), [progress.files]);
  const onUploaded = useCallback((file: EvidenceFileView) => setFiles((current) => (current.some((other) => other.id === file.id) ? current : [...current, file])), []);
  const onDeleted = useCallback((fileId: string) => setFiles((current) => current.filter((file) => file.id !== fileId)), []);

  // While a review is pending, look for its result every 5 s (only while the tab is visible).
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!isWaitingForReview(progress.status)) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, 5_000);
    return () => clearInterval(timer);
  }, [progress.status, revalidator]);

  // Once submitted (the submit panel is gone), bring the new status into view.
  const statusRef = useRef<HTMLParagraphElement>(null);
  const previousStatus = useRef(progress.status);
  useEffect(() => {
    if (previousStatus.current !== progress.status && !progress.editable) statusRef.current?.scrollIntoView({ block: "center", behavior: "smooth" });
    previousStatus.current = progress.status;
  }, [progress.status, progress.editable]);

  const showSaveState = hydrated && autosave.ready && (progress.editable || autosave.unsentSubtaskIds.length > 0);
  const values = autosave.values;
  const percent = completionPercent(subtaskIds, values as Record<string, SubtaskValues>);
  const titles = useMemo(() => Object.fromEntries(mission.subtasks.map((subtask) => [subtask.id, `Step ${subtask.position}: ${subtask.title}`])), [mission.subtasks]);
  const conflicted = new Set(autosave.conflicts.map((entry) => entry.subtaskId));

  return (
    <Columns
      main={
        <>
          <p
            ref={statusRef}
            role="status"
            data-testid="progress-status"
            data-status={progress.status}
            className={`rounded-xl px-4 py-3 text-sm font-medium ${
              progress.status === "APPROVED" ? "bg-emerald-50 text-emerald-900" : progress.editable ? "bg-brand-50 text-brand-900" : "bg-amber-50 text-amber-900"
            }`}
          >
            {statusSentence(progress.status)}
            {progress.currentAttempt > 0 && progress.editable ? ` · attempt ${progress.currentAttempt} was submitted` : ""}
          </p>
          <MissionBrief mission={mission} />
          <section aria-labelledby="subtasks-heading" className="space-y-4">
            {/* With the save state, stays in view under the site header while the student works down the steps. */}
            <div className={`-mx-2 flex flex-wrap items-center justify-between gap-3 px-2 py-2 ${showSaveState ? "sticky top-[65px] z-10 bg-slate-50/95 backdrop-blur" : ""}`}>
              <h2 id="subtasks-heading" className="text-lg font-semibold text-slate-900">
                Subtasks
              </h2>
              {showSaveState ? <SaveStateIndicator state={autosave.saveState} /> : null}
            </div>
            {progress.editable ? (
              <p className="text-sm text-slate-600">
                {hydrated
                  ? "Your notes save by themselves as you type, and are kept on this device while you are offline."
                  : "Save each step with its button. (With JavaScript on, notes save by themselves.)"}
              </p>
            ) : (
              <p className="text-sm text-slate-600">This attempt is submitted, so the work is read-only until changes are requested.</p>
            )}
            {!progress.editable && autosave.unsentSubtaskIds.length > 0 ? <UnsendableNotice autosave={autosave} titles={titles} /> : null}
            <ConflictDialog entries={autosave.conflicts} titles={titles} onResolve={autosave.resolve} />
            <ol className="space-y-6">
              {mission.subtasks.map((subtask) => (
                <SubtaskCard
                  key={subtask.id}
                  subtask={subtask}
                  progress={progress}
                  values={values[subtask.id] ?? { notes: "", completed: false }}
                  onChange={autosave.change}
                  hydrated={hydrated}
                  conflict={conflicted.has(subtask.id)}
                  files={files.filter((file) => file.subtaskId === subtask.id)}
                  maxBytes={maxBytes}
                  onUploaded={onUploaded}
                  onDeleted={onDeleted}
                />
              ))}
            </ol>
          </section>
          {progress.editable ? <SubmitPanel progress={progress} values={values} files={files} autosave={autosave} hydrated={hydrated} /> : null}
          <Attempts progress={progress} mission={mission} />
        </>
      }
      sidebar={
        <>
          <ProgressTracker mission={mission} progress={progress} values={values} files={files} percent={percent} />
          <Recipes mission={mission} />
        </>
      }
    />
  );
}

function ProgressTracker({ mission, progress, values, files, percent }: { mission: Mission; progress: Progress; values: ValuesMap; files: EvidenceFileView[]; percent: number }) {
  const counts = evidenceCounts(files);
  return (
    <section aria-labelledby="tracker-heading" className="card p-5" data-testid="progress-tracker">
      <h2 id="tracker-heading" className="font-semibold text-slate-900">
        Your progress
      </h2>
      <div className="mt-3 flex items-center justify-between text-sm">
        <span className="text-slate-600">{statusLabel(progress.status)}</span>
        <span className="font-semibold text-slate-900" data-testid="completion-percent">
          {percent}%
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Steps complete"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <ol className="mt-4 space-y-2 text-sm">
        {mission.subtasks.map((subtask) => {
          const done = values[subtask.id]?.completed ?? false;
          const needsEvidence = subtask.evidenceRequired && !(counts[subtask.id] > 0);
          return (
            <li key={subtask.id} className="flex items-start gap-2">
              <span aria-hidden="true" className={`mt-0.5 flex h-4 w-4 shrink-0 items-center justify-center rounded-full text-[10px] font-bold ${done ? "bg-emerald-600 text-white" : "bg-slate-200 text-slate-600"}`}>
                {done ? "✓" : subtask.position}
              </span>
              <a href={`#${stepId(subtask.id)}`} className="text-slate-700 underline-offset-2 hover:underline">
                {subtask.title}
                <span className="sr-only">{done ? " (complete)" : " (not complete)"}</span>
                {needsEvidence ? <span className="block text-xs text-amber-800">Evidence needed</span> : null}
              </a>
            </li>
          );
        })}
      </ol>
      {progress.submissions.length > 0 ? (
        <p className="mt-4 text-xs text-slate-600">
          {progress.submissions.length} attempt{progress.submissions.length === 1 ? "" : "s"} submitted ·{" "}
          <a href="#attempts-heading" className="underline-offset-2 hover:underline">
            see them
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** Grows with its content (up to a limit), so long notes stay comfortable to write. */
function AutoGrowTextarea(props: React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.min(element.scrollHeight + 2, 640)}px`;
  }, [props.value]);
  return <textarea ref={ref} {...props} />;
}

function SubtaskCard({
  subtask,
  progress,
  values,
  onChange,
  hydrated,
  conflict,
  files,
  maxBytes,
  onUploaded,
  onDeleted,
}: {
  subtask: SubtaskInfo;
  progress: Progress;
  values: SubtaskValues;
  onChange: (subtaskId: string, patch: SubtaskPatch) => void;
  hydrated: boolean;
  conflict: boolean;
  files: EvidenceFileView[];
  maxBytes: number;
  onUploaded: (file: EvidenceFileView) => void;
  onDeleted: (fileId: string) => void;
}) {
  const id = useId();
  const notesId = `${id}-notes`;
  const completedId = `${id}-completed`;
  const actionData = useActionData<ActionResult>();
  const error = actionData?.values?.intent === "save" && actionData.values.subtaskId === subtask.id ? actionData.formError : undefined;
  return (
    <li id={stepId(subtask.id)} className="card scroll-mt-32 p-5" data-testid="subtask">
      <SubtaskHeading subtask={subtask} done={values.completed} conflict={conflict} />
      <Markdown source={subtask.instructions} className="mt-3 text-sm" headingOffset={3} />
      <Form
        method="post"
        className="mt-5 space-y-3 border-t border-slate-100 pt-4"
        onSubmit={(event) => {
          // With JavaScript the notes save by themselves; the button is the fallback without it.
          if (hydrated) event.preventDefault();
        }}
      >
        <FormAlert message={error} />
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="progressId" value={progress.id} />
        <input type="hidden" name="version" value={progress.version} />
        <input type="hidden" name="subtaskId" value={subtask.id} />
        <div>
          <label htmlFor={notesId} className="field-label">
            Notes for step {subtask.position}
          </label>
          <AutoGrowTextarea
            id={notesId}
            name="notes"
            rows={4}
            value={values.notes}
            readOnly={!progress.editable}
            onChange={(event) => onChange(subtask.id, { notes: event.currentTarget.value })}
            placeholder={progress.editable ? "What you did, the commands you ran, what you found…" : undefined}
            className="field-input min-h-[7rem] resize-y font-mono text-sm leading-relaxed read-only:bg-slate-50"
            spellCheck
          />
        </div>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-2">
            <input
              id={completedId}
              type="checkbox"
              name="completed"
              checked={values.completed}
              disabled={!progress.editable}
              onChange={(event) => onChange(subtask.id, { completed: event.currentTarget.checked })}
              className="h-5 w-5 rounded border-slate-400 text-brand-700 focus:ring-brand-600"
            />
            <label htmlFor={completedId} className="text-sm font-medium text-slate-800">
              Step {subtask.position} is complete
            </label>
          </div>
          {!hydrated && progress.editable ? (
            <button type="submit" className="btn-secondary">
              Save step {subtask.position}
            </button>
          ) : null}
        </div>
      </Form>
      <div className="mt-5">
        <h4 className="text-sm font-semibold text-slate-900">
          Evidence{" "}
          <span className="font-normal text-slate-600">
            {subtask.evidenceRequired ? "(required)" : "(optional)"}
            {subtask.evidenceKinds.length > 0 ? ` · ${subtask.evidenceKinds.join(", ")}` : ""}
          </span>
        </h4>
        <div className="mt-2">
          <EvidenceUploader progressId={progress.id} subtaskId={subtask.id} files={files} editable={progress.editable} maxBytes={maxBytes} onUploaded={onUploaded} onDeleted={onDeleted} />
        </div>
      </div>
    </li>
  );
}

function UnsendableNotice({ autosave, titles }: { autosave: Autosave; titles: Record<string, string> }) {
  return (
    <div className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" role="alert">
      <p className="font-semibold">Changes kept on this device could not be saved</p>
      <p className="mt-1">
        This attempt was submitted before these changes reached the server: {autosave.unsentSubtaskIds.map((id) => titles[id] ?? id).join(", ")}. Copy what you need (it is shown in
        the steps below), then discard them.
      </p>
      <button type="button" className="btn-secondary mt-3" onClick={autosave.discard}>
        Discard the unsaved changes
      </button>
    </div>
  );
}

/* ────────────────────────────── submitting ────────────────────────────── */

function SubmitPanel({ progress, values, files, autosave, hydrated }: { progress: Progress; values: ValuesMap; files: EvidenceFileView[]; autosave: Autosave; hydrated: boolean }) {
  const { mission } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const fetcher = useFetcher<ActionResult>();
  const result = fetcher.data ?? (actionData?.intent === "submit" || actionData?.values?.intent === "submit" ? actionData : undefined);
  const [localError, setLocalError] = useState<string | null>(null);
  const [syncing, setSyncing] = useState(false);
  const reflectionId = useId();

  // The reflection lives in the autosave draft, kept on this device until it is submitted: no
  // keystroke is lost. Without JavaScript (and until the draft is open) the form shows what was
  // last posted; a posted reflection wins over an older one kept in the draft.
  const posted = actionData?.values?.reflection ?? "";
  const reflection = autosave.ready ? autosave.reflection : posted;
  const { ready, setReflection, clearReflection } = autosave;
  useEffect(() => {
    if (ready && posted) setReflection(posted);
  }, [ready, posted, setReflection]);
  useEffect(() => {
    if (fetcher.data?.ok) clearReflection();
  }, [fetcher.data, clearReflection]);

  const missing = submissionChecklist(mission.subtasks, values as Record<string, SubtaskValues>, evidenceCounts(files), reflection);
  const length = reflection.trim().length;
  const submitting = syncing || fetcher.state !== "idle";
  const serverMissing = result && !result.ok ? (result.details?.missing ?? []) : [];

  return (
    <section aria-labelledby="submit-heading" className="card p-6" data-testid="submit-panel">
      <h2 id="submit-heading" className="text-lg font-semibold text-slate-900">
        Submit your work
      </h2>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>Every step must be marked complete, and the steps that ask for evidence need at least one file.</li>
        <li>Write a reflection of at least {MIN_REFLECTION_LENGTH} characters: what you did, what you learned, what you would do differently.</li>
        <li>Submitting freezes this attempt: your notes, files and reflection are kept exactly as they are and the AI review starts. Earlier attempts stay readable.</li>
        <li>If changes are requested, you can edit your work and submit again.</li>
      </ul>
      <fetcher.Form
        method="post"
        className="mt-5 space-y-4"
        onSubmit={(event) => {
          if (!hydrated) return;
          event.preventDefault();
          const form = event.currentTarget;
          setLocalError(null);
          setSyncing(true);
          void autosave.sync().then((sync) => {
            setSyncing(false);
            if (!sync.ok) {
              setLocalError(sync.message);
              return;
            }
            fetcher.submit(form, { method: "post" });
          });
        }}
      >
        <input type="hidden" name="intent" value="submit" />
        <input type="hidden" name="progressId" value={progress.id} />
        <div>
          <label htmlFor={reflectionId} className="field-label">
            Reflection
          </label>
          <AutoGrowTextarea
            id={reflectionId}
            name="reflection"
            rows={5}
            value={reflection}
            onChange={(event) => setReflection(event.currentTarget.value)}
            aria-describedby={`${reflectionId}-count`}
            aria-invalid={result?.fieldErrors?.reflection ? true : undefined}
            className="field-input min-h-[8rem] resize-y text-sm leading-relaxed"
          />
          <p id={`${reflectionId}-count`} className={`mt-1 text-sm ${length >= MIN_REFLECTION_LENGTH ? "text-emerald-700" : "text-slate-600"}`} data-testid="reflection-count">
            {length} / {MIN_REFLECTION_LENGTH} characters{length >= MIN_REFLECTION_LENGTH ? " — long enough" : ` minimum (${MIN_REFLECTION_LENGTH - length} to go)`}
          </p>
          {result?.fieldErrors?.reflection ? <p className="field-error">{result.fieldErrors.reflection.join(" ")}</p> : null}
        </div>

        <p className="sr-only" role="status">
          {missing.length === 0 ? "Everything is ready to submit." : `${missing.length} item${missing.length === 1 ? "" : "s"} still to do before you can submit.`}
        </p>
        <div data-testid="submission-checklist">
          {missing.length === 0 ? (
            <p className="flex items-center gap-2 text-sm font-medium text-emerald-800">
              <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
                <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
              </svg>
              Everything is ready to submit.
            </p>
          ) : (
            <>
              <h3 className="text-sm font-semibold text-slate-900">Still to do before you can submit</h3>
              <ul className="mt-2 space-y-1 text-sm text-slate-700">
                {missing.map((item) => (
                  <li key={`${item.kind}-${"subtaskId" in item ? item.subtaskId : ""}`} data-testid="missing-item" className="flex gap-2">
                    <span aria-hidden="true" className="text-amber-600">
                      •
                    </span>
                    {"subtaskId" in item ? (
                      <a href={`#${stepId(item.subtaskId)}`} className="underline-offset-2 hover:underline">
                        {item.message}
                      </a>
                    ) : (
                      <span>{item.message}</span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>

        {localError ? <FormAlert message={localError} /> : null}
        {result && !result.ok && result.formError ? (
          <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="submit-error">
            <p>{result.formError}</p>
            {serverMissing.length > 0 ? (
              <ul className="mt-2 list-disc pl-5">
                {serverMissing.map((item) => (
                  <li key={`${item.kind}-${"subtaskId" in item ? item.subtaskId : ""}`}>{item.message}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}

        <button type="submit" className="btn-primary" disabled={submitting}>
          {submitting ? "Submitting…" : "Submit for review"}
        </button>
      </fetcher.Form>
    </section>
  );
}

/* ────────────────────────────── earlier attempts ────────────────────────────── */

function reviewText(review: Progress["submissions"][number]["aiReview"]): string {
  if (!review) return "No AI review";
  if (review.status === "COMPLETED" && review.total !== null) return `AI review: ${review.total}/100${review.passed === null ? "" : review.passed ? ", passed" : ", not passed"}`;
  if (review.status === "FAILED") return "AI review could not run";
  return "AI review pending";
}

function Attempts({ progress, mission }: { progress: Progress; mission: Mission }) {
  if (progress.submissions.length === 0) return null;
  return (
    <section aria-labelledby="attempts-heading" className="space-y-4">
      <h2 id="attempts-heading" className="scroll-mt-24 text-lg font-semibold text-slate-900">
        Your attempts
      </h2>
      <ol className="space-y-4" data-testid="attempts">
        {progress.submissions.map((submission) => {
          const snapshot = submission.snapshot;
          return (
            <li key={submission.id} className="card p-5" data-testid="attempt">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="font-semibold text-slate-900">Attempt {submission.attempt}</h3>
                <p className="text-sm text-slate-600">
                  Submitted <time dateTime={submission.createdAt}>{formatDateTime(submission.createdAt)}</time> · {reviewText(submission.aiReview)}
                </p>
              </div>
              <h4 className="mt-3 text-sm font-semibold text-slate-900">Reflection</h4>
              <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">{submission.reflection}</p>
              <details className="mt-3 rounded-lg bg-slate-50 px-4 py-3">
                <summary className="cursor-pointer text-sm font-medium text-brand-800">What you submitted in attempt {submission.attempt}</summary>
                <ol className="mt-3 space-y-4">
                  {mission.subtasks.map((subtask) => {
                    const state = snapshot.subtasks[subtask.id];
                    const stepFiles = snapshot.files.filter((file) => file.subtaskId === subtask.id);
                    return (
                      <li key={subtask.id} className="text-sm">
                        <p className="font-medium text-slate-900">
                          Step {subtask.position}: {subtask.title} — {state?.completed ? "complete" : "not complete"}
                        </p>
                        <p className="mt-1 whitespace-pre-wrap break-words font-mono text-xs text-slate-700">{state?.notes || "(no notes)"}</p>
                        {stepFiles.length > 0 ? (
                          <ul className="mt-1 list-disc pl-5 text-xs text-slate-700">
                            {stepFiles.map((file) => (
                              <li key={file.id}>{file.originalName}</li>
                            ))}
                          </ul>
                        ) : null}
                      </li>
                    );
                  })}
                </ol>
              </details>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
