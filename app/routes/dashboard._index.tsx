import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { DIFFICULTY_LABELS } from "~/domain/difficulty";
import { quotaSummary, TIER_LABELS } from "~/domain/entitlements";
import { FirstRunChecklist } from "~/features/dashboard/components/first-run-checklist";
import { LeadMission } from "~/features/dashboard/components/lead-mission";
import { nonZeroStats } from "~/features/dashboard/first-run";
import { getDashboardOverview } from "~/features/dashboard/overview.server";
import { StartConfirmDialog } from "~/features/missions/components/start-confirmation";
import { followTrack } from "~/features/onboarding/service.server";
import { requireUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Dashboard · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const user = await requireUser(request);
    return json({ user, overview: await getDashboardOverview(getDb(), user) });
  });
}

/** The first-run checklist's one form: follow a track. */
export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, form }) => {
    const user = await requireUser(request);
    if (form.get("intent") !== "follow-track") throw new AppError("VALIDATION_FAILED", "This form sent an action the page does not know.");
    await followTrack(getDb(), user, form.get("track"));
    return redirect("/dashboard");
  });
}

function Stat({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <div className="card p-5">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-3xl font-bold text-slate-900">{value}</dd>
      {hint ? <dd className="mt-1 text-xs text-slate-600">{hint}</dd> : null}
    </div>
  );
}

export default function DashboardIndex() {
  const { user, overview } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const firstName = user.name.split(" ")[0];
  if (overview.role === "STUDENT") {
    const { quota } = overview;
    const stats = nonZeroStats([
      { label: "In progress", value: overview.inProgress },
      { label: "In review", value: overview.inReview },
      { label: "Approved", value: overview.approved, hint: `${overview.portfolioCount} portfolio item${overview.portfolioCount === 1 ? "" : "s"}` },
    ]);
    return (
      <>
        <PageHeader
          title={`${overview.firstVisit ? "Welcome" : "Welcome back"}, ${firstName}`}
          description={`${TIER_LABELS[overview.tier]} plan${overview.level ? ` · profiler level ${DIFFICULTY_LABELS[overview.level]}` : ""}`}
          actions={
            <Link to="/dashboard/student/missions" className="btn-secondary">
              Browse missions
            </Link>
          }
        />
        {overview.checklist ? <FirstRunChecklist checklist={overview.checklist} tracks={overview.tracks} current={overview.current} error={failure?.formError} /> : null}
        <LeadMission current={overview.current} startHere={overview.startHere} />
        {!overview.current && !overview.startHere ? (
          <p className="card mb-6 p-5 text-sm text-slate-700" data-testid="nothing-to-start">
            {quota.limit !== null && quota.used >= quota.limit
              ? "You have used this month’s mission starts. Missions you already started stay open."
              : "No mission of your tracks can be started right now."}{" "}
            <Link to="/dashboard/student/missions" className="link">
              See all missions
            </Link>
          </p>
        ) : null}
        {overview.firstVisit ? (
          <p className="text-sm text-slate-600" data-testid="quota">{`${TIER_LABELS[overview.tier]} plan: ${quotaSummary(quota)}.`}</p>
        ) : (
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Stat label="This month" value={quota.limit === null ? "∞" : `${quota.used}/${quota.limit}`} hint={quotaSummary(quota)} />
            {stats.map((stat) => (
              <Stat key={stat.label} label={stat.label} value={stat.value} hint={stat.hint} />
            ))}
          </dl>
        )}
        {!overview.onboarded ? (
          <p className="mt-6 text-sm text-slate-600">
            {"Not sure which level to start at? "}
            <Link to="/dashboard/student/onboarding" className="link">
              Take the profiler
            </Link>
            {" (ten quick statements) and we recommend missions for your level."}
          </p>
        ) : null}
        <StartConfirmDialog question={overview.startQuestion} />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={`Hello, ${firstName}`}
        description={overview.role === "MENTOR" ? "Reviews waiting for a mentor, oldest first." : "The academy at a glance."}
        actions={
          <Link to="/dashboard/mentor/reviews" className="btn-primary">
            Open the review queue
          </Link>
        }
      />
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Waiting for a mentor" value={overview.waiting} />
        <Stat label="Claimed by you" value={overview.claimedByMe} />
        {overview.role === "ADMIN" ? (
          <>
            <Stat label="Students" value={overview.students} hint={`${overview.mentors} mentor${overview.mentors === 1 ? "" : "s"}`} />
            <Stat label="Missions" value={overview.missions} hint={`in ${overview.tracks} tracks`} />
          </>
        ) : null}
      </dl>
    </>
  );
}
