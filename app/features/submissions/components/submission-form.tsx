import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import { AutoGrowTextarea } from "~/components/auto-grow-textarea";
import { CheckIcon } from "~/components/check-icon";
import { FormAlert } from "~/components/form";
import { evidenceCountBySubtask, submissionChecklist, type ChecklistSubtask, type MissingItem } from "~/domain/mission-progress";
import type { ValuesMap } from "~/features/progress/autosave/autosave-store";
import type { Autosave } from "~/features/progress/autosave/use-autosave";
import { stepAnchor } from "~/features/progress/work-view";
import { checklistAnnouncement, missingItemKey, reflectionCount, SUBMISSION_RULES } from "~/features/submissions/checklist";
import type { FormFailure } from "~/utils/forms.server";

/** What the page's action answers to the submit form: the new attempt, or why it was refused (what is missing). */
export interface SubmitResult extends FormFailure<{ missing?: MissingItem[] }> {
  intent?: string;
  ok?: boolean;
  attempt?: number;
}

export interface SubmissionFormProps {
  progressId: string;
  subtasks: ChecklistSubtask[];
  /** What the editors show now, saved or kept on this device. */
  values: ValuesMap;
  files: { subtaskId: string }[];
  autosave: Autosave;
  hydrated: boolean;
  /** The answer to a submission posted without JavaScript (the page's action data), if any. */
  posted?: SubmitResult;
}

/**
 * Submitting the attempt: the rules, the reflection (kept in the autosave draft until it is
 * submitted), a live checklist of what is missing, and the button. With JavaScript it first
 * makes sure the autosave has sent everything; without it, it posts to the page's action.
 */
export function SubmissionForm({ progressId, subtasks, values, files, autosave, hydrated, posted }: SubmissionFormProps) {
  const fetcher = useFetcher<SubmitResult>();
  const result = fetcher.data ?? posted;
  const [localError, setLocalError] = useState<string | null>(null);
  const [syncing, setSyncing] = useState(false);
  const reflectionId = useId();

  // Without JavaScript (and until the draft is open) the field shows what was last posted; a
  // posted reflection wins over an older one kept in the draft.
  const postedReflection = posted?.values?.reflection ?? "";
  const reflection = autosave.ready ? autosave.reflection : postedReflection;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- useAutosave returns closures, not methods
  const { ready, setReflection, clearReflection } = autosave;
  useEffect(() => {
    if (ready && postedReflection) setReflection(postedReflection);
  }, [ready, postedReflection, setReflection]);
  useEffect(() => {
    if (fetcher.data?.ok) clearReflection();
  }, [fetcher.data, clearReflection]);

  const missing = submissionChecklist(subtasks, values, evidenceCountBySubtask(files), reflection);
  const count = reflectionCount(reflection);
  const submitting = syncing || fetcher.state !== "idle";
  // What the server found missing is usually on the checklist already: say each thing once.
  const listed = new Set(missing.map(missingItemKey));
  const serverMissing = result && !result.ok ? (result.details?.missing ?? []).filter((item) => !listed.has(missingItemKey(item))) : [];

  return (
    <section aria-labelledby="submit-heading" className="card p-6" data-testid="submit-panel">
      <h2 id="submit-heading" className="text-lg font-semibold text-slate-900">
        Submit your work
      </h2>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
        {SUBMISSION_RULES.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
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
        <input type="hidden" name="progressId" value={progressId} />
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
          <p id={`${reflectionId}-count`} className={`mt-1 text-sm ${count.enough ? "text-emerald-700" : "text-slate-600"}`} data-testid="reflection-count">
            {count.text}
          </p>
          {result?.fieldErrors?.reflection ? <p className="field-error">{result.fieldErrors.reflection.join(" ")}</p> : null}
        </div>

        <p className="sr-only" role="status">
          {checklistAnnouncement(missing)}
        </p>
        <div data-testid="submission-checklist">
          {missing.length === 0 ? (
            <p className="flex items-center gap-2 text-sm font-medium text-emerald-800">
              <CheckIcon className="h-4 w-4" />
              Everything is ready to submit.
            </p>
          ) : (
            <>
              <h3 className="text-sm font-semibold text-slate-900">Still to do before you can submit</h3>
              <ul className="mt-2 space-y-1 text-sm text-slate-700">
                {missing.map((item) => (
                  <li key={missingItemKey(item)} data-testid="missing-item" className="flex gap-2">
                    <span aria-hidden="true" className="text-amber-600">
                      •
                    </span>
                    {"subtaskId" in item ? (
                      <a href={`#${stepAnchor(item.subtaskId)}`} className="underline-offset-2 hover:underline">
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
            <p>
              {result.formError}
              {missing.length > 0 && serverMissing.length === 0 ? " Each one is listed under “Still to do before you can submit”." : null}
            </p>
            {serverMissing.length > 0 ? (
              <ul className="mt-2 list-disc pl-5">
                {serverMissing.map((item) => (
                  <li key={missingItemKey(item)}>{item.message}</li>
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
