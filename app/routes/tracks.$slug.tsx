import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { Markdown } from "~/components/markdown";
import { PublicLayout } from "~/components/public-layout";
import { useViewer } from "~/features/dashboard/use-viewer";
import { MissionPreviewCard } from "~/features/showcase/components/mission-preview";
import { trackPage } from "~/features/showcase/service.server";
import { getDb } from "~/utils/db.server";
import { pageLoader } from "~/utils/page.server";

/** An unknown track is a public page too: the visitor keeps the site's header and footer. */
export function ErrorBoundary() {
  return (
    <PublicLayout>
      <ErrorPage />
    </PublicLayout>
  );
}

/**
 * /tracks/<slug> — a published track's public page: its missions in order with their facts and
 * the opening of each story, for visitors and search engines alike (what is public: ADR 029).
 */
export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ params }) => json(await trackPage(getDb(), params.slug ?? "")));
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Track not found · MXP" }, { name: "robots", content: "noindex" }];
  const title = `${data.track.title} · MXP`;
  return [
    { title },
    { name: "description", content: data.description },
    { tagName: "link", rel: "canonical", href: data.url },
    { property: "og:type", content: "website" },
    { property: "og:title", content: data.track.title },
    { property: "og:description", content: data.description },
    { property: "og:url", content: data.url },
    { property: "og:site_name", content: "MXP" },
    { name: "twitter:card", content: "summary" },
    { name: "twitter:title", content: data.track.title },
    { name: "twitter:description", content: data.description },
  ];
};

export default function TrackPage() {
  const { track, missions, otherTracks } = useLoaderData<typeof loader>();
  const viewer = useViewer();
  const student = viewer?.role === "STUDENT";
  return (
    <PublicLayout>
      <section className="bg-gradient-to-b from-brand-50 to-white">
        <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6">
          <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
            <Link to="/#tracks" className="link">
              Tracks
            </Link>
            <span aria-hidden="true"> / </span>
            <span aria-current="page">{track.title}</span>
          </nav>
          <h1 className="mt-3 text-3xl font-extrabold tracking-tight text-slate-900 sm:text-4xl">{track.title}</h1>
          <p className="mt-4 text-lg text-slate-700">{track.summary}</p>
          <p className="mt-4 text-sm font-medium text-slate-700" data-testid="track-numbers">
            {`${track.missions} missions · ${track.difficulties} · about ${track.hours} hours in all · ${track.freeMissions} on the Free plan`}
          </p>
          <div className="mt-6 flex flex-wrap gap-3">
            {viewer ? (
              <Link to={student ? "/dashboard/student/missions" : "/dashboard"} className="btn-primary">
                {student ? "Open your missions" : "Go to your dashboard"}
              </Link>
            ) : (
              <>
                <Link to="/signup" className="btn-primary">
                  Sign up free to start
                </Link>
                <Link to="/pricing" className="btn-secondary">
                  See the plans
                </Link>
              </>
            )}
          </div>
        </div>
      </section>

      <div className="mx-auto max-w-4xl px-4 pb-16 sm:px-6">
        {track.descriptionHtml ? (
          <section aria-labelledby="story-heading" className="py-6">
            <h2 id="story-heading" className="text-xl font-bold text-slate-900">
              The story
            </h2>
            <Markdown html={track.descriptionHtml} className="mt-3 text-slate-700" />
          </section>
        ) : null}

        <section aria-labelledby="missions-heading" className="py-6">
          <h2 id="missions-heading" className="text-xl font-bold text-slate-900">
            Missions, in order
          </h2>
          <p className="mt-2 text-sm text-slate-600">
            {viewer
              ? "Each mission's steps, rubric and recipes are on its page."
              : "A free account shows every mission in full: its steps, the rubric it is scored against and the recipes that help."}
          </p>
          <ol className="mt-6 space-y-6">
            {missions.map((mission, index) => (
              <li key={mission.slug}>
                <MissionPreviewCard
                  mission={mission}
                  position={index + 1}
                  action={
                    student ? (
                      <Link to={`/dashboard/student/missions/${mission.slug}`} className="link" aria-label={`Open ${mission.title}`}>
                        Open the mission
                      </Link>
                    ) : null
                  }
                />
              </li>
            ))}
          </ol>
        </section>

        {otherTracks.length > 0 ? (
          <nav aria-labelledby="other-tracks-heading" className="border-t border-slate-200 py-6">
            <h2 id="other-tracks-heading" className="text-lg font-semibold text-slate-900">
              Other tracks
            </h2>
            <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
              {otherTracks.map((other) => (
                <li key={other.slug}>
                  <Link to={`/tracks/${other.slug}`} className="link">
                    {other.title}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </div>
    </PublicLayout>
  );
}
