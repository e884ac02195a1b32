import type { ProgressStatus } from "~/domain/mission-progress";
import { statusLabel } from "~/features/progress/status";
import type { StepProgress } from "~/features/progress/work-view";
import { stepAnchor } from "~/features/progress/work-view";

export interface ProgressTrackerProps {
  status: ProgressStatus;
  percent: number;
  steps: StepProgress[];
  /** How many attempts were submitted (the history is linked when there are any). */
  attempts: number;
}

/** The sidebar's summary of the work: status, share of steps complete, each step with a link to it. */
export function ProgressTracker({ status, percent, steps, attempts }: ProgressTrackerProps) {
  return (
    <section aria-labelledby="tracker-heading" className="card p-5" data-testid="progress-tracker">
      <h2 id="tracker-heading" className="font-semibold text-slate-900">
        Your progress
      </h2>
      <div className="mt-3 flex items-center justify-between text-sm">
        <span className="text-slate-600">{statusLabel(status)}</span>
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
        {steps.map((step) => (
          <li key={step.id} className="flex items-start gap-2">
            <span
              aria-hidden="true"
              className={`mt-0.5 flex h-4 w-4 shrink-0 items-center justify-center rounded-full text-[10px] font-bold ${step.done ? "bg-emerald-600 text-white" : "bg-slate-200 text-slate-600"}`}
            >
              {step.done ? "✓" : step.position}
            </span>
            <a href={`#${stepAnchor(step.id)}`} className="inline-block py-0.5 text-slate-700 underline-offset-2 hover:underline">
              {step.title}
              <span className="sr-only">{step.done ? " (complete)" : " (not complete)"}</span>
              {step.needsEvidence ? <span className="block text-xs text-amber-800">Evidence needed</span> : null}
            </a>
          </li>
        ))}
      </ol>
      {attempts > 0 ? (
        <p className="mt-4 text-xs text-slate-600">
          {attempts} attempt{attempts === 1 ? "" : "s"} submitted ·{" "}
          <a href="#attempts-heading" className="inline-block py-1 underline-offset-2 hover:underline">
            see them
          </a>
        </p>
      ) : null}
    </section>
  );
}
