import { Form, useLocation, useNavigation } from "@remix-run/react";
import { UpgradeButton } from "~/features/billing/components/upgrade-button";
import type { RubricCriterion } from "~/domain/rubric";
import { formatDateTime } from "~/utils/format";
import type { MentorRequestView } from "../view";

export interface MentorReviewSectionProps {
  progressId: string;
  /** The latest attempt's mentor review, if one was asked for. */
  mentorReview: MentorRequestView | null;
  /** The latest attempt has a completed AI review and can still go to a mentor. */
  canRequest: boolean;
  premium: boolean;
  rubric: readonly Pick<RubricCriterion, "key" | "title">[];
  posted?: { ok?: boolean; formError?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };
}

/**
 * Where a student asks a mentor to look at their latest attempt (Premium), and later reads the
 * mentor's decision. Free and Starter students are told what it takes, with the upgrade.
 */
export function MentorReviewSection({ progressId, mentorReview, canRequest, premium, rubric, posted }: MentorReviewSectionProps) {
  const navigation = useNavigation();
  const { pathname, search } = useLocation();
  const sending = navigation.state !== "idle" && navigation.formData?.get("intent") === "mentor-review";
  if (mentorReview) return <MentorReviewState review={mentorReview} rubric={rubric} />;
  if (!canRequest) return null;
  return (
    <section aria-labelledby="mentor-heading" className="card space-y-3 p-5" data-testid="mentor-request">
      <h2 id="mentor-heading" className="text-lg font-semibold text-slate-900">
        Ask a mentor
      </h2>
      {premium ? (
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="mentor-review" />
          <input type="hidden" name="progressId" value={progressId} />
          <p className="text-sm text-slate-700">A mentor reads your work and scores it against the rubric. Their decision replaces the AI's. You can ask once per attempt.</p>
          {posted?.formError ? (
            <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
              {posted.formError}
            </p>
          ) : null}
          <fieldset>
            <legend className="text-sm font-medium text-slate-900">Which criteria do you think were scored wrong? (optional)</legend>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {rubric.map((criterion) => (
                <label key={criterion.key} className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" name="disputedCriteria" value={criterion.key} />
                  {criterion.title}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="block text-sm">
            <span className="font-medium text-slate-900">Why? (optional)</span>
            <textarea name="reason" rows={3} maxLength={2000} defaultValue={posted?.values?.reason ?? ""} className="mt-1 w-full rounded-md border-slate-300 text-sm" />
          </label>
          <button type="submit" className="btn-primary" disabled={sending}>
            {sending ? "Sending…" : "Ask a mentor to review"}
          </button>
        </Form>
      ) : (
        <div className="space-y-2 text-sm text-slate-700">
          <p>Think the review missed something? Mentor reviews come with the Premium plan: a mentor scores this attempt against the rubric.</p>
          <UpgradeButton tier="PREMIUM" returnTo={`${pathname}${search}#mentor-review`} look="button" label="Upgrade to Premium to ask a mentor" />
        </div>
      )}
    </section>
  );
}

function MentorReviewState({ review, rubric }: { review: MentorRequestView; rubric: MentorReviewSectionProps["rubric"] }) {
  const titles = new Map(rubric.map((criterion) => [criterion.key, criterion.title]));
  return (
    <section id="mentor-review" aria-labelledby="mentor-heading" className="card space-y-3 p-5" data-testid="mentor-review" data-mentor-state={review.state}>
      <h2 id="mentor-heading" className="text-lg font-semibold text-slate-900">
        Mentor review of attempt {review.attempt}
      </h2>
      {review.result ? (
        <>
          <p className="text-slate-800">
            <span className="text-2xl font-bold">{review.result.total}</span>/100 ·{" "}
            <span className={review.result.decision === "approved" ? "font-semibold text-emerald-800" : "font-semibold text-amber-800"}>
              {review.result.decision === "approved" ? "Approved by a mentor" : "A mentor asked for changes"}
            </span>
          </p>
          {review.result.comments ? <p className="whitespace-pre-wrap text-slate-800">{review.result.comments}</p> : null}
          <ul className="space-y-2">
            {review.result.scores.map((score) => (
              <li key={score.key} className="rounded-lg bg-slate-50 px-4 py-3 text-sm">
                <p className="font-medium text-slate-900">
                  {score.title}: {score.score}/{score.maxScore}
                  {score.level ? ` · ${score.level}` : ""}
                </p>
                {score.levelDescription ? <p className="text-slate-600">{score.levelDescription}</p> : null}
                {score.comment ? <p className="mt-1 text-slate-800">{score.comment}</p> : null}
              </li>
            ))}
          </ul>
          <p className="text-xs text-slate-500">
            The mentor's decision replaces the AI review's{review.result.completedAt ? ` · ${formatDateTime(review.result.completedAt)}` : ""}.
          </p>
        </>
      ) : (
        <p role="status" className="text-sm text-slate-700">
          {review.state === "in-review" ? "A mentor is reviewing your work now." : "Your request is in the mentors' queue; you will be told when a mentor has decided."} Asked{" "}
          {formatDateTime(review.requestedAt)}
          {review.disputedCriteria.length > 0 ? `, disputing ${review.disputedCriteria.map((key) => titles.get(key) ?? key).join(", ")}` : ""}.
        </p>
      )}
    </section>
  );
}
