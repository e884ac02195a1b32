import { Link } from "@remix-run/react";
import type { StepProgress } from "~/features/progress/work-view";
import { stepAnchor } from "~/features/progress/work-view";

/**
 * On a phone, in the bar that stays under the site header: where the work continues ("Step 2 of
 * 5") and a link to every step, each marked done, current or still to do. Plain links, so it
 * works without JavaScript; on wider screens the sticky progress list beside the work does this.
 * (Router links, not bare "#step" anchors: the router's scroll restoration sends a bare anchor's
 * new history entry back to the top of the page.)
 */
export function StepNavigator({ steps, className = "" }: { steps: StepProgress[]; className?: string }) {
  if (steps.length === 0) return null;
  const current = steps.find((step) => step.current);
  const done = steps.filter((step) => step.done).length;
  return (
    <nav aria-label="Steps" className={`flex min-w-0 items-center gap-3 ${className}`} data-testid="step-navigator">
      <p className="shrink-0 text-sm font-semibold text-slate-900">
        {current ? `Step ${current.position} of ${steps.length}` : `All ${steps.length} steps complete`}
        <span className="sr-only">{current ? `, ${done} complete` : ""}</span>
      </p>
      <ol className="flex min-w-0 flex-wrap gap-1.5">
        {steps.map((step) => (
          <li key={step.id}>
            <Link
              to={`#${stepAnchor(step.id)}`}
              aria-current={step.current ? "step" : undefined}
              className={`flex h-8 min-w-8 items-center justify-center rounded-full px-2 text-sm font-semibold ring-1 ring-inset ${
                step.done ? "bg-emerald-600 text-white ring-emerald-600" : step.current ? "bg-brand-700 text-white ring-brand-700" : "bg-white text-slate-700 ring-slate-300"
              }`}
            >
              <span aria-hidden="true">{step.done ? "✓" : step.position}</span>
              <span className="sr-only">{`Step ${step.position}: ${step.title} (${step.done ? "complete" : step.current ? "current" : "not complete"})`}</span>
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
