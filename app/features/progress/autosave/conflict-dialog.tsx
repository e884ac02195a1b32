import { useEffect, useId, useState } from "react";
import type { ConflictChoice, ConflictEntry, SubtaskValues } from "./autosave-store";

function Version({ label, values }: { label: string; values: SubtaskValues }) {
  return (
    <div className="min-w-0 rounded-lg border border-slate-200 bg-white p-3">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-sm text-slate-700">{values.completed ? "Marked complete" : "Not marked complete"}</p>
      <div className="mt-2 max-h-48 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-mono text-xs text-slate-800">
        {values.notes ? values.notes : <span className="italic text-slate-500">(no notes)</span>}
      </div>
    </div>
  );
}

/**
 * Shown when a save was refused because the work changed elsewhere (another tab or device):
 * for every subtask changed on both sides, the student's version beside the saved one, and a
 * choice per subtask. The result is saved on top of the current version.
 */
export function ConflictDialog({
  entries,
  titles,
  onResolve,
}: {
  entries: ConflictEntry[];
  titles: Record<string, string>;
  onResolve: (choices: Record<string, ConflictChoice>) => void;
}) {
  const headingId = useId();
  const [choices, setChoices] = useState<Record<string, ConflictChoice>>({});
  const [tried, setTried] = useState(false);
  const key = entries.map((entry) => entry.subtaskId).join(",");
  // eslint-disable-next-line react-hooks/set-state-in-effect -- the dialog opens when a new conflict arrives from the autosave store
  useEffect(() => setChoices({}), [key]);
  if (entries.length === 0) return null;
  const missing = entries.filter((entry) => !choices[entry.subtaskId]);
  return (
    <section aria-labelledby={headingId} className="rounded-2xl border-2 border-red-300 bg-red-50/60 p-5" data-testid="conflict-dialog">
      <h3 id={headingId} className="text-base font-semibold text-red-900">
        Your work changed somewhere else
      </h3>
      <p role="alert" className="mt-1 text-sm text-red-900">
        This mission was saved from another tab or device after you opened it. For each step below, choose which version to keep; nothing is saved until you do.
      </p>
      <form
        className="mt-4 space-y-5"
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (missing.length === 0) onResolve(choices);
        }}
      >
        {entries.map((entry) => {
          const name = `conflict-${entry.subtaskId}`;
          return (
            <fieldset key={entry.subtaskId} className="rounded-xl border border-red-200 bg-white/70 p-4" data-testid="conflict-entry">
              <legend className="px-1 text-sm font-semibold text-slate-900">{titles[entry.subtaskId] ?? "A step"}</legend>
              <div className="grid gap-3 md:grid-cols-2">
                <Version label="Your version" values={entry.mine} />
                <Version label="Saved version" values={entry.theirs} />
              </div>
              <div className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
                {(
                  [
                    ["mine", "Keep mine"],
                    ["theirs", "Use the saved version"],
                  ] as const
                ).map(([value, label]) => (
                  <label key={value} className="inline-flex items-center gap-2 text-sm font-medium text-slate-800">
                    <input
                      type="radio"
                      name={name}
                      value={value}
                      checked={choices[entry.subtaskId] === value}
                      onChange={() => setChoices((previous) => ({ ...previous, [entry.subtaskId]: value }))}
                      className="h-4 w-4 border-slate-400 text-brand-700 focus:ring-brand-600"
                    />
                    {label}
                  </label>
                ))}
              </div>
            </fieldset>
          );
        })}
        {tried && missing.length > 0 ? (
          <p className="text-sm font-medium text-red-800" role="alert">
            Choose a version for {missing.length === 1 ? "the remaining step" : `the ${missing.length} remaining steps`}.
          </p>
        ) : null}
        <button type="submit" className="btn-primary">
          Save my choices
        </button>
      </form>
    </section>
  );
}
