import { ConflictDialog } from "~/features/progress/autosave/conflict-dialog";
import { SaveStateIndicator } from "~/features/progress/autosave/save-state";
import type { Autosave } from "~/features/progress/autosave/use-autosave";
import type { EvidenceFileView, ProgressView } from "~/features/progress/service.server";
import { SubtaskWork, type SubtaskInfo } from "./subtask-view";
import { UnsendableNotice } from "./unsendable-notice";

const NO_VALUES = { notes: "", completed: false };

export interface WorkStepsProps {
  subtasks: SubtaskInfo[];
  progress: Pick<ProgressView, "id" | "version" | "editable">;
  autosave: Autosave;
  hydrated: boolean;
  /** Step titles by subtask id (the conflict dialog and notices name steps with them). */
  titles: Record<string, string>;
  files: EvidenceFileView[];
  maxBytes: number;
  onUploaded: (file: EvidenceFileView) => void;
  onDeleted: (fileId: string) => void;
  /** A refused Save of one step (the form without JavaScript). */
  saveError?: { subtaskId: string; message: string };
}

/** The steps of a started mission, with the autosave's state, its conflicts and what it could not send. */
export function WorkSteps({ subtasks, progress, autosave, hydrated, titles, files, maxBytes, onUploaded, onDeleted, saveError }: WorkStepsProps) {
  const showSaveState = hydrated && autosave.ready && (progress.editable || autosave.unsentSubtaskIds.length > 0);
  const conflicted = new Set(autosave.conflicts.map((entry) => entry.subtaskId));
  return (
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
      {/* eslint-disable-next-line @typescript-eslint/unbound-method -- useAutosave returns closures, not methods */}
      {!progress.editable && autosave.unsentSubtaskIds.length > 0 ? <UnsendableNotice subtaskIds={autosave.unsentSubtaskIds} titles={titles} onDiscard={autosave.discard} /> : null}
      {/* eslint-disable-next-line @typescript-eslint/unbound-method -- useAutosave returns closures, not methods */}
      <ConflictDialog entries={autosave.conflicts} titles={titles} onResolve={autosave.resolve} />
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
            conflict={conflicted.has(subtask.id)}
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
