import { Form } from "@remix-run/react";
import { EmptyState } from "~/components/page-header";
import { formatDateTime } from "~/utils/format";

export interface FailedReview {
  submissionId: string;
  error: string;
  runs: number;
  retryAt: string | null;
  queuedAt: string;
  attempt: number;
  missionTitle: string;
  student: string;
  studentEmail: string;
}

/** Reviews whose automatic tries are used up, with the error and "Try this review again" (a form: `intent=retry-review`). */
export function FailedReviews({ failed, retrying }: { failed: FailedReview[]; retrying: string | null }) {
  if (failed.length === 0) {
    return (
      <EmptyState title="No failed reviews">When a review cannot be completed after its automatic tries, it appears here with the error, and you can try it again.</EmptyState>
    );
  }
  return (
    <ul className="space-y-4" data-testid="failed-reviews">
      {failed.map((row) => (
        <li key={row.submissionId} className="card p-5" data-testid="failed-review">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="font-semibold text-slate-900">
              {row.missionTitle}, attempt {row.attempt}
            </p>
            <p className="text-sm text-slate-600">
              {row.student} ({row.studentEmail})
            </p>
          </div>
          <p className="mt-1 text-sm text-slate-600">
            Submitted <time dateTime={row.queuedAt}>{formatDateTime(row.queuedAt)}</time> · {row.runs} run{row.runs === 1 ? "" : "s"}
            {row.retryAt ? (
              <>
                {" "}
                · next automatic try <time dateTime={row.retryAt}>{formatDateTime(row.retryAt)}</time>
              </>
            ) : (
              " · no automatic try left"
            )}
          </p>
          <pre className="mt-3 whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-3 font-mono text-xs text-slate-800">{row.error}</pre>
          <Form method="post" className="mt-3" preventScrollReset>
            <input type="hidden" name="intent" value="retry-review" />
            <input type="hidden" name="submissionId" value={row.submissionId} />
            <button type="submit" className="btn-primary" disabled={retrying === row.submissionId}>
              {retrying === row.submissionId ? "Queuing…" : "Try this review again"}
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}
