import { Link } from "@remix-run/react";
import type { RubricCriterion } from "~/domain/rubric";
import { formatDateTime } from "~/utils/format";
import { nextSteps, type RecipeLink } from "../next-steps";
import type { AttemptReview, CompletedReview } from "../schemas";

export interface ReviewPanelProps {
  /** Every attempt's review, newest first. */
  reviews: AttemptReview[];
  rubric: readonly RubricCriterion[];
  recipes: readonly RecipeLink[];
  isCapstone: boolean;
  /** The student may edit and submit again (changes requested). */
  canResubmit: boolean;
}

/**
 * The review of the latest attempt, where the student looks first: its state while it is queued,
 * running or failed, and once done the total, who scored it, each criterion's level with the
 * justification and the quote behind it, and what to work on next. Earlier attempts' reviews
 * stay readable below it.
 */
export function ReviewPanel({ reviews, rubric, recipes, isCapstone, canResubmit }: ReviewPanelProps) {
  const [latest, ...earlier] = reviews;
  if (!latest) return null;
  return (
    <section id="review" aria-labelledby="review-heading" className="card scroll-mt-24 space-y-4 p-5" data-testid="review-panel" data-review-state={latest.status}>
      <h2 id="review-heading" className="text-lg font-semibold text-slate-900">
        Review of attempt {latest.attempt}
      </h2>
      <div aria-live="polite">
        <LatestState review={latest} rubric={rubric} recipes={recipes} isCapstone={isCapstone} canResubmit={canResubmit} />
      </div>
      {earlier.length > 0 ? (
        <div className="space-y-2 border-t border-slate-200 pt-4">
          <h3 className="text-sm font-semibold text-slate-900">Earlier attempts</h3>
          {earlier.map((attempt) => (
            <details key={attempt.submissionId} className="rounded-lg bg-slate-50 px-4 py-3" data-testid="earlier-review">
              <summary className="cursor-pointer text-sm font-medium text-brand-800">
                Attempt {attempt.attempt}: {attempt.review ? `${attempt.review.total}/100, ${attempt.review.passed ? "passed" : "not passed"}` : stateWords(attempt)}
              </summary>
              {attempt.review ? <ReviewBreakdown review={attempt.review} criterionHeading="h4" /> : null}
            </details>
          ))}
        </div>
      ) : null}
    </section>
  );
}

function stateWords(attempt: AttemptReview): string {
  switch (attempt.status) {
    case "pending":
      return "waiting for review";
    case "running":
      return "being reviewed";
    case "failed":
      return "the review could not run";
    case "completed":
      return "reviewed";
  }
}

function LatestState({ review, rubric, recipes, isCapstone, canResubmit }: { review: AttemptReview } & Omit<ReviewPanelProps, "reviews">) {
  if (review.status === "pending" || review.status === "running") {
    return (
      <div className="space-y-4">
        <p className="flex items-center gap-3 text-sm text-slate-700" data-testid="review-waiting">
          <span aria-hidden="true" className="inline-block h-3 w-3 animate-pulse rounded-full bg-amber-400" />
          {review.status === "pending"
            ? "Your work is in the queue for review. This page shows the result by itself as soon as it is ready; you can leave and come back."
            : "Your work is being reviewed now. The result appears here by itself."}
        </p>
        <WhatHappensNext isCapstone={isCapstone} hasRecipes={recipes.length > 0} />
      </div>
    );
  }
  if (review.status === "failed" || !review.review) {
    return (
      <div className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="review-failed">
        <p className="font-medium">{review.failure?.message ?? "The review could not run."}</p>
        {review.failure?.retryAt ? (
          <p className="mt-1">
            Next try around <time dateTime={review.failure.retryAt}>{formatDateTime(review.failure.retryAt)}</time>.
          </p>
        ) : null}
      </div>
    );
  }
  const result = review.review;
  const scores = Object.fromEntries(result.criteria.map((criterion) => [criterion.key, criterion.score]));
  const steps = result.rubric.current ? nextSteps(rubric, scores, recipes) : [];
  return (
    <div className="space-y-4">
      <ReviewBreakdown review={result} verdictNote={verdictNote(result, isCapstone, canResubmit)} criterionHeading="h3" />
      {steps.length > 0 ? (
        <div className="rounded-lg bg-brand-50 px-4 py-3" data-testid="next-steps">
          <h3 className="text-sm font-semibold text-brand-900">What to work on next</h3>
          <ul className="mt-2 space-y-3 text-sm text-slate-800">
            {steps.map((step) => (
              <li key={step.criterionKey}>
                <p>
                  <span className="font-medium">{step.criterionTitle}</span>
                  {step.nextLevel ? (
                    <>
                      {" "}
                      — to reach <span className="font-medium">{step.nextLevel.label}</span>: {step.nextLevel.description}
                    </>
                  ) : null}
                </p>
                {step.recipes.length > 0 ? (
                  <ul className="mt-1 space-y-1 pl-4">
                    {step.recipes.map((recipe) => (
                      <li key={recipe.id}>
                        <a href={recipe.url} className="font-medium text-brand-700 underline-offset-2 hover:underline" target="_blank" rel="noreferrer">
                          {recipe.title}
                        </a>{" "}
                        <span className="text-slate-600">
                          ({recipe.minutes} min, {recipe.skill.name})
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {canResubmit ? (
        <p className="text-sm text-slate-700">
          Edit your work in the steps below (your notes and files are kept) and{" "}
          <a href="#submit-heading" className="font-medium text-brand-700 underline-offset-2 hover:underline">
            submit it again
          </a>
          . Each attempt keeps its own review.
        </p>
      ) : null}
    </div>
  );
}

/** While the review runs: how long it takes, how the student hears of it, and what to do meanwhile. */
function WhatHappensNext({ isCapstone, hasRecipes }: { isCapstone: boolean; hasRecipes: boolean }) {
  return (
    <div className="rounded-lg bg-slate-50 px-4 py-3 text-sm text-slate-700" data-testid="what-happens-next">
      <h3 className="font-semibold text-slate-900">What happens next</h3>
      <ol className="mt-2 list-decimal space-y-1 pl-5">
        <li>The automatic review scores your work against the rubric. It usually takes under a minute, a few minutes when many students submit at once.</li>
        <li>
          {isCapstone
            ? "As a capstone, your work and its review then go to a mentor, who makes the final decision. You are notified when they have."
            : "You get a notification, and an e-mail if your e-mail settings allow, as soon as the review is ready. If it asks for changes, you can improve your work and submit again."}
        </li>
      </ol>
      <p className="mt-3">
        Meanwhile:{" "}
        {hasRecipes ? (
          <>
            <a href="#recipes-heading" className="font-medium text-brand-700 underline-offset-2 hover:underline">
              read this mission&apos;s recipes
            </a>
            , or{" "}
          </>
        ) : null}
        <Link to="/dashboard/student/missions" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          choose your next mission
        </Link>
        .
      </p>
    </div>
  );
}

function verdictNote(review: CompletedReview, isCapstone: boolean, canResubmit: boolean): string {
  if (isCapstone) return "As a capstone, this mission is decided by a mentor; this review goes to them with your work.";
  if (review.passed) return "Passed: the mission is approved.";
  if (review.flags.some((flag) => flag.blocking)) return "Not approved: see the note below.";
  return canResubmit ? `Not passed yet: ${review.passThreshold} is needed.` : `Not passed: ${review.passThreshold} is needed.`;
}

/**
 * A completed review's breakdown: total, who scored it, flags, summary, and each criterion.
 * `criterionHeading` is one level below the heading the breakdown sits under, so the page's
 * outline never skips a level (screen reader users move by headings).
 */
export function ReviewBreakdown({ review, verdictNote, criterionHeading: CriterionHeading }: { review: CompletedReview; verdictNote?: string; criterionHeading: "h3" | "h4" }) {
  return (
    <div className="space-y-4" data-testid="review-breakdown">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <p className="text-3xl font-bold text-slate-900" data-testid="review-total">
          {review.total}
          <span className="text-base font-medium text-slate-600">/100</span>
        </p>
        <p
          className={`rounded-full px-3 py-1 text-sm font-semibold ${review.passed ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"}`}
          data-testid="review-verdict"
        >
          {review.passed ? "Passed" : "Not passed"}
        </p>
        {verdictNote ? <p className="text-sm text-slate-700">{verdictNote}</p> : null}
      </div>
      <p className="text-sm text-slate-600" data-testid="review-reviewer">
        Scored by: {review.reviewer.label} · <time dateTime={review.completedAt}>{formatDateTime(review.completedAt)}</time>
        {review.rubric.current ? "" : ` · scored against an earlier version of this mission's rubric (version ${review.rubric.version ?? "?"})`}
      </p>
      {review.flags
        .filter((flag) => flag.blocking)
        .map((flag) => (
          <div key={flag.code} role="note" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="review-flag">
            <p className="font-medium">{flag.explanation}</p>
            <p className="mt-1 text-amber-800">What was found: {flag.message}</p>
          </div>
        ))}
      {review.summary ? <p className="whitespace-pre-wrap text-sm text-slate-800">{review.summary}</p> : null}
      <ol className="space-y-3">
        {review.criteria.map((criterion) => (
          <li key={criterion.key} className="rounded-lg border border-slate-200 px-4 py-3" data-testid="review-criterion">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <CriterionHeading className="font-semibold text-slate-900">{criterion.title}</CriterionHeading>
              <p className="text-sm font-medium text-slate-700">{`${criterion.level} · ${criterion.score}/${criterion.max}`}</p>
            </div>
            {criterion.levelDescription ? <p className="mt-1 text-sm text-slate-600">{criterion.levelDescription}</p> : null}
            <p className="mt-2 text-sm text-slate-800">{criterion.justification}</p>
            {criterion.quote ? (
              <blockquote className="mt-2 whitespace-pre-wrap break-words border-l-4 border-slate-300 pl-3 font-mono text-xs text-slate-700">{criterion.quote}</blockquote>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
