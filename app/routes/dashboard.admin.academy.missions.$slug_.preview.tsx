import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { TIER_LABELS, TIERS } from "~/domain/entitlements";
import { previewMission } from "~/features/academy/authoring.server";
import { requireRole } from "~/features/accounts/auth.server";
import { MissionBeforeStart } from "~/features/missions/components/mission-before-start";
import { MissionFacts } from "~/features/missions/components/mission-facts";
import { missionForPage } from "~/features/missions/service.server";
import { getDb } from "~/utils/db.server";
import { isAppError } from "~/utils/errors";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data && "preview" in data ? `Preview: ${data.preview.mission.title} · MXP` : "Preview · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request, params }) => {
    const admin = await requireRole(request, "ADMIN");
    const tier = new URL(request.url).searchParams.get("tier") ?? undefined;
    try {
      const preview = await previewMission(getDb(), admin, { slug: params.slug, tier });
      return json({ slug: params.slug!, preview: { ...preview, mission: missionForPage(preview.mission) } });
    } catch (error) {
      // A draft that is not complete yet: say what to do rather than show an error page.
      if (isAppError(error) && error.code === "VALIDATION_FAILED" && !("tier" in ((error.details as { fieldErrors?: object })?.fieldErrors ?? {}))) {
        return json({ slug: params.slug!, incomplete: error.message });
      }
      throw error;
    }
  });
}

export default function MissionPreviewPage() {
  const data = useLoaderData<typeof loader>();
  const editor = `/dashboard/admin/academy/missions/${data.slug}`;
  if ("incomplete" in data) {
    return (
      <>
        <PageHeader title="Preview" />
        <div className="card p-5 text-sm text-slate-700">
          <p>{data.incomplete}</p>
          <Link to={editor} className="btn-primary mt-4 inline-block">
            Back to the editor
          </Link>
        </div>
      </>
    );
  }
  const { preview } = data;
  const { mission } = preview;
  return (
    <>
      <div role="note" className="mb-6 rounded-lg border border-sky-300 bg-sky-50 p-4 text-sm text-sky-950" data-testid="preview-banner">
        <p className="font-semibold">
          Preview: what a student on the {TIER_LABELS[preview.tier]} plan sees {preview.fromDraft ? "once this draft is published" : "on this mission's page"}
        </p>
        <p className="mt-1">A student who has not started it, with no missions approved and no starts this month.</p>
        <nav aria-label="Preview as another plan" className="mt-3 flex flex-wrap items-center gap-3">
          {TIERS.map((tier) =>
            tier === preview.tier ? (
              <span key={tier} aria-current="page" className="rounded-full bg-sky-900 px-3 py-1 text-white">
                {TIER_LABELS[tier]}
              </span>
            ) : (
              <Link key={tier} to={`?tier=${tier}`} className="rounded-full border border-sky-900 px-3 py-1 text-sky-900 underline">
                {TIER_LABELS[tier]}
              </Link>
            ),
          )}
          <Link to={editor} className="btn-secondary ml-auto">
            Back to the editor
          </Link>
        </nav>
      </div>
      <PageHeader title={mission.title} description={<MissionFacts mission={mission} />} />
      <MissionBeforeStart mission={mission} locks={preview.locks} quota={preview.quota} canStart startQuestion={null} preview />
    </>
  );
}
