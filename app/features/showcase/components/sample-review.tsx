import type { SampleReview } from "../samples";

/**
 * A sample review breakdown: the criteria of a real mission's rubric, levels reached and the
 * weighted total, as the rubric engine computes them. Labelled as a sample wherever it appears.
 */
export function SampleReviewCard({ review, missionTitle, headingId }: { review: SampleReview; missionTitle: string; headingId: string }) {
  return (
    <section aria-labelledby={headingId} className="card p-5" data-testid="sample-review">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="font-semibold text-slate-900">
          Review breakdown
        </h3>
        <span className="chip chip-amber">Sample</span>
      </div>
      <p className="mt-1 text-xs text-slate-600">{`Example scores on the real rubric of “${missionTitle}”, totalled by the same engine that scores your work.`}</p>
      <div className="mt-4 flex flex-wrap items-baseline gap-3">
        <p className="text-3xl font-bold text-slate-900" data-testid="sample-review-total">
          {review.total}
          <span className="text-base font-medium text-slate-600">/100</span>
        </p>
        <p className={`rounded-full px-3 py-1 text-sm font-semibold ${review.passed ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"}`}>
          {review.passed ? `Passed (${review.passThreshold} needed)` : `Not passed yet (${review.passThreshold} needed)`}
        </p>
      </div>
      <table className="mt-4 w-full text-left text-sm">
        <caption className="sr-only">Sample score for each rubric criterion, with its weight in the total</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="pb-2 font-medium">
              Criterion
            </th>
            <th scope="col" className="pb-2 font-medium">
              Level
            </th>
            <th scope="col" className="pb-2 text-right font-medium">
              Score
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {review.criteria.map((criterion) => (
            <tr key={criterion.key} data-testid="sample-review-criterion">
              <th scope="row" className="py-2 pr-2 font-medium text-slate-800">
                {criterion.title}
                <span className="block text-xs font-normal text-slate-500">{`weight ${criterion.weightPercent}%`}</span>
              </th>
              <td className="py-2 pr-2 text-slate-700">{criterion.level}</td>
              <td className="py-2 text-right tabular-nums text-slate-800">{`${criterion.score}/${criterion.max}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {review.next ? (
        <p className="mt-3 rounded-lg bg-brand-50 px-3 py-2 text-sm text-slate-800">
          <span className="font-medium">{`What to work on next: ${review.next.title}`}</span>
          {` — to reach ${review.next.label}: ${review.next.description}`}
        </p>
      ) : null}
    </section>
  );
}
