import { useId } from "react";
import { diffText, type DiffPart } from "~/features/mentoring/attempt-diff";
import type { ConflictChoice, ConflictEntry } from "./autosave-store";

const CHOICES: ReadonlyArray<readonly [ConflictChoice, string]> = [
  ["mine", "Keep mine"],
  ["theirs", "Keep theirs"],
  ["both", "Keep both"],
];

/** One side of the comparison: the words only this side has are highlighted. */
function Version({ label, completed, parts, only, tone }: { label: string; completed: boolean; parts: DiffPart[]; only: DiffPart["kind"]; tone: string }) {
  const shown = parts.filter((part) => part.kind === "same" || part.kind === only);
  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white p-3">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</p>
      <p className="mt-1 text-sm text-slate-700">{completed ? "Marked complete" : "Not marked complete"}</p>
      <div
        className="mt-2 max-h-60 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-mono text-xs leading-relaxed text-slate-800"
        data-testid="conflict-version"
      >
        {shown.some((part) => part.text.trim() !== "") ? (
          shown.map((part, index) =>
            part.kind === "same" ? (
              <span key={index}>{part.text}</span>
            ) : (
              <mark key={index} className={`rounded-sm px-0.5 text-slate-900 ${tone}`}>
                {part.text}
              </mark>
            ),
          )
        ) : (
          <span className="italic text-slate-600">(no notes)</span>
        )}
      </div>
    </div>
  );
}

/**
 * A step whose notes were saved from another tab or device while this one had unsaved changes:
 * shown inside the step itself, the two versions side by side with what differs highlighted,
 * and the three ways out. Until the student chooses, nothing of this step is saved.
 */
export function StepConflict({ entry, stepName, onResolve }: { entry: ConflictEntry; stepName: string; onResolve: (choice: ConflictChoice) => void }) {
  const headingId = useId();
  // Theirs is the earlier text, mine the later: "added" words are only mine, "removed" only theirs.
  const parts = diffText(entry.theirs.notes, entry.mine.notes);
  return (
    <section aria-labelledby={headingId} className="rounded-xl border-2 border-red-300 bg-red-50/60 p-4" data-testid="step-conflict">
      <h4 id={headingId} className="text-sm font-semibold text-red-900">
        {`${stepName} was changed somewhere else`}
      </h4>
      <p className="mt-1 text-sm text-red-900">
        Another tab or device saved this step after you opened it. Choose which version to keep; this step is not saved until you do. Words only in one version are highlighted.
      </p>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <Version label="Yours (this tab)" completed={entry.mine.completed} parts={parts} only="added" tone="bg-emerald-200" />
        <Version label="Theirs (saved)" completed={entry.theirs.completed} parts={parts} only="removed" tone="bg-amber-200" />
      </div>
      <div className="mt-3 flex flex-wrap gap-2" role="group" aria-label={`Resolve the conflict in ${stepName.toLowerCase()}`}>
        {CHOICES.map(([choice, label]) => (
          <button key={choice} type="button" className={choice === "mine" ? "btn-primary" : "btn-secondary"} onClick={() => onResolve(choice)}>
            {label}
          </button>
        ))}
      </div>
      <p className="mt-2 text-xs text-slate-700">Keep both puts the saved notes first, then yours, so you can tidy them up.</p>
    </section>
  );
}
