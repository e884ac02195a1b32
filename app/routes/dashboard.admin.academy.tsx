import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { DIFFICULTY_LABELS } from "~/domain/difficulty";
import { TIER_LABELS } from "~/domain/entitlements";
import { listTracksWithMissions } from "~/features/academy/service.server";
import { getHealth } from "~/features/health/service.server";
import { requireRole } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Academy · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    await requireRole(request, "ADMIN");
    const [tracks, health] = await Promise.all([listTracksWithMissions(getDb()), getHealth()]);
    return json({ tracks, health });
  });
}

export default function AcademyPage() {
  const { tracks, health } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Academy" description="Tracks, missions and the health of the job pipeline." />
      <section aria-labelledby="pipeline" className="card mb-8 p-5">
        <h2 id="pipeline" className="font-semibold text-slate-900">
          Pipeline
        </h2>
        <dl className="mt-3 grid gap-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-500">Status</dt>
            <dd className={`font-semibold ${health.status === "ok" ? "text-emerald-700" : "text-amber-700"}`}>{health.status}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Database latency</dt>
            <dd className="font-semibold text-slate-900">{health.database.latencyMs ?? "–"} ms</dd>
          </div>
          <div>
            <dt className="text-slate-500">Workers alive</dt>
            <dd className="font-semibold text-slate-900">{health.workers.alive}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Jobs waiting</dt>
            <dd className="font-semibold text-slate-900">{health.workers.queuedJobs ?? 0}</dd>
          </div>
        </dl>
      </section>
      {tracks.map((track) => (
        <section key={track.id} aria-labelledby={`admin-${track.slug}`} className="mb-8">
          <h2 id={`admin-${track.slug}`} className="text-lg font-semibold text-slate-900">
            {track.title}
          </h2>
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
                    Difficulty
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Tier
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Minutes
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {track.missions.map((mission, index) => (
                  <tr key={mission.id}>
                    <td className="px-4 py-2 text-slate-500">{index + 1}</td>
                    <td className="px-4 py-2 font-medium text-slate-900">
                      {mission.title}
                      {mission.isCapstone ? <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900">Capstone</span> : null}
                    </td>
                    <td className="px-4 py-2">{DIFFICULTY_LABELS[mission.difficulty]}</td>
                    <td className="px-4 py-2">{TIER_LABELS[mission.tierRequired]}</td>
                    <td className="px-4 py-2">{mission.estimatedMinutes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
