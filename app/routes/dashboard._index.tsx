import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { DIFFICULTY_LABELS } from "~/domain/difficulty";
import { quotaSummary, TIER_LABELS } from "~/domain/entitlements";
import { getDashboardOverview } from "~/features/dashboard/overview.server";
import { requireUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Dashboard · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const user = await requireUser(request);
    return json({ user, overview: await getDashboardOverview(getDb(), user) });
  });
}

function Stat({ label, value, hint }: { label: string; value: string | number; hint?: string }) {
  return (
    <div className="card p-5">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="mt-1 text-3xl font-bold text-slate-900">{value}</dd>
      {hint ? <dd className="mt-1 text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}

export default function DashboardIndex() {
  const { user, overview } = useLoaderData<typeof loader>();
  const firstName = user.name.split(" ")[0];
  if (overview.role === "STUDENT") {
    const { quota } = overview;
    return (
      <>
        <PageHeader
          title={`Welcome back, ${firstName}`}
          description={`${TIER_LABELS[overview.tier]} plan${overview.level ? ` · profiler level ${DIFFICULTY_LABELS[overview.level]}` : ""}`}
          actions={
            <Link to="/dashboard/student/missions" className="btn-primary">
              Browse missions
            </Link>
          }
        />
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Stat label="This month" value={quota.limit === null ? "∞" : `${quota.used}/${quota.limit}`} hint={quotaSummary(quota)} />
          <Stat label="In progress" value={overview.inProgress} />
          <Stat label="In review" value={overview.inReview} />
          <Stat label="Approved" value={overview.approved} hint={`${overview.portfolioCount} portfolio item${overview.portfolioCount === 1 ? "" : "s"}`} />
        </dl>
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
