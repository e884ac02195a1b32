import { Link } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { SaveStateIndicator } from "~/features/progress/autosave/save-state";
import type { Autosave } from "~/features/progress/autosave/use-autosave";
import type { EvidenceFileView, ProgressView } from "~/features/progress/service.server";
import { stepAnchor, type StepProgress } from "~/features/progress/work-view";
import { StepNavigator } from "./step-navigator";
import { SubtaskWork, type SubtaskInfo } from "./subtask-view";
import { UnsendableNotice } from "./unsendable-notice";

const NO_VALUES = { notes: "", completed: false };

export interface WorkStepsProps {
  subtasks: SubtaskInfo[];
  progress: Pick<ProgressView, "id" | "version" | "editable">;
  autosave: Autosave;
  hydrated: boolean;
  /** Step titles by subtask id (notices name steps with them). */
  titles: Record<string, string>;
  /** Each step's progress (the phone's step navigator). */
  steps: StepProgress[];
  files: EvidenceFileView[];
  maxBytes: number;
  onUploaded: (file: EvidenceFileView) => void;
  onDeleted: (fileId: string) => void;
  /** A refused Save of one step (the form without JavaScript). */
  saveError?: { subtaskId: string; message: string };
}

/** The steps of a started mission, with the autosave's state, its conflicts and what it could not send. */
export function WorkSteps({ subtasks, progress, autosave, hydrated, titles, steps, files, maxBytes, onUploaded, onDeleted, saveError }: WorkStepsProps) {
  const showSaveState = hydrated && autosave.ready && (progress.editable || autosave.unsentSubtaskIds.length > 0);
  const conflicts = new Map(autosave.conflicts.map((entry) => [entry.subtaskId, entry]));
  // eslint-disable-next-line @typescript-eslint/unbound-method -- useAutosave returns closures, not methods
  const { resolve } = autosave;
  useContinueAtCurrentStep(steps, progress.editable);
  return (
    <section aria-labelledby="subtasks-heading" className="space-y-4">
      {/* Stays in view under the site header while the student works down the steps: the save state and, on a phone, the steps. */}
      <div className="sticky top-[65px] z-10 -mx-2 space-y-2 bg-slate-50/95 px-2 py-2 backdrop-blur">
        <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
          <h2 id="subtasks-heading" className="text-lg font-semibold text-slate-900">
            Steps
          </h2>
          {showSaveState ? <SaveStateIndicator state={autosave.saveState} /> : null}
        </div>
        <StepNavigator steps={steps} className="lg:hidden" />
      </div>
      {/* With JavaScript the save state above says what happens to the notes (saved, kept offline). */}
      {progress.editable && !hydrated ? <p className="text-sm text-slate-600">Save each step with its button. (With JavaScript on, notes save by themselves.)</p> : null}
      {!progress.editable ? <p className="text-sm text-slate-600">This attempt is submitted, so the work is read-only until changes are requested.</p> : null}
      {/* eslint-disable-next-line @typescript-eslint/unbound-method -- useAutosave returns closures, not methods */}
      {!progress.editable && autosave.unsentSubtaskIds.length > 0 ? <UnsendableNotice subtaskIds={autosave.unsentSubtaskIds} titles={titles} onDiscard={autosave.discard} /> : null}
      {autosave.conflicts.length > 0 ? (
        <p role="alert" className="rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="conflict-notice">
          {"Changed in another tab or device: "}
          {autosave.conflicts.map((entry, index) => (
            <span key={entry.subtaskId}>
              {index > 0 ? ", " : null}
              <Link to={`#${stepAnchor(entry.subtaskId)}`} className="font-semibold underline underline-offset-2">
                {titles[entry.subtaskId] ?? "a step"}
              </Link>
            </span>
          ))}
          . Choose which version to keep at the step.
        </p>
      ) : null}
      <ol className="space-y-6">
        {subtasks.map((subtask) => (
          <SubtaskWork
            key={subtask.id}
            subtask={subtask}
            progress={progress}
            values={autosave.values[subtask.id] ?? NO_VALUES}
            // eslint-disable-next-line @typescript-eslint/unbound-method -- useAutosave returns closures, not methods
            onChange={autosave.change}
            hydrated={hydrated}
            conflict={conflicts.get(subtask.id)}
            onResolveConflict={(subtaskId, choice) => resolve({ [subtaskId]: choice })}
            files={files.filter((file) => file.subtaskId === subtask.id)}
            maxBytes={maxBytes}
            onUploaded={onUploaded}
            onDeleted={onDeleted}
            error={saveError?.subtaskId === subtask.id ? saveError.message : undefined}
          />
        ))}
      </ol>
    </section>
  );
}

/**
 * Coming back to work under way, the page opens at the step where it continues (the first not
 * complete) rather than at the top, unless the address names a place of its own. Once per page
 * load: after that the student scrolls where they like.
 */
function useContinueAtCurrentStep(steps: StepProgress[], editable: boolean) {
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    const index = steps.findIndex((step) => step.current);
    if (!editable || index <= 0 || window.location.hash || window.scrollY > 0) return;
    document.getElementById(stepAnchor(steps[index]!.id))?.scrollIntoView({ block: "start" });
  }, [steps, editable]);
}
