import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { authoringOverview, createMissionDraft, createTrack } from "~/features/academy/authoring.server";
import { AcademyOverview } from "~/features/academy/components/academy-overview";
import { requireRole } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Academy · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const admin = await requireRole(request, "ADMIN");
    return json(await authoringOverview(getDb(), admin));
  });
}

/** "New mission": a draft at the end of a track, opened in the editor. "New track": an unpublished track, opened in its editor. */
export async function action(args: ActionFunctionArgs) {
  return pageAction(
    args,
    async ({ request, form }) => {
      const admin = await requireRole(request, "ADMIN");
      if (form.get("intent") === "new-track") {
        const track = await createTrack(getDb(), admin, {
          slug: form.get("slug"),
          title: form.get("title"),
          summary: form.get("summary"),
          description: form.get("description"),
        });
        return redirect(`/dashboard/admin/academy/tracks/${track.track.slug}`);
      }
      const { slug } = await createMissionDraft(getDb(), admin, { track: form.get("track"), title: form.get("title"), slug: form.get("slug") });
      return redirect(`/dashboard/admin/academy/missions/${slug}`);
    },
    { keep: ["intent", "track", "title", "slug", "summary", "description"] },
  );
}

export default function AcademyPage() {
  const overview = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  return (
    <>
      <PageHeader title="Academy" description="Tracks and missions: write new ones, edit drafts, publish them and see each mission's history." />
      <AcademyOverview overview={overview} failure={failure} />
    </>
  );
}
