import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/features/accounts/auth.server";
import { MentorsAdminView } from "~/features/mentoring/components/mentors-admin";
import { assignMentorTracks, mentoringOverview } from "~/features/mentoring/admin.server";
import { getDb } from "~/utils/db.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Mentors · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    await requireRole(request, "ADMIN");
    return json(await mentoringOverview(getDb()));
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, form }) => {
    const admin = await requireRole(request, "ADMIN");
    const saved = await assignMentorTracks(getDb(), admin, { mentorId: form.get("mentorId"), trackIds: form.getAll("trackIds") });
    return json({ ok: true as const, mentorId: saved.mentorId });
  });
}

export default function MentorsAdminPage() {
  return <MentorsAdminView overview={useLoaderData<typeof loader>()} result={useActionData<{ ok?: boolean; mentorId?: string; formError?: string }>()} />;
}
