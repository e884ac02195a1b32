import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { DIFFICULTY_LABELS } from "~/domain/difficulty";
import { TIER_LABELS, tierAllows } from "~/domain/entitlements";
import { listTracksWithMissions } from "~/services/catalogue.server";
import { getTier } from "~/services/subscriptions.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Missions · MXP" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const [tracks, tier] = await Promise.all([listTracksWithMissions(db), getTier(db, user.id)]);
  return json({ tracks, tier });
}

export default function MissionsPage() {
  const { tracks, tier } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Missions" description="Every published mission of the academy, track by track." />
      <div className="space-y-10">
        {tracks.map((track) => (
          <section key={track.id} aria-labelledby={`track-${track.slug}`}>
            <h2 id={`track-${track.slug}`} className="text-lg font-semibold text-slate-900">
              {track.title}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{track.summary}</p>
            <ul className="mt-4 grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
              {track.missions.map((mission) => {
                const locked = !tierAllows(tier, mission.tierRequired);
                return (
                  <li key={mission.id} className="card flex flex-col p-5" data-testid="mission-card">
                    <div className="flex flex-wrap items-center gap-2 text-xs font-medium">
                      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">{DIFFICULTY_LABELS[mission.difficulty]}</span>
                      <span className="rounded-full bg-brand-50 px-2 py-0.5 text-brand-800">{TIER_LABELS[mission.tierRequired]}</span>
                      {mission.isCapstone ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-amber-900">Capstone</span> : null}
                    </div>
                    <h3 className="mt-3 font-semibold text-slate-900">{mission.title}</h3>
                    <p className="mt-1 flex-1 text-sm text-slate-600">{mission.summary}</p>
                    <p className="mt-4 text-xs text-slate-500">
                      About {Math.round(mission.estimatedMinutes / 15) * 15 >= 60 ? `${Math.round(mission.estimatedMinutes / 30) / 2} h` : `${mission.estimatedMinutes} min`}
                      {locked ? ` · needs the ${TIER_LABELS[mission.tierRequired]} plan` : ""}
                    </p>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
