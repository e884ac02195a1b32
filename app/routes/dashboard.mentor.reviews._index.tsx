import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/features/accounts/auth.server";
import { MentorQueueView } from "~/features/mentoring/components/mentor-queue";
import { claimMentorReview, mentorQueue } from "~/features/mentoring/service.server";
import { getDb } from "~/utils/db.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Review queue · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const mentor = await requireRole(request, "MENTOR");
    const filters = Object.fromEntries([...new URL(request.url).searchParams].filter(([, value]) => value !== ""));
    return json(await mentorQueue(getDb(), mentor, filters));
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, form }) => {
    const mentor = await requireRole(request, "MENTOR");
    const claimed = await claimMentorReview(getDb(), mentor, form.get("reviewId"));
    return redirect(`/dashboard/mentor/reviews/${claimed.id}`);
  });
}

export default function ReviewQueuePage() {
  return <MentorQueueView queue={useLoaderData<typeof loader>()} />;
}
