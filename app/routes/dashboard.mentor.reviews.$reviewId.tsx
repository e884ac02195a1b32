import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/features/accounts/auth.server";
import { MentorReviewScreenView } from "~/features/mentoring/components/review-screen";
import { readReviewForm } from "~/features/mentoring/review-form";
import { mentorReviewScreen } from "~/features/mentoring/screen.server";
import { claimMentorReview, completeMentorReview, releaseMentorReview } from "~/features/mentoring/service.server";
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Review: ${data.mission.title}, attempt ${data.attempt.number} · MXP` : "Review · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request, params }) => {
    const mentor = await requireRole(request, "MENTOR");
    return json(await mentorReviewScreen(getDb(), mentor, params.reviewId));
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(
    args,
    async ({ request, params, form }) => {
      const mentor = await requireRole(request, "MENTOR");
      const db = getDb();
      const intent = form.get("intent");
      if (intent === "claim") {
        await claimMentorReview(db, mentor, params.reviewId);
        return json({ ok: true as const, done: "claimed" as const });
      }
      if (intent === "release") {
        await releaseMentorReview(db, mentor, params.reviewId);
        return redirect("/dashboard/mentor/reviews");
      }
      if (intent !== "complete") throw new AppError("VALIDATION_FAILED", "Choose what to do: claim, release, or approve / request changes.");
      const screen = await mentorReviewScreen(db, mentor, params.reviewId);
      await completeMentorReview(
        db,
        mentor,
        screen.progress.id,
        readReviewForm(
          form,
          screen.mission.rubric.map((criterion) => criterion.key),
        ),
      );
      return json({ ok: true as const, done: "completed" as const });
    },
    {
      keep: (form) =>
        Object.fromEntries(
          [...form].filter(([name, value]) => typeof value === "string" && (name.startsWith("score.") || name.startsWith("comment.") || name === "comments")) as [string, string][],
        ),
    },
  );
}

export default function MentorReviewPage() {
  return <MentorReviewScreenView screen={useLoaderData<typeof loader>()} />;
}
