import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/page-header";
import { requireRole } from "~/features/accounts/auth.server";
import { listFailedReviews, retryReview, reviewPipelineHealth } from "~/features/reviews/operations.server";
import { reviewerConfig } from "~/features/reviews/reviewer-config.server";
import { reviewerLabel } from "~/features/reviews/reviewer-label";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { formatDateTime } from "~/utils/format";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Review pipeline · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    await requireRole(request, "ADMIN");
    const db = getDb();
    const config = reviewerConfig(getEnv());
    const [health, failed] = await Promise.all([reviewPipelineHealth(db, new Date()), listFailedReviews(db)]);
    return json({ health, failed, reviewer: reviewerLabel(config.provider === "heuristic" ? "heuristic" : `${config.provider}:${config.model}`).label });
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, form }) => {
    const admin = await requireRole(request, "ADMIN");
    const retried = await retryReview(getDb(), admin, form.get("submissionId"));
    return json({ ok: true as const, retried: retried.submissionId });
  });
}

export default function ReviewPipelinePage() {
  const { health, failed, reviewer } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok?: boolean; retried?: string; formError?: string }>();
  const navigation = useNavigation();
  const retrying = navigation.state !== "idle" ? navigation.formData?.get("submissionId") : null;
  return (
    <>
      <PageHeader title="Review pipeline" description={`Reviews are scored by: ${reviewer}.`} />
      <section aria-labelledby="pipeline-heading" className="card mb-6 p-5">
        <h2 id="pipeline-heading" className="text-lg font-semibold text-slate-900">
          Now
        </h2>
        <p role="status" className={`mt-2 text-sm ${health.ok ? "text-slate-700" : "font-medium text-amber-900"}`} data-testid="pipeline-health">
          {health.ok
            ? health.waiting === 0
              ? "No review is waiting."
              : `${health.waiting} review${health.waiting === 1 ? " is" : "s are"} queued or running; the oldest has waited ${health.oldestWaitingSeconds} s.`
            : health.problem}
        </p>
      </section>
      {result?.formError ? (
        <p role="alert" className="mb-4 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {result.formError}
        </p>
      ) : null}
      {result?.retried ? (
        <p role="status" className="mb-4 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          The review is back in the queue. The student sees it as queued.
        </p>
      ) : null}
      <h2 className="mb-3 text-lg font-semibold text-slate-900">Failed reviews</h2>
      {failed.length === 0 ? (
        <EmptyState title="No failed reviews">When a review cannot be completed after its automatic tries, it appears here with the error, and you can try it again.</EmptyState>
      ) : (
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
              <Form method="post" className="mt-3">
                <input type="hidden" name="submissionId" value={row.submissionId} />
                <button type="submit" className="btn-primary" disabled={retrying === row.submissionId}>
                  {retrying === row.submissionId ? "Queuing…" : "Try this review again"}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
