import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatDateTime, formatWaited } from "~/utils/format";
import { formatCost } from "../review-costs";

/*
 * The operations page's sections: background jobs, AI reviews with their tokens and cost, how
 * long reviews take, mentors' load and flagged reviews. The failed reviews (from the reviews
 * feature) sit between them, passed in.
 */

interface Latency {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface OperationsData {
  reviewsSince: string;
  jobs: { task: string; queued: number; scheduled: number; running: number; failed: number; lastError: string | null }[];
  failedJobs: { id: string; task: string; attempts: number; maxAttempts: number; error: string | null; failedAt: string; retryable: boolean }[];
  reviewsPerDay: { day: string; reviewer: string; provider: string; reviews: number; inputTokens: number; outputTokens: number; costUsd: number | null }[];
  providers: { provider: string; reviews: number; inputTokens: number; outputTokens: number; costUsd: number | null }[];
  latency: { aiReview: Latency; mentorReview: Latency };
  mentors: { id: string; name: string; email: string; held: number; completedWeek: number; tracks: string[] }[];
  mentorsNotListed: number;
  reviewQueue: { open: number; oldestOpenSeconds: number | null };
  flagged: {
    submissionId: string;
    status: string;
    flags: { code: string; message: string; blocking: boolean }[];
    at: string;
    attempt: number;
    missionTitle: string;
    student: { id: string; name: string };
    mentorReview: { id: string; status: string } | null;
  }[];
}

const number = new Intl.NumberFormat("en");

export function Section({ id, title, description, children }: { id: string; title: string; description?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} id={id} className="mb-8">
      <h2 id={`${id}-heading`} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      <div className="mt-3">{children}</div>
    </section>
  );
}

function Table({ caption, head, children }: { caption: string; head: string[]; children: ReactNode }) {
  return (
    <div className="card overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            {head.map((label) => (
              <th key={label} scope="col" className="whitespace-nowrap px-4 py-2 font-medium">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

const cell = "px-4 py-2 align-top";

export function JobsSection({ jobs, failedJobs, retrying }: Pick<OperationsData, "jobs" | "failedJobs"> & { retrying: string | null }) {
  return (
    <Section id="jobs" title="Background jobs" description="Per task: due and waiting for a worker, waiting for a later time (a retry's backoff), running, and out of tries.">
      {jobs.length === 0 ? (
        <p className="card p-5 text-sm text-slate-600">No job is waiting, running or out of tries. Finished jobs leave the queue.</p>
      ) : (
        <Table caption="Jobs per task" head={["Task", "Due", "Later", "Running", "Out of tries", "Latest error"]}>
          {jobs.map((job) => (
            <tr key={job.task}>
              <th scope="row" className={`${cell} text-left font-medium text-slate-900`}>
                {job.task}
              </th>
              <td className={cell}>{job.queued}</td>
              <td className={cell}>{job.scheduled}</td>
              <td className={cell}>{job.running}</td>
              <td className={`${cell} ${job.failed > 0 ? "font-semibold text-red-700" : ""}`}>{job.failed}</td>
              <td className={`${cell} max-w-md break-words text-slate-600`}>{job.lastError ?? "—"}</td>
            </tr>
          ))}
        </Table>
      )}
      {failedJobs.length > 0 ? (
        <div className="mt-4">
          <h3 className="font-semibold text-slate-900">Jobs out of tries</h3>
          <ul className="mt-2 space-y-3" data-testid="failed-jobs">
            {failedJobs.map((job) => (
              <li key={job.id} className="card p-4 text-sm" data-testid="failed-job">
                <p className="font-medium text-slate-900">
                  {job.task} · job {job.id} · {job.attempts} of {job.maxAttempts} tries · <time dateTime={job.failedAt}>{formatDateTime(job.failedAt)}</time>
                </p>
                <pre className="mt-2 whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-3 font-mono text-xs text-slate-800">{job.error ?? "No error was recorded."}</pre>
                {job.retryable ? (
                  <Form method="post" className="mt-2" preventScrollReset>
                    <input type="hidden" name="intent" value="retry-jobs" />
                    <input type="hidden" name="jobIds" value={job.id} />
                    <button type="submit" className="btn-secondary" disabled={retrying === job.id}>
                      {retrying === job.id ? "Queuing…" : "Retry this job"}
                      <span className="sr-only">
                        {" "}
                        ({job.task}, job {job.id})
                      </span>
                    </button>
                  </Form>
                ) : (
                  <p className="mt-2 text-slate-600">
                    A review job: try it again from{" "}
                    <a href="#failed-reviews" className="text-brand-700 underline">
                      Failed reviews
                    </a>
                    , which puts the review back in the queue too.
                  </p>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Section>
  );
}

export function ReviewsSection({ providers, reviewsPerDay, reviewsSince }: Pick<OperationsData, "providers" | "reviewsPerDay" | "reviewsSince">) {
  return (
    <Section
      id="ai-reviews"
      title="AI reviews"
      description={`Since ${reviewsSince} (UTC days): reviews completed, the tokens they used and what they cost at the providers' list prices.`}
    >
      {providers.length === 0 ? (
        <p className="card p-5 text-sm text-slate-600">No review has been completed in this period.</p>
      ) : (
        <>
          <Table caption="AI reviews per provider" head={["Provider", "Reviews", "Input tokens", "Output tokens", "Cost"]}>
            {providers.map((row) => (
              <tr key={row.provider}>
                <th scope="row" className={`${cell} text-left font-medium text-slate-900`}>
                  {row.provider}
                </th>
                <td className={cell}>{number.format(row.reviews)}</td>
                <td className={cell}>{number.format(row.inputTokens)}</td>
                <td className={cell}>{number.format(row.outputTokens)}</td>
                <td className={cell}>{formatCost(row.costUsd)}</td>
              </tr>
            ))}
          </Table>
          <details className="mt-3">
            <summary className="cursor-pointer text-sm font-medium text-brand-700">Per day and reviewer</summary>
            <div className="mt-2">
              <Table caption="AI reviews per day and reviewer" head={["Day", "Reviewer", "Reviews", "Input tokens", "Output tokens", "Cost"]}>
                {reviewsPerDay.map((row) => (
                  <tr key={`${row.day}-${row.reviewer}`}>
                    <td className={`${cell} whitespace-nowrap`}>{row.day}</td>
                    <td className={cell}>{row.reviewer}</td>
                    <td className={cell}>{number.format(row.reviews)}</td>
                    <td className={cell}>{number.format(row.inputTokens)}</td>
                    <td className={cell}>{number.format(row.outputTokens)}</td>
                    <td className={cell}>{formatCost(row.costUsd)}</td>
                  </tr>
                ))}
              </Table>
            </div>
          </details>
        </>
      )}
    </Section>
  );
}

function LatencyFacts({ label, latency }: { label: string; latency: Latency }) {
  return (
    <div className="card p-4">
      <dt className="text-sm font-medium text-slate-900">{label}</dt>
      <dd className="mt-1 text-sm text-slate-700">
        {latency.count === 0 || latency.medianSeconds === null || latency.p90Seconds === null ? (
          "None completed in the last 7 days."
        ) : (
          <>
            Median {formatWaited(latency.medianSeconds)}, 90th percentile {formatWaited(latency.p90Seconds)}{" "}
            <span className="text-slate-500">
              ({latency.count} review{latency.count === 1 ? "" : "s"})
            </span>
          </>
        )}
      </dd>
    </div>
  );
}

export function LatencySection({ latency }: Pick<OperationsData, "latency">) {
  return (
    <Section id="latency" title="How long reviews take" description="Over the reviews completed in the last 7 days.">
      <dl className="grid gap-3 sm:grid-cols-2">
        <LatencyFacts label="Submission → AI review" latency={latency.aiReview} />
        <LatencyFacts label="Request → mentor review" latency={latency.mentorReview} />
      </dl>
    </Section>
  );
}

export function MentorLoadSection({ mentors, mentorsNotListed, reviewQueue }: Pick<OperationsData, "mentors" | "mentorsNotListed" | "reviewQueue">) {
  return (
    <Section
      id="mentors"
      title="Mentors' load"
      description={`${reviewQueue.open} mentor review${reviewQueue.open === 1 ? "" : "s"} open${reviewQueue.oldestOpenSeconds !== null ? `; the oldest has waited ${formatWaited(reviewQueue.oldestOpenSeconds)}` : ""}.`}
    >
      {mentors.length === 0 ? (
        <p className="card p-5 text-sm text-slate-600">
          No mentors yet. Make someone a mentor from{" "}
          <Link to="/dashboard/admin/users" className="text-brand-700 underline">
            People
          </Link>
          .
        </p>
      ) : (
        <Table caption="Each mentor's load" head={["Mentor", "Reviews held now", "Completed in 7 days", "Tracks"]}>
          {mentors.map((mentor) => (
            <tr key={mentor.id}>
              <th scope="row" className={`${cell} text-left font-medium text-slate-900`}>
                {mentor.name}
                <span className="block text-xs font-normal text-slate-500">{mentor.email}</span>
              </th>
              <td className={cell}>{mentor.held}</td>
              <td className={cell}>{mentor.completedWeek}</td>
              <td className={cell}>{mentor.tracks.length === 0 ? "All tracks" : mentor.tracks.join(", ")}</td>
            </tr>
          ))}
        </Table>
      )}
      {mentorsNotListed > 0 ? (
        <p className="mt-2 text-sm text-slate-600">
          The busiest {mentors.length} are listed; {mentorsNotListed} more hold fewer reviews.
        </p>
      ) : null}
      <p className="mt-2 text-sm">
        <Link to="/dashboard/admin/mentors" className="text-brand-700 underline">
          Assign mentors to tracks
        </Link>
      </p>
    </Section>
  );
}

export function FlaggedSection({ flagged }: Pick<OperationsData, "flagged">) {
  return (
    <Section
      id="flagged"
      title="Flagged reviews"
      description="AI reviews with a flag that stops an automatic pass (suspected prompt injection, missing evidence, off topic, or one no reviewer could settle), newest first."
    >
      {flagged.length === 0 ? (
        <p className="card p-5 text-sm text-slate-600">No flagged reviews.</p>
      ) : (
        <ul className="space-y-3" data-testid="flagged-reviews">
          {flagged.map((row) => (
            <li key={row.submissionId} className="card p-4 text-sm">
              <p className="font-medium text-slate-900">
                {row.missionTitle}, attempt {row.attempt} ·{" "}
                <Link to={`/dashboard/admin/users/${row.student.id}`} className="text-brand-700 underline">
                  {row.student.name}
                </Link>{" "}
                · <time dateTime={row.at}>{formatDateTime(row.at)}</time>
              </p>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
                {row.flags
                  .filter((flag) => flag.blocking)
                  .map((flag, index) => (
                    <li key={`${flag.code}-${index}`}>
                      <span className="font-medium">{flag.code.replace(/_/g, " ")}</span>: {flag.message}
                    </li>
                  ))}
              </ul>
              <p className="mt-2 text-slate-600">
                {/* The review screen opens a request that waits; one held or decided is seen on the student's page. */}
                {row.mentorReview?.status === "REQUESTED" ? (
                  <Link to={`/dashboard/mentor/reviews/${row.mentorReview.id}`} className="text-brand-700 underline">
                    Open the waiting mentor review
                  </Link>
                ) : row.mentorReview ? (
                  `Mentor review ${row.mentorReview.status.toLowerCase()}.`
                ) : (
                  "No mentor review asked for."
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
