import { Link } from "@remix-run/react";
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

/** Beside the work (it stays in view on wide screens): status, share of steps complete, each step (done, current, to do) with a link to it. */
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
          <li key={step.id} className={`-mx-2 flex items-start gap-2 rounded-lg px-2 py-1 ${step.current ? "bg-brand-50" : ""}`} data-step-state={stepState(step)}>
            <span
              aria-hidden="true"
              className={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-[11px] font-bold ${
                step.done ? "bg-emerald-600 text-white" : step.current ? "bg-brand-700 text-white" : "bg-slate-200 text-slate-700"
              }`}
            >
              {step.done ? "✓" : step.position}
            </span>
            <Link
              to={`#${stepAnchor(step.id)}`}
              aria-current={step.current ? "step" : undefined}
              className={`inline-block py-0.5 underline-offset-2 hover:underline ${step.current ? "font-semibold text-brand-900" : "text-slate-700"}`}
            >
              {step.title}
              <span className="sr-only">{step.done ? " (complete)" : step.current ? " (current step)" : " (not complete)"}</span>
              {step.current ? (
                <span aria-hidden="true" className="block text-xs font-medium text-brand-800">
                  Up next
                </span>
              ) : null}
              {step.needsEvidence ? <span className="block text-xs text-amber-800">Evidence needed</span> : null}
            </Link>
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

function stepState(step: StepProgress): "done" | "current" | "remaining" {
  return step.done ? "done" : step.current ? "current" : "remaining";
}
