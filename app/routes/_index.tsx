import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PublicLayout } from "~/components/public-layout";
import { billingReturnTo } from "~/features/billing/checkout.server";
import { PlanCards } from "~/features/billing/components/plan-cards";
import { planChooser } from "~/features/billing/plan-chooser.server";
import { FeaturedMission, SampleHeatMapCard } from "~/features/showcase/components/hero";
import { SampleReviewCard } from "~/features/showcase/components/sample-review";
import { TrackCard } from "~/features/showcase/components/track-card";
import { landingPage } from "~/features/showcase/service.server";
import { getDb } from "~/utils/db.server";
import { appUrl } from "~/utils/env.server";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const db = getDb();
    const [page, chooser] = await Promise.all([landingPage(db), planChooser(db, request)]);
    return json({ ...page, chooser, returnTo: billingReturnTo(null), url: `${appUrl()}/` });
  });
}

const TITLE = "MXP · Learn cyber-security one real mission at a time";

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const description = data
    ? `${data.numbers.missions} hands-on cyber-security missions in ${data.numbers.tracks} tracks, each scored against a published rubric. Start free; Premium is $7 a month.`
    : "Hands-on cyber-security missions, each scored against a published rubric.";
  return [
    { title: TITLE },
    { name: "description", content: description },
    ...(data ? [{ tagName: "link", rel: "canonical", href: data.url }] : []),
    { property: "og:type", content: "website" },
    { property: "og:title", content: TITLE },
    { property: "og:description", content: description },
    ...(data ? [{ property: "og:url", content: data.url }] : []),
    { property: "og:site_name", content: "MXP" },
    { name: "twitter:card", content: "summary" },
  ];
};

const STEPS = [
  {
    title: "Pick a mission",
    body: "Each track follows one story from its first mission to its hardest. Every mission shows its difficulty, time and plan before you start.",
  },
  { title: "Do the work", body: "Work through the steps, keep notes that save themselves, and attach the evidence a real team would ask for." },
  { title: "Get scored", body: "Your work is scored against the mission's rubric, criterion by criterion, within minutes; Premium students can ask a mentor too." },
  { title: "Show it off", body: "Approved missions become portfolio items you can publish, and they move your skill heat-map." },
];

export default function HomePage() {
  const { numbers, tracks, featured, sample, chooser, returnTo } = useLoaderData<typeof loader>();
  return (
    <PublicLayout>
      <section aria-labelledby="hero-heading" className="bg-gradient-to-b from-brand-50 to-white">
        <div className="mx-auto max-w-6xl px-4 py-14 sm:px-6 lg:py-20">
          <div className="grid items-start gap-10 lg:grid-cols-[1fr_1.1fr]">
            <div>
              <p className="text-sm font-semibold uppercase tracking-wider text-brand-700">Missions Execution Platform</p>
              <h1 id="hero-heading" className="mt-3 text-4xl font-extrabold tracking-tight text-slate-900 sm:text-5xl">
                Learn cyber-security the way it is done: one real mission at a time.
              </h1>
              <p className="mt-6 text-lg text-slate-600">
                Work a realistic case from the first clue to the written report. Every submission is scored against a published rubric, and every approved mission becomes proof of
                what you can do.
              </p>
              <div className="mt-8 flex flex-wrap gap-3">
                <Link to={chooser.signedIn ? "/dashboard" : "/signup"} className="btn-primary px-6 py-3 text-base">
                  {chooser.signedIn ? "Continue your missions" : "Start your first mission free"}
                </Link>
                <a href="#tracks" className="btn-secondary px-6 py-3 text-base">
                  Browse the tracks
                </a>
              </div>
              <dl className="mt-10 grid max-w-md grid-cols-3 gap-6" data-testid="catalogue-numbers">
                <div>
                  <dt className="text-sm text-slate-600">Tracks</dt>
                  <dd className="text-3xl font-bold text-slate-900">{numbers.tracks}</dd>
                </div>
                <div>
                  <dt className="text-sm text-slate-600">Missions</dt>
                  <dd className="text-3xl font-bold text-slate-900">{numbers.missions}</dd>
                </div>
                <div>
                  <dt className="text-sm text-slate-600">Hours of work</dt>
                  <dd className="text-3xl font-bold text-slate-900">{numbers.hours}</dd>
                </div>
              </dl>
              <p className="mt-3 text-sm text-slate-600">
                {`${numbers.freeMissions} of the missions can be started on the Free plan; the hours add up each mission's estimated time.`}
              </p>
            </div>
            {featured ? <FeaturedMission featured={featured} /> : null}
          </div>
          {/* The heat-map gets the wider column: six months of it fit without scrolling on a desktop. */}
          <div className="mt-10 grid items-start gap-6 lg:grid-cols-[1fr_1.5fr]">
            {featured?.review ? <SampleReviewCard review={featured.review} missionTitle={featured.mission.title} headingId="sample-review-heading" /> : null}
            {sample.heatMap.rows.length > 0 ? <SampleHeatMapCard sample={sample} headingId="sample-heat-map-heading" /> : null}
          </div>
        </div>
      </section>

      <section aria-labelledby="how-heading" className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
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

      <section id="tracks" aria-labelledby="tracks-heading" className="scroll-mt-4 bg-slate-50">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
          <h2 id="tracks-heading" className="text-2xl font-bold tracking-tight text-slate-900">
            Tracks
          </h2>
          <p className="mt-2 max-w-2xl text-slate-600">Open a track to see its missions in order, with what each one asks and how long it takes.</p>
          <ul className="mt-8 grid gap-6 md:grid-cols-3">
            {tracks.map((track) => (
              <li key={track.slug} className="flex">
                <TrackCard track={track} />
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section id="plans" aria-labelledby="plans-heading" className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
        <h2 id="plans-heading" className="text-2xl font-bold tracking-tight text-slate-900">
          Plans
        </h2>
        <p className="mb-8 mt-2 max-w-2xl text-slate-600">Every plan lets you read every mission. Paid plans add mission starts, mentor reviews and capstones.</p>
        <PlanCards chooser={chooser} returnTo={returnTo} headingLevel="h3" />
        <p className="mt-6">
          <Link to="/pricing" className="link">
            Compare the plans in detail
          </Link>
        </p>
      </section>
    </PublicLayout>
  );
}
