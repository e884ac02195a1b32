import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useNavigation, useSubmit } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { UpgradeButton } from "~/features/billing/components/upgrade-button";
import { tierAbove } from "~/features/billing/upgrade";
import { MissionCard } from "~/features/missions/components/mission-card";
import { StartConfirmDialog } from "~/features/missions/components/start-confirmation";
import { startHere } from "~/domain/mission-access";
import { EmptyState, PageHeader } from "~/components/page-header";
import { DIFFICULTIES, DIFFICULTY_LABELS } from "~/domain/difficulty";
import { quotaSummary, startConfirmation, TIER_LABELS } from "~/domain/entitlements";
import { getMissionDashboard, missionListViewOf, startMission, startQuestion } from "~/features/missions/service.server";
import { PractiseNext } from "~/features/skills/components/recommendations";
import { recommendNextSteps } from "~/features/skills/service.server";
import { requireUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Missions · MXP" }];

/** Available missions shown before "Show all": what to do next, not the whole catalogue. */
const AVAILABLE_PREVIEW = 6;

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const user = await requireUser(request);
    const url = new URL(request.url);
    const { show } = missionListViewOf(url.searchParams);
    const isStudent = user.role === "STUDENT";
    const [dashboard, recommendations] = await Promise.all([
      getMissionDashboard(getDb(), user, {
        track: url.searchParams.get("track") ?? undefined,
        difficulty: url.searchParams.get("difficulty") ?? undefined,
      }),
      isStudent ? recommendNextSteps(getDb(), user) : null,
    ]);
    // In track order (as the catalogue lists them), with the one to start here first.
    const first = isStudent ? startHere(dashboard.available) : null;
    const available = first ? [first, ...dashboard.available.filter((mission) => mission !== first)] : dashboard.available;
    const showAll = show === "all";
    return json({
      dashboard: { ...dashboard, available: showAll ? available : available.slice(0, AVAILABLE_PREVIEW) },
      startHereId: first?.id ?? null,
      availableTotal: available.length,
      showAll,
      isStudent,
      recommendations,
      // Asked before a start that uses the month's quota (null: nothing to ask).
      startQuestion: isStudent ? startConfirmation(dashboard.quota) : null,
    });
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, form }) => {
    const user = await requireUser(request);
    // The page's one action: each card's Start button sends its mission.
    if (!form.has("missionId")) throw new AppError("VALIDATION_FAILED", "Choose a mission to start.");
    const { slug, question } = await startQuestion(getDb(), user, form.get("missionId"));
    // Without JavaScript nobody was asked yet: a start that uses the month's quota is confirmed on a page first.
    if (question && form.get("confirmed") !== "yes") return redirect(`/dashboard/student/missions/${slug}/start`);
    await startMission(getDb(), user, form.get("missionId"));
    return redirect(`/dashboard/student/missions/${slug}`);
  });
}

function QuotaBanner({ quota }: { quota: { used: number; limit: number | null; left: number | null; resetsAt: string; tier: keyof typeof TIER_LABELS } }) {
  const { pathname, search } = useLocation();
  if (quota.limit === null) {
    return (
      <p className="text-sm text-slate-600" data-testid="quota">
        {TIER_LABELS[quota.tier]} plan: unlimited mission starts.
      </p>
    );
  }
  const exhausted = quota.left === 0;
  const more = tierAbove(quota.tier);
  const returnTo = `${pathname}${search}`;
  return (
    <div
      className={`rounded-xl px-4 py-3 text-sm ${exhausted ? "bg-amber-50 text-amber-900 ring-1 ring-amber-200" : "bg-white text-slate-700 ring-1 ring-slate-200"}`}
      data-testid="quota"
    >
      <span className="font-semibold">{`${quotaSummary(quota)}.`}</span>{" "}
      {exhausted ? (
        <>Missions you already started stay open. {more ? <UpgradeButton tier={more} returnTo={returnTo} label={`Upgrade to ${TIER_LABELS[more]} for more starts`} /> : null}</>
      ) : null}
    </div>
  );
}

export default function MissionDashboardPage() {
  const { dashboard, availableTotal, showAll, isStudent, recommendations, startHereId, startQuestion } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const submit = useSubmit();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const { available, inProgress, completed } = dashboard;
  const showAllParams = new URLSearchParams({
    ...(dashboard.filters.track ? { track: dashboard.filters.track } : {}),
    ...(dashboard.filters.difficulty ? { difficulty: dashboard.filters.difficulty } : {}),
    show: "all",
  });
  const activeTrack = dashboard.tracks.find((track) => track.slug === dashboard.filters.track);
  return (
    <>
      <PageHeader
        title="Missions"
        description={
          dashboard.level
            ? `Your profiler level is ${DIFFICULTY_LABELS[dashboard.level]}: missions at your level and one above are recommended.`
            : "Every mission of your tracks, grouped by where you are with it."
        }
      />
      {isStudent && !dashboard.onboarded ? (
        <div className="card mb-6 flex flex-wrap items-center justify-between gap-4 border-brand-200 bg-brand-50 p-5">
          <div>
            <h2 className="font-semibold text-slate-900">Find your starting point</h2>
            <p className="mt-1 text-sm text-slate-700">Ten quick questions set your level, so we can recommend the right missions.</p>
          </div>
          <Link to="/dashboard/student/onboarding" className="btn-primary">
            Take the profiler
          </Link>
        </div>
      ) : null}
      {recommendations ? <PractiseNext recommendations={recommendations} /> : null}
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <form method="get" className="flex flex-wrap items-end gap-3" onChange={(event) => submit(event.currentTarget, { preventScrollReset: true })}>
          <div>
            <label htmlFor="track" className="field-label">
              Track
            </label>
            <select id="track" name="track" defaultValue={dashboard.filters.track ?? ""} className="field-input w-56">
              <option value="">{dashboard.tracks.some((track) => track.enrolled) ? "My tracks" : "All tracks"}</option>
              {dashboard.tracks.map((track) => (
                <option key={track.slug} value={track.slug}>
                  {track.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="difficulty" className="field-label">
              Difficulty
            </label>
            <select id="difficulty" name="difficulty" defaultValue={dashboard.filters.difficulty ?? ""} className="field-input w-44">
              <option value="">Any difficulty</option>
              {DIFFICULTIES.map((difficulty) => (
                <option key={difficulty} value={difficulty}>
                  {DIFFICULTY_LABELS[difficulty]}
                </option>
              ))}
            </select>
          </div>
          <noscript>
            <button type="submit" className="btn-secondary">
              Filter
            </button>
          </noscript>
        </form>
        {isStudent ? <QuotaBanner quota={dashboard.quota} /> : null}
      </div>
      <div aria-live="polite">{failure?.formError ? <FormAlert message={failure.formError} /> : null}</div>
      <StartConfirmDialog question={startQuestion} />
      {activeTrack ? <p className="sr-only">Showing {activeTrack.title}</p> : null}
      <div className={`space-y-10 ${busy ? "opacity-70 transition-opacity" : ""}`}>
        <section aria-labelledby="in-progress-heading">
          <h2 id="in-progress-heading" className="text-lg font-semibold text-slate-900">
            In progress <span className="text-sm font-normal text-slate-500">{`(${inProgress.length})`}</span>
          </h2>
          {inProgress.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">Nothing in progress. Start one of the missions below.</p>
          ) : (
            <div className="mt-4 grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
              {inProgress.map((mission) => (
                <MissionCard key={mission.id} mission={mission} canStart={isStudent} />
              ))}
            </div>
          )}
        </section>
        <section aria-labelledby="available-heading">
          <h2 id="available-heading" className="text-lg font-semibold text-slate-900">
            Available <span className="text-sm font-normal text-slate-500">{`(${availableTotal})`}</span>
          </h2>
          {available.length === 0 ? (
            <div className="mt-4">
              <EmptyState title="No missions match">Try another track or difficulty.</EmptyState>
            </div>
          ) : (
            <div className="mt-4 grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
              {available.map((mission) => (
                <MissionCard key={mission.id} mission={mission} canStart={isStudent} startHere={mission.id === startHereId} />
              ))}
            </div>
          )}
          {!showAll && availableTotal > available.length ? (
            <p className="mt-4">
              <Link to={`?${showAllParams}`} className="btn-secondary" preventScrollReset>
                Show all {availableTotal} available missions
              </Link>
            </p>
          ) : null}
        </section>
        <section aria-labelledby="completed-heading">
          <h2 id="completed-heading" className="text-lg font-semibold text-slate-900">
            Completed <span className="text-sm font-normal text-slate-500">{`(${completed.length})`}</span>
          </h2>
          {completed.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">Approved missions appear here and in your portfolio.</p>
          ) : (
            <div className="mt-4 grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
              {completed.map((mission) => (
                <MissionCard key={mission.id} mission={mission} canStart={isStudent} />
              ))}
            </div>
          )}
        </section>
      </div>
    </>
  );
}
