import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { PublicLayout } from "~/components/public-layout";

export { ErrorBoundary } from "~/components/error-page";

// A static page: no loader, no database. `npm run bench -- dashboard` also uses it as the bare
// route the dashboard's throughput is compared with.

export const meta: MetaFunction = () => [
  { title: "About MXP · Missions Execution Platform" },
  { name: "description", content: "Why MXP teaches cyber-security through real missions, how the work is scored, and what the plans include." },
];

const PRINCIPLES = [
  {
    title: "Learning by doing",
    body: "Every mission is a realistic engagement: a story, subtasks, and the evidence a real security team would ask for. You learn by producing the work, not by watching it.",
  },
  {
    title: "Scored against a clear rubric",
    body: "Each mission publishes its rubric up front. An AI reviewer scores your submission criterion by criterion within minutes, and Premium students can ask a mentor for a second look.",
  },
  {
    title: "Proof that travels",
    body: "Approved missions become portfolio items and move your skill heat-map, so what you can do is visible to the people who hire.",
  },
];

export default function AboutPage() {
  return (
    <PublicLayout>
      <section className="bg-gradient-to-b from-brand-50 to-white">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 lg:py-20">
          <p className="text-sm font-semibold uppercase tracking-wider text-brand-700">About MXP</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-extrabold tracking-tight text-slate-900 sm:text-5xl">The Missions Execution Platform</h1>
          <p className="mt-6 max-w-2xl text-lg text-slate-600">
            MXP teaches cyber-security the way it is practised: one mission at a time, with real artefacts, honest scoring and a portfolio at the end.
          </p>
        </div>
      </section>

      <section aria-labelledby="principles-heading" className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
        <h2 id="principles-heading" className="text-2xl font-bold tracking-tight text-slate-900">
          What we believe
        </h2>
        <div className="mt-8 grid gap-6 md:grid-cols-3">
          {PRINCIPLES.map((principle) => (
            <article key={principle.title} className="card p-6">
              <h3 className="font-semibold text-slate-900">{principle.title}</h3>
              <p className="mt-2 text-sm text-slate-600">{principle.body}</p>
            </article>
          ))}
        </div>
      </section>

      <section aria-labelledby="start-heading" className="bg-slate-50">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6">
          <h2 id="start-heading" className="text-2xl font-bold tracking-tight text-slate-900">
            Start where you are
          </h2>
          <p className="mt-4 max-w-2xl text-slate-600">
            A short profiler suggests missions at your level. The Free plan lets you start one mission a month; Starter and Premium add more starts, mentor reviews and capstones.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <Link to="/signup" className="btn-primary px-6 py-3 text-base">
              Start your first mission
            </Link>
            <Link to="/pricing" className="btn-secondary px-6 py-3 text-base">
              Compare the plans
            </Link>
          </div>
        </div>
      </section>
    </PublicLayout>
  );
}
