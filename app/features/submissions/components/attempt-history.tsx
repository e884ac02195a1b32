import type { ProgressView } from "~/features/progress/service.server";
import { aiReviewSummary, attemptSteps } from "~/features/submissions/attempts";
import { formatDateTime } from "~/utils/format";

export interface AttemptHistoryProps {
  submissions: ProgressView["submissions"];
  /** The mission's steps, in order: each attempt is shown step by step. */
  subtasks: { id: string; position: number; title: string }[];
}

/** Every submitted attempt, newest first, readable as it was frozen: its reflection, its AI review, and what each step held. */
export function AttemptHistory({ submissions, subtasks }: AttemptHistoryProps) {
  if (submissions.length === 0) return null;
  return (
    <section aria-labelledby="attempts-heading" className="space-y-4">
      <h2 id="attempts-heading" className="scroll-mt-24 text-lg font-semibold text-slate-900">
        Your attempts
      </h2>
      <ol className="space-y-4" data-testid="attempts">
        {submissions.map((submission) => (
          <li key={submission.id} className="card p-5" data-testid="attempt">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-semibold text-slate-900">Attempt {submission.attempt}</h3>
              <p className="text-sm text-slate-600">
                Submitted <time dateTime={submission.createdAt}>{formatDateTime(submission.createdAt)}</time> · {aiReviewSummary(submission.aiReview)}
              </p>
            </div>
            <h4 className="mt-3 text-sm font-semibold text-slate-900">Reflection</h4>
            <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">{submission.reflection}</p>
            <details className="mt-3 rounded-lg bg-slate-50 px-4 py-3">
              <summary className="cursor-pointer text-sm font-medium text-brand-800">What you submitted in attempt {submission.attempt}</summary>
              <ol className="mt-3 space-y-4">
                {attemptSteps(subtasks, submission.snapshot).map((step) => (
                  <li key={step.subtaskId} className="text-sm">
                    <p className="font-medium text-slate-900">{`Step ${step.position}: ${step.title} — ${step.completed ? "complete" : "not complete"}`}</p>
                    <p className="mt-1 whitespace-pre-wrap break-words font-mono text-xs text-slate-700">{step.notes || "(no notes)"}</p>
                    {step.files.length > 0 ? (
                      <ul className="mt-1 list-disc pl-5 text-xs text-slate-700">
                        {step.files.map((file) => (
                          <li key={file.id}>{file.originalName}</li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ol>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
