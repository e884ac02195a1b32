import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { FlaggedSection, JobsSection, LatencySection, MentorLoadSection, ReviewsSection, Section } from "~/features/academy/components/operations-view";
import { operationsReport, retryJobs } from "~/features/academy/operations.server";
import { requireRole } from "~/features/accounts/auth.server";
import { FailedReviews } from "~/features/reviews/components/failed-reviews";
import { listFailedReviews, retryReview, reviewPipelineHealth } from "~/features/reviews/operations.server";
import { reviewerConfig } from "~/features/reviews/reviewer-config.server";
import { reviewerLabel } from "~/features/reviews/reviewer-label";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Operations · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const admin = await requireRole(request, "ADMIN");
    const db = getDb();
    const config = reviewerConfig(getEnv());
    const [report, health, failed] = await Promise.all([operationsReport(db, admin), reviewPipelineHealth(db, new Date()), listFailedReviews(db)]);
    return json({ report, health, failed, reviewer: reviewerLabel(config.provider === "heuristic" ? "heuristic" : `${config.provider}:${config.model}`).label });
  });
}

type Result = { ok: true; intent: "retry-review" | "retry-jobs"; retried: number } | FormFailure;

/** "Try this review again" and "Retry this job". */
export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, form }) => {
    const admin = await requireRole(request, "ADMIN");
    const intent = form.get("intent");
    if (intent === "retry-review") {
      await retryReview(getDb(), admin, form.get("submissionId"));
      return json<Result>({ ok: true, intent, retried: 1 });
    }
    if (intent === "retry-jobs") {
      const { retried } = await retryJobs(getDb(), admin, { jobIds: form.getAll("jobIds") });
      return json<Result>({ ok: true, intent, retried });
    }
    throw new AppError("VALIDATION_FAILED", "This form sent an action the page does not know.");
  });
}

export default function OperationsPage() {
  const { report, health, failed, reviewer } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const navigation = useNavigation();
  const pending = (name: string) => {
    const value = navigation.state !== "idle" ? navigation.formData?.get(name) : null;
    return typeof value === "string" ? value : null;
  };
  return (
    <>
      <PageHeader title="Operations" description={`The pipeline's health. Reviews are scored by: ${reviewer}.`} />
      <Section id="now" title="Now">
        <p role="status" className={`card p-5 text-sm ${health.ok ? "text-slate-700" : "font-medium text-amber-900"}`} data-testid="pipeline-health">
          {health.ok
            ? health.waiting === 0
              ? "No review is waiting."
              : `${health.waiting} review${health.waiting === 1 ? " is" : "s are"} queued or running; the oldest has waited ${health.oldestWaitingSeconds} s.`
            : health.problem}
        </p>
      </Section>
      {result && "ok" in result ? (
        <p role="status" className="mb-4 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          {result.intent === "retry-review"
            ? "The review is back in the queue. The student sees it as queued."
            : result.retried === 0
              ? "Nothing to retry: the job is running or no longer out of tries."
              : `${result.retried} job${result.retried === 1 ? " is" : "s are"} back in the queue.`}
        </p>
      ) : null}
      <div className="mb-4">
        <FormAlert message={result && !("ok" in result) ? result.formError : undefined} />
      </div>
      <JobsSection jobs={report.jobs} failedJobs={report.failedJobs} retrying={pending("jobIds")} />
      <Section id="failed-reviews" title="Failed reviews">
        <FailedReviews failed={failed} retrying={pending("submissionId")} />
      </Section>
      <ReviewsSection providers={report.providers} reviewsPerDay={report.reviewsPerDay} reviewsSince={report.reviewsSince} />
      <LatencySection latency={report.latency} />
      <MentorLoadSection mentors={report.mentors} mentorsNotListed={report.mentorsNotListed} reviewQueue={report.reviewQueue} />
      <FlaggedSection flagged={report.flagged} />
    </>
  );
}
