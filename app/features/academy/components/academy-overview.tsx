import { Form, Link } from "@remix-run/react";
import { Field, FormAlert } from "~/components/form";
import { DIFFICULTY_LABELS, type Difficulty } from "~/domain/difficulty";
import { TIER_LABELS, type Tier } from "~/domain/entitlements";
import { formatDateTime } from "~/utils/format";
import type { FormFailure } from "~/utils/forms.server";

interface Overview {
  tracks: {
    slug: string;
    title: string;
    published: boolean;
    missions: {
      id: string;
      slug: string;
      title: string;
      published: boolean;
      difficulty: Difficulty;
      tierRequired: Tier;
      isCapstone: boolean;
      estimatedMinutes: number;
      draftSavedAt: string | null;
      versions: number;
      students: number;
    }[];
  }[];
  newDrafts: { slug: string; title: string; track: string; savedAt: string; author: string | null }[];
}

const editLink = (slug: string) => `/dashboard/admin/academy/missions/${slug}`;

/** The academy's content for admins: a new mission's first step, drafts not yet published, and every track's missions with their state. */
export function AcademyOverview({ overview, failure }: { overview: Overview; failure?: FormFailure }) {
  const forTrack = failure?.values?.intent === "new-track";
  const errors = !forTrack ? (failure?.fieldErrors ?? {}) : {};
  const trackErrors = forTrack ? (failure?.fieldErrors ?? {}) : {};
  return (
    <div className="space-y-8">
      <section aria-labelledby="new-mission" className="card p-5">
        <h2 id="new-mission" className="font-semibold text-slate-900">
          New mission
        </h2>
        <p className="mt-1 text-sm text-slate-600">It starts as a draft at the end of its track. Students see nothing until you publish it.</p>
        <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end" noValidate>
          <FormAlert message={forTrack ? undefined : failure?.formError} />
          <div>
            <label htmlFor="new-track" className="field-label">
              Track
            </label>
            <select id="new-track" name="track" className="field-input" defaultValue={(!forTrack && failure?.values?.track) || overview.tracks[0]?.slug}>
              {overview.tracks.map((track) => (
                <option key={track.slug} value={track.slug}>
                  {track.title}
                </option>
              ))}
            </select>
          </div>
          <Field label="Title" name="title" id="new-title" defaultValue={failure?.values?.title} errors={errors.title} required />
          <Field
            label="Address (slug)"
            name="slug"
            id="new-slug"
            hint="e.g. dns-tunnel-hunt; it cannot change later."
            defaultValue={failure?.values?.slug}
            errors={errors.slug}
            required
          />
          <button type="submit" className="btn-primary">
            Create draft
          </button>
        </Form>
      </section>

      {overview.newDrafts.length > 0 ? (
        <section aria-labelledby="new-drafts">
          <h2 id="new-drafts" className="text-lg font-semibold text-slate-900">
            New missions not yet published
          </h2>
          <ul className="card mt-3 divide-y divide-slate-100">
            {overview.newDrafts.map((draft) => (
              <li key={draft.slug} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
                <Link to={editLink(draft.slug)} className="font-medium text-brand-700 underline">
                  {draft.title}
                </Link>
                <span className="text-slate-600">
                  Draft in {overview.tracks.find((track) => track.slug === draft.track)?.title ?? draft.track}, saved {formatDateTime(draft.savedAt)}
                  {draft.author ? ` by ${draft.author}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {overview.tracks.length === 0 ? <p className="text-sm text-slate-600">There are no tracks yet. Import an academy from files to begin.</p> : null}
      {overview.tracks.map((track) => (
        <section key={track.slug} aria-labelledby={`admin-${track.slug}`}>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id={`admin-${track.slug}`} className="text-lg font-semibold text-slate-900">
              {track.title}
              {!track.published ? <span className="ml-2 text-sm font-normal text-slate-500">(track not published)</span> : null}
            </h2>
            <Link to={`/dashboard/admin/academy/tracks/${track.slug}`} className="text-sm text-brand-700 underline">
              Edit the track<span className="sr-only"> {track.title}</span> and its order
            </Link>
          </div>
          <div className="card mt-3 overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    #
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Mission
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    State
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Difficulty
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Plan
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Students
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Versions
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {track.missions.map((mission, index) => (
                  <tr key={mission.id}>
                    <td className="px-4 py-2 text-slate-500">{index + 1}</td>
                    <td className="px-4 py-2 font-medium">
                      <Link to={editLink(mission.slug)} className="text-brand-700 underline">
                        {mission.title}
                      </Link>
                      {mission.isCapstone ? <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900">Capstone</span> : null}
                    </td>
                    <td className="px-4 py-2">
                      {mission.published ? "Published" : "Unpublished"}
                      {mission.draftSavedAt ? <span className="ml-2 rounded-full bg-sky-100 px-2 py-0.5 text-xs text-sky-900">Draft changes</span> : null}
                    </td>
                    <td className="px-4 py-2">{DIFFICULTY_LABELS[mission.difficulty]}</td>
                    <td className="px-4 py-2">{TIER_LABELS[mission.tierRequired]}</td>
                    <td className="px-4 py-2">{mission.students}</td>
                    <td className="px-4 py-2">{mission.versions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {track.missions.length === 0 ? <p className="mt-2 text-sm text-slate-600">No missions in this track yet.</p> : null}
        </section>
      ))}

      <section aria-labelledby="new-track-heading" className="card p-5">
        <h2 id="new-track-heading" className="font-semibold text-slate-900">
          New track
        </h2>
        <p className="mt-1 text-sm text-slate-600">It comes after the others and stays hidden from students until you publish it.</p>
        <Form method="post" className="mt-4 grid gap-4 sm:grid-cols-2" noValidate>
          <input type="hidden" name="intent" value="new-track" />
          <FormAlert message={forTrack ? failure?.formError : undefined} />
          <Field label="Track title" name="title" id="track-title" defaultValue={forTrack ? failure?.values?.title : undefined} errors={trackErrors.title} required />
          <Field
            label="Track address (slug)"
            name="slug"
            id="track-slug"
            hint="e.g. incident-response"
            defaultValue={forTrack ? failure?.values?.slug : undefined}
            errors={trackErrors.slug}
            required
          />
          <Field label="Track summary" name="summary" id="track-summary" defaultValue={forTrack ? failure?.values?.summary : undefined} errors={trackErrors.summary} required />
          <Field
            label="Track description"
            name="description"
            id="track-description"
            defaultValue={forTrack ? failure?.values?.description : undefined}
            errors={trackErrors.description}
            required
          />
          <div>
            <button type="submit" className="btn-secondary">
              Create track
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
