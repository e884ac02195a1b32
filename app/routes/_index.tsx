import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PublicLayout } from "~/components/public-layout";
import { getAcademyOverview } from "~/features/academy/service.server";
import { getDb } from "~/utils/db.server";
import { useViewer } from "~/features/dashboard/use-viewer";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async () => json({ overview: await getAcademyOverview(getDb()) }));
}

const STEPS = [
  {
    title: "Pick a mission",
    body: "Every track is a story: a breached logistics firm, a leaky cloud account, a web app with a secret. Choose one at your level.",
  },
  { title: "Do the work", body: "Work through subtasks, keep notes that save themselves, and attach the evidence a real team would ask for." },
  { title: "Get scored", body: "An AI reviewer scores your work against the mission's rubric within minutes; Premium students can ask a mentor too." },
  { title: "Show it off", body: "Approved missions become portfolio items and move your skill heat-map, the profile employers look at." },
];

const TIERS = [
  { name: "Free", price: "$0", points: ["Every mission visible", "1 mission start a month", "AI rubric reviews"] },
  { name: "Starter", price: "$3", points: ["3 mission starts a month", "AI rubric reviews", "Portfolio and skill profile"] },
  { name: "Premium", price: "$7", points: ["Unlimited missions", "Mentor reviews", "Capstone missions"], highlight: true },
];

export default function HomePage() {
  const { overview } = useLoaderData<typeof loader>();
  const signedIn = useViewer() !== null;
  return (
    <PublicLayout>
      <section className="bg-gradient-to-b from-brand-50 to-white">
        <div className="mx-auto max-w-6xl px-4 py-20 sm:px-6 lg:py-28">
          <p className="text-sm font-semibold uppercase tracking-wider text-brand-700">Missions Execution Platform</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-extrabold tracking-tight text-slate-900 sm:text-5xl">Learn cyber-security the way it is done: one real mission at a time.</h1>
          <p className="mt-6 max-w-2xl text-lg text-slate-600">
            Hunt a beacon through a night of logs, break into a lab web app, lock down a cloud account. Every mission is scored against a clear rubric and becomes proof of what you
            can do.
          </p>
          <div className="mt-10 flex flex-wrap gap-3">
            <Link to={signedIn ? "/dashboard" : "/signup"} className="btn-primary px-6 py-3 text-base">
              {signedIn ? "Continue your missions" : "Start your first mission"}
            </Link>
            <a href="#tracks" className="btn-secondary px-6 py-3 text-base">
              Browse the tracks
            </a>
          </div>
          <dl className="mt-14 grid max-w-lg grid-cols-3 gap-6">
            <div>
              <dt className="text-sm text-slate-500">Tracks</dt>
              <dd className="text-3xl font-bold text-slate-900">{overview.trackCount}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-500">Missions</dt>
              <dd className="text-3xl font-bold text-slate-900">{overview.missionCount}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-500">Skills</dt>
              <dd className="text-3xl font-bold text-slate-900">{overview.skillCount}</dd>
            </div>
          </dl>
        </div>
      </section>

      <section aria-labelledby="how-heading" className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
        <h2 id="how-heading" className="text-2xl font-bold tracking-tight text-slate-900">
          How it works
        </h2>
        <ol className="mt-8 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
          {STEPS.map((step, index) => (
            <li key={step.title} className="card p-6">
              <span className="flex h-8 w-8 items-center justify-center rounded-full bg-brand-100 text-sm font-bold text-brand-800" aria-hidden="true">
                {index + 1}
              </span>
              <h3 className="mt-4 font-semibold text-slate-900">{step.title}</h3>
              <p className="mt-2 text-sm text-slate-600">{step.body}</p>
            </li>
          ))}
        </ol>
      </section>

      <section id="tracks" aria-labelledby="tracks-heading" className="bg-slate-50">
        <div className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
          <h2 id="tracks-heading" className="text-2xl font-bold tracking-tight text-slate-900">
            Tracks
          </h2>
          <div className="mt-8 grid gap-6 md:grid-cols-3">
            {overview.tracks.map((track) => (
              <article key={track.slug} className="card flex flex-col p-6">
                <h3 className="text-lg font-semibold text-slate-900">{track.title}</h3>
                <p className="mt-2 flex-1 text-sm text-slate-600">{track.summary}</p>
                <p className="mt-4 text-sm font-medium text-slate-500">
                  {track.missionCount} missions · {track.difficulties}
                </p>
              </article>
            ))}
          </div>
        </div>
      </section>

      <section id="plans" aria-labelledby="plans-heading" className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
        <h2 id="plans-heading" className="text-2xl font-bold tracking-tight text-slate-900">
          Plans
        </h2>
        <div className="mt-8 grid gap-6 md:grid-cols-3">
          {TIERS.map((tier) => (
            <div key={tier.name} className={`card p-6 ${tier.highlight ? "ring-2 ring-brand-600" : ""}`}>
              <h3 className="font-semibold text-slate-900">{tier.name}</h3>
              <p className="mt-2">
                <span className="text-3xl font-bold text-slate-900">{tier.price}</span>
                <span className="text-sm text-slate-500"> / month</span>
              </p>
              <ul className="mt-4 space-y-2 text-sm text-slate-700">
                {tier.points.map((point) => (
                  <li key={point} className="flex gap-2">
                    <span aria-hidden="true" className="text-brand-700">
                      ✓
                    </span>
                    {point}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
        <p className="mt-6">
          <Link to="/pricing" className="link">
            Compare the plans in detail
          </Link>
        </p>
      </section>
    </PublicLayout>
  );
}
