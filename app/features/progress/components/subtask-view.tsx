import { Form } from "@remix-run/react";
import { lazy, Suspense, useId } from "react";
import { AutoGrowTextarea } from "~/components/auto-grow-textarea";
import { FormAlert } from "~/components/form";
import { Markdown } from "~/components/markdown";
import { EvidenceUploader } from "~/features/evidence/components/evidence-uploader";
import type { PageMission } from "~/features/missions/service.server";
import type { ConflictChoice, ConflictEntry, SubtaskPatch, SubtaskValues } from "~/features/progress/autosave/autosave-store";
import type { EvidenceFileView, ProgressView } from "~/features/progress/service.server";
import { stepAnchor } from "~/features/progress/work-view";

// A save conflict is rare and arises only while the server answers: its view, with the word-diff
// library, is loaded when one appears instead of with every mission page (ADR 032).
const StepConflict = lazy(() => import("~/features/progress/autosave/step-conflict").then((module) => ({ default: module.StepConflict })));

export type SubtaskInfo = PageMission["subtasks"][number];

export function SubtaskHeading({ subtask, done, conflict }: { subtask: SubtaskInfo; done?: boolean; conflict?: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <h3 className="font-semibold text-slate-900">{`Step ${subtask.position}: ${subtask.title}`}</h3>
      {subtask.evidenceRequired ? (
        <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-200">Evidence required</span>
      ) : null}
      {done ? <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-200">Complete</span> : null}
      {conflict ? <span className="rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 ring-1 ring-inset ring-red-200">Conflict</span> : null}
    </div>
  );
}

/** The steps of a mission not started yet: what each asks for, nothing to fill in. */
export function SubtaskPreviewList({ subtasks }: { subtasks: SubtaskInfo[] }) {
  return (
    <section aria-labelledby="subtasks-heading" className="space-y-4">
      <h2 id="subtasks-heading" className="text-lg font-semibold text-slate-900">
        Steps
      </h2>
      <ol className="space-y-4">
        {subtasks.map((subtask) => (
          <li key={subtask.id} id={stepAnchor(subtask.id)} className="card scroll-mt-24 p-5">
            <SubtaskHeading subtask={subtask} />
            <Markdown html={subtask.instructionsHtml} className="mt-3 text-sm" />
          </li>
        ))}
      </ol>
    </section>
  );
}

export interface SubtaskWorkProps {
  subtask: SubtaskInfo;
  progress: Pick<ProgressView, "id" | "version" | "editable">;
  /** What the editors show (saved or kept on this device). */
  values: SubtaskValues;
  onChange: (subtaskId: string, patch: SubtaskPatch) => void;
  hydrated: boolean;
  /** Unsaved changes of this step that clash with a version saved elsewhere, if any. */
  conflict?: ConflictEntry;
  onResolveConflict: (subtaskId: string, choice: ConflictChoice) => void;
  files: EvidenceFileView[];
  maxBytes: number;
  onUploaded: (file: EvidenceFileView) => void;
  onDeleted: (fileId: string) => void;
  /** The refusal of this step's Save (the form without JavaScript). */
  error?: string;
}

/**
 * One step while working on it: its instructions, the notes and the "complete" box (saved by
 * the autosave; without JavaScript, by the step's Save button posting to the page's action),
 * and its evidence.
 */
export function SubtaskWork({ subtask, progress, values, onChange, hydrated, conflict, onResolveConflict, files, maxBytes, onUploaded, onDeleted, error }: SubtaskWorkProps) {
  const id = useId();
  const notesId = `${id}-notes`;
  const completedId = `${id}-completed`;
  return (
    <li id={stepAnchor(subtask.id)} className="card scroll-mt-44 p-5 lg:scroll-mt-36" data-testid="subtask">
      <SubtaskHeading subtask={subtask} done={values.completed} conflict={!!conflict} />
      <Markdown html={subtask.instructionsHtml} className="mt-3 text-sm" />
      {conflict ? (
        <div className="mt-5">
          <Suspense fallback={<p className="text-sm text-amber-900">This step changed in another tab or device: loading both versions…</p>}>
            <StepConflict
              entry={conflict}
              stepName={`Step ${subtask.position}`}
              onResolve={(choice) => {
                onResolveConflict(subtask.id, choice);
                // The choices leave with the conflict: the focus goes on to the notes it settled.
                document.getElementById(notesId)?.focus();
              }}
            />
          </Suspense>
        </div>
      ) : null}
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
            {`Notes for step ${subtask.position}`}
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
              {`Step ${subtask.position} is complete`}
            </label>
          </div>
          {!hydrated && progress.editable ? (
            <button type="submit" className="btn-secondary">
              {`Save step ${subtask.position}`}
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
          <EvidenceUploader
            progressId={progress.id}
            subtaskId={subtask.id}
            files={files}
            editable={progress.editable}
            maxBytes={maxBytes}
            onUploaded={onUploaded}
            onDeleted={onDeleted}
          />
        </div>
      </div>
    </li>
  );
}
