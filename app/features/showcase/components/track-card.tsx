import { Link } from "@remix-run/react";
import type { TrackSummary } from "../service.server";

/** A track on the landing page: what it is about and what it holds, linking to its public page. */
export function TrackCard({ track }: { track: TrackSummary }) {
  return (
    <article aria-labelledby={`track-${track.slug}`} className="card relative flex w-full flex-col p-6 focus-within:ring-2 focus-within:ring-brand-600" data-testid="track-card">
      <h3 id={`track-${track.slug}`} className="text-lg font-semibold text-slate-900">
        {/* The whole card is the link's target area; the link itself is the title, read once. */}
        <Link to={`/tracks/${track.slug}`} className="after:absolute after:inset-0 after:content-[''] hover:underline focus:outline-none">
          {track.title}
        </Link>
      </h3>
      <p className="mt-2 flex-1 text-sm text-slate-600">{track.summary}</p>
      <p className="mt-4 text-sm font-medium text-slate-700">{`${track.missions} missions · ${track.difficulties}`}</p>
      <p className="mt-1 text-sm text-slate-600">{`About ${track.hours} hours · ${track.freeMissions} on the Free plan`}</p>
      <p className="mt-4 text-sm font-semibold text-brand-700" aria-hidden="true">
        See the missions →
      </p>
    </article>
  );
}
