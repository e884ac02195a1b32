import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { PageHeader } from "~/components/page-header";
import { canRequestMentorReview, startConfirmation } from "~/domain/entitlements";
import { requireUser } from "~/features/accounts/auth.server";
import { useEvidenceFiles } from "~/features/evidence/use-evidence-files";
import { MissionBeforeStart } from "~/features/missions/components/mission-before-start";
import { MissionFacts } from "~/features/missions/components/mission-facts";
import { MissionColumns } from "~/features/missions/components/mission-layout";
import { MissionBriefing } from "~/features/missions/components/mission-view";
import { useKeepForOffline } from "~/features/offline/service-worker";
import { RecipeSidebar } from "~/features/missions/components/recipe-sidebar";
import { getMissionDetail, missionForPage, startMission, startQuestion } from "~/features/missions/service.server";
import { normalizeValues, type ServerState } from "~/features/progress/autosave/autosave-store";
import { AutosaveProvider } from "~/features/progress/autosave/autosave-provider";
import { useAutosave } from "~/features/progress/autosave/use-autosave";
import { ProgressStatusLine } from "~/features/progress/components/progress-status-line";
import { ProgressTracker } from "~/features/progress/components/progress-tracker";
import { WorkSteps } from "~/features/progress/components/work-steps";
import { saveProgress } from "~/features/progress/service.server";
import { stepAnchor, workView } from "~/features/progress/work-view";
import { ReviewPanel } from "~/features/reviews/components/review-panel";
import { useLiveReview } from "~/features/reviews/use-live-review";
import { missionPageReviews } from "~/features/reviews/view.server";
import { MentorReviewSection } from "~/features/mentoring/components/mentor-review-section";
import { requestMentorReview } from "~/features/mentoring/service.server";
import { AttemptHistory } from "~/features/submissions/components/attempt-history";
import { SubmissionForm, type SubmitResult } from "~/features/submissions/components/submission-form";
import { submitProgress } from "~/features/submissions/service.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { pageAction, pageLoader } from "~/utils/page.server";
import { useHydrated } from "~/utils/use-hydrated";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.mission.title} · MXP` : "Mission · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request, params }) => {
    const user = await requireUser(request);
    const db = getDb();
    const detail = await getMissionDetail(db, user, params.id);
    // A mission's address is its slug; an address with its id (older links, the API's ids) still leads here.
    if (params.id !== detail.mission.slug) throw redirect(`/dashboard/student/missions/${detail.mission.slug}${new URL(request.url).search}`);
    const { reviews, mentorReview } =
      detail.progress && detail.progress.submissions.length > 0
        ? await missionPageReviews(db, user, detail.progress.id, { criteria: detail.mission.rubric, passThreshold: detail.mission.passThreshold })
        : { reviews: [], mentorReview: null };
    // Asked before a start that uses the month's quota (null: nothing to ask).
    const startQuestion = !detail.progress && user.role === "STUDENT" ? startConfirmation(detail.quota) : null;
    return json({ ...detail, mission: missionForPage(detail.mission), reviews, mentorReview, role: user.role, maxBytes: getEnv().UPLOAD_MAX_BYTES, startQuestion });
  });
}

type Intent = "start" | "save" | "submit" | "mentor-review";

/**
 * The page's forms, which also work without JavaScript: start the mission, save one step (the
 * fallback of autosave), submit the attempt. Failures a person caused come back to the form.
 */
export async function action(args: ActionFunctionArgs) {
  return pageAction(
    args,
    async ({ request, params, form }) => {
      const user = await requireUser(request);
      const intent = fieldText(form, "intent") as Intent;
      const db = getDb();
      const pathname = new URL(request.url).pathname;
      const text = (name: string) => fieldText(form, name);
      switch (intent) {
        case "start": {
          const { slug, question } = await startQuestion(db, user, params.id);
          // Without JavaScript nobody was asked yet: a start that uses the month's quota is confirmed on a page first.
          if (question && form.get("confirmed") !== "yes") return redirect(`/dashboard/student/missions/${slug}/start`);
          await startMission(db, user, params.id);
          return redirect(`/dashboard/student/missions/${slug}`);
        }
        case "save": {
          const subtaskId = text("subtaskId");
          await saveProgress(db, user, text("progressId"), {
            version: Number(text("version")),
            subtasks: { [subtaskId]: { notes: text("notes"), completed: form.get("completed") === "on" } },
          });
          return redirect(`${pathname}#${stepAnchor(encodeURIComponent(subtaskId))}`);
        }
        case "submit": {
          const submission = await submitProgress(db, user, text("progressId"), { reflection: text("reflection") });
          return json<SubmitResult>({ intent, ok: true, attempt: submission.attempt });
        }
        case "mentor-review": {
          await requestMentorReview(db, user, text("progressId"), {
            reason: text("reason") || undefined,
            disputedCriteria: form.getAll("disputedCriteria").filter((value) => typeof value === "string"),
          });
          return redirect(`${pathname}#mentor-review`);
        }
        default:
          throw new AppError("VALIDATION_FAILED", "This form sent an action the page does not know.");
      }
    },
    {
      // What comes back to the form after a refusal: which form it was, and what the student typed.
      keep: (form) => {
        const intent = fieldText(form, "intent");
        return {
          intent,
          ...(intent === "submit" ? { reflection: fieldText(form, "reflection") } : {}),
          ...(intent === "save" ? { subtaskId: fieldText(form, "subtaskId") } : {}),
          ...(intent === "mentor-review" ? { reason: fieldText(form, "reason") } : {}),
        };
      },
    },
  );
}

function fieldText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The action's answer for one of the page's forms (each form shows only its own). */
function useActionResult(intent: Intent): SubmitResult | undefined {
  const data = useActionData<SubmitResult>();
  return data?.intent === intent || data?.values?.intent === intent ? data : undefined;
}

export default function MissionPage() {
  const data = useLoaderData<typeof loader>();
  const { mission } = data;
  const startError = useActionResult("start")?.formError;
  useKeepForOffline(data);
  return (
    <>
      <PageHeader
        title={mission.title}
        description={<MissionFacts mission={mission} />}
        actions={
          <Link to="/dashboard/student/missions" className="btn-secondary">
            All missions
          </Link>
        }
      />
      {data.progress ? (
        <AutosaveProvider>
          <StartedMission key={data.progress.id} data={data} progress={data.progress} />
        </AutosaveProvider>
      ) : (
        <MissionBeforeStart mission={mission} locks={data.locks} quota={data.quota} canStart={data.role === "STUDENT"} startQuestion={data.startQuestion} startError={startError} />
      )}
    </>
  );
}

function StartedMission({ data, progress }: { data: LoaderData; progress: NonNullable<LoaderData["progress"]> }) {
  const { mission, maxBytes } = data;
  const hydrated = useHydrated();
  const subtaskIds = useMemo(() => mission.subtasks.map((subtask) => subtask.id), [mission.subtasks]);
  const loaded = useMemo<ServerState>(() => ({ version: progress.version, subtasks: normalizeValues(progress.subtasks) }), [progress.version, progress.subtasks]);
  const autosave = useAutosave({ progressId: progress.id, subtaskIds, loaded, editable: progress.editable });
  const { files, onUploaded, onDeleted } = useEvidenceFiles(progress.files);
  useLiveReview(`/dashboard/student/missions/${mission.slug}/review-events`, { status: progress.status, review: data.reviews[0]?.status ?? null });
  const work = workView(mission.subtasks, autosave.values, files);

  const save = useActionResult("save");
  const saveError = save?.formError && save.values?.subtaskId ? { subtaskId: save.values.subtaskId, message: save.formError } : undefined;
  const submitted = useActionResult("submit");
  const mentorRequest = useActionResult("mentor-review");
  const latestReview = data.reviews[0];
  const canRequestMentor =
    latestReview?.status === "completed" && latestReview.attempt === progress.currentAttempt && (progress.status === "APPROVED" || progress.status === "CHANGES_REQUESTED");

  return (
    <MissionColumns
      main={
        <>
          <ProgressStatusLine status={progress.status} editable={progress.editable} currentAttempt={progress.currentAttempt} />
          <ReviewPanel reviews={data.reviews} rubric={mission.rubric} recipes={mission.recipes} isCapstone={mission.isCapstone} canResubmit={progress.editable} />
          <MentorReviewSection
            progressId={progress.id}
            mentorReview={data.mentorReview}
            canRequest={canRequestMentor}
            premium={canRequestMentorReview(data.quota.tier)}
            rubric={mission.rubric}
            posted={mentorRequest}
          />
          {/* Started: the work comes first, the briefing is a click away. */}
          <MissionBriefing mission={mission} open={false} />
          <WorkSteps
            subtasks={mission.subtasks}
            progress={progress}
            autosave={autosave}
            hydrated={hydrated}
            titles={work.titles}
            steps={work.steps}
            files={files}
            maxBytes={maxBytes}
            onUploaded={onUploaded}
            onDeleted={onDeleted}
            saveError={saveError}
          />
          {progress.editable ? (
            <SubmissionForm
              progressId={progress.id}
              subtasks={mission.subtasks}
              values={autosave.values}
              files={files}
              autosave={autosave}
              hydrated={hydrated}
              posted={submitted}
            />
          ) : null}
          <AttemptHistory submissions={progress.submissions} subtasks={mission.subtasks} />
        </>
      }
      sidebar={
        <>
          <ProgressTracker status={progress.status} percent={work.percent} steps={work.steps} attempts={progress.submissions.length} />
          <RecipeSidebar mission={mission} />
        </>
      }
    />
  );
}
