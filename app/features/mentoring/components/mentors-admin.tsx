import { Form } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { EmptyState, PageHeader } from "~/components/page-header";
import { formatWaited } from "~/utils/format";
import type { mentoringOverview } from "../admin.server";

type Overview = Awaited<ReturnType<typeof mentoringOverview>>;

/** Admins: how long mentor reviews wait, and each mentor's tracks, claims and completed reviews. */
export function MentorsAdminView({ overview, result }: { overview: Overview; result?: { ok?: boolean; mentorId?: string; formError?: string } }) {
  const { wait, mentors, tracks } = overview;
  const trackTitle = new Map(tracks.map((track) => [track.id, track.title]));
  return (
    <>
      <PageHeader title="Mentors" description="Who reviews which tracks, what they hold now, and how long students wait for a mentor." />
      <FormAlert message={result?.formError} />
      <section aria-labelledby="wait-heading" className="card mb-6 p-5">
        <h2 id="wait-heading" className="text-lg font-semibold text-slate-900">
          Waiting for a mentor
        </h2>
        <dl className="mt-3 grid gap-4 text-sm sm:grid-cols-4" data-testid="mentor-wait">
          <div>
            <dt className="text-slate-600">Decided in the last 7 days</dt>
            <dd className="text-xl font-semibold text-slate-900">{wait.decided}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Median wait (request to decision)</dt>
            <dd className="text-xl font-semibold text-slate-900">{wait.medianSeconds === null ? "—" : formatWaited(wait.medianSeconds)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">90th percentile</dt>
            <dd className="text-xl font-semibold text-slate-900">{wait.p90Seconds === null ? "—" : formatWaited(wait.p90Seconds)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Open now</dt>
            <dd className="text-xl font-semibold text-slate-900">
              {wait.open}
              {wait.oldestOpenSeconds !== null ? <span className="block text-sm font-normal text-slate-600">oldest {formatWaited(wait.oldestOpenSeconds)}</span> : null}
            </dd>
          </div>
        </dl>
      </section>
      <h2 className="mb-3 text-lg font-semibold text-slate-900">Mentors</h2>
      {mentors.length === 0 ? (
        <EmptyState title="No mentors yet">Give a person the mentor role to let them work the review queue.</EmptyState>
      ) : (
        <ul className="space-y-4">
          {mentors.map((mentor) => (
            <li key={mentor.id} className="card p-5" data-testid="mentor-row">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-semibold text-slate-900">
                  {mentor.name} <span className="text-sm font-normal text-slate-600">({mentor.email})</span>
                </p>
                <p className="text-sm text-slate-700">
                  Holds {mentor.claims} now · {mentor.completedRecently} completed in 7 days · {mentor.completed} in all
                </p>
              </div>
              <p className="mt-1 text-sm text-slate-600">
                Reviews: {mentor.trackIds.length === 0 ? "every track" : mentor.trackIds.map((id) => trackTitle.get(id) ?? id).join(", ")}
              </p>
              {result?.ok && result.mentorId === mentor.id ? (
                <p role="status" className="mt-2 text-sm text-emerald-800">
                  Saved.
                </p>
              ) : null}
              <Form method="post" className="mt-3">
                <input type="hidden" name="mentorId" value={mentor.id} />
                <fieldset>
                  <legend className="text-sm font-medium text-slate-900">Tracks (none checked: every track)</legend>
                  <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                    {tracks.map((track) => (
                      <label key={track.id} className="flex items-center gap-2 text-sm text-slate-700">
                        <input type="checkbox" name="trackIds" value={track.id} defaultChecked={mentor.trackIds.includes(track.id)} />
                        {track.title}
                      </label>
                    ))}
                  </div>
                </fieldset>
                <button type="submit" className="btn-secondary mt-3">
                  Save tracks for {mentor.name}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
