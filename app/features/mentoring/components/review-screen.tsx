import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { ReviewBreakdown } from "~/features/reviews/components/review-panel";
import { formatDateTime } from "~/utils/format";
import type { DiffPart } from "../attempt-diff";
import type { MentorReviewScreen } from "../screen.server";

interface ActionResult {
  ok?: boolean;
  done?: "claimed" | "completed";
  formError?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
}

/**
 * The mentor's review screen: the request and the student's dispute first, then the work (notes
 * with what changed since the last attempt, evidence, reflection), the AI's review, and the
 * scoring form (a level per criterion with its descriptor, comments, the decision).
 */
export function MentorReviewScreenView({ screen }: { screen: MentorReviewScreen }) {
  const result = useActionData<ActionResult>();
  const { request, mission, attempt, aiReview } = screen;
  const disputed = new Set(request.disputedCriteria);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/dashboard/mentor/reviews" className="text-brand-700 underline">
          Back to the queue
        </Link>
      </p>
      <PageHeader
        title={`${mission.title}, attempt ${attempt.number}`}
        description={`${screen.student.name} · ${mission.track}${mission.isCapstone ? " · capstone" : ""} · asked ${formatDateTime(request.requestedAt)}`}
      />
      <FormAlert message={result?.formError} />
      {result?.done === "completed" ? (
        <p role="status" className="mb-4 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          Your review is saved and the student has been told.{" "}
          <Link to="/dashboard/mentor/reviews" className="font-medium underline">
            Back to the queue
          </Link>
        </p>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="request-heading" className="card p-5">
            <h2 id="request-heading" className="text-lg font-semibold text-slate-900">
              What the student asks
            </h2>
            {request.reason ? <blockquote className="mt-2 border-l-4 border-brand-200 pl-3 text-slate-800">{request.reason}</blockquote> : null}
            <p className="mt-2 text-sm text-slate-700">
              {request.disputedCriteria.length > 0
                ? `Criteria they think were scored wrong: ${mission.rubric
                    .filter((criterion) => disputed.has(criterion.key))
                    .map((criterion) => criterion.title)
                    .join(", ")}.`
                : mission.isCapstone && !request.reason
                  ? "A capstone: your decision approves it or asks for changes."
                  : "They dispute no criterion in particular."}
            </p>
          </section>

          <details className="card p-5">
            <summary className="cursor-pointer text-lg font-semibold text-slate-900">The mission brief</summary>
            <p className="mt-2 text-slate-700">{mission.summary}</p>
            <h3 className="mt-3 text-sm font-semibold text-slate-900">Objectives</h3>
            <ul className="ml-5 list-disc text-sm text-slate-700">
              {mission.objectives.map((objective) => (
                <li key={objective}>{objective}</li>
              ))}
            </ul>
            <h3 className="mt-3 text-sm font-semibold text-slate-900">Success criteria</h3>
            <ul className="ml-5 list-disc text-sm text-slate-700">
              {mission.successCriteria.map((criterion) => (
                <li key={criterion}>{criterion}</li>
              ))}
            </ul>
          </details>

          <section aria-labelledby="work-heading" className="space-y-4">
            <h2 id="work-heading" className="text-lg font-semibold text-slate-900">
              The work
            </h2>
            <p className="text-sm text-slate-600">
              {attempt.previousNumber
                ? `Changes since attempt ${attempt.previousNumber} are marked: added text is underlined in green, removed text struck through in red.`
                : "This is the first attempt: there is nothing earlier to compare with."}
            </p>
            {attempt.steps.map((step) => (
              <article key={step.id} className="card p-5" aria-labelledby={`step-${step.id}`}>
                <h3 id={`step-${step.id}`} className="font-semibold text-slate-900">
                  Step {step.position}: {step.title} {step.completed ? null : <span className="text-sm font-normal text-amber-800">(not marked complete)</span>}
                </h3>
                <TextWithChanges text={step.notes} diff={step.notesDiff} empty="No notes for this step." />
                {step.files.length > 0 ? (
                  <ul className="mt-3 space-y-3">
                    {step.files.map((file) => (
                      <li key={file.id}>
                        <a href={file.url} className="text-sm font-medium text-brand-700 underline" target="_blank" rel="noreferrer">
                          {file.name}
                        </a>{" "}
                        <span className="text-xs text-slate-500">({Math.max(1, Math.round(file.sizeBytes / 1024))} KB)</span>
                        {file.preview === "image" ? (
                          <img src={file.url} alt={`Evidence: ${file.name}`} loading="lazy" className="mt-2 max-h-96 rounded border border-slate-200" />
                        ) : null}
                        {file.preview === "pdf" ? <iframe src={file.url} title={`Evidence: ${file.name}`} className="mt-2 h-96 w-full rounded border border-slate-200" /> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </article>
            ))}
            <article className="card p-5" aria-labelledby="reflection-heading">
              <h3 id="reflection-heading" className="font-semibold text-slate-900">
                Reflection
              </h3>
              <TextWithChanges text={attempt.reflection} diff={attempt.reflectionDiff} empty="No reflection." />
            </article>
          </section>

          <section aria-labelledby="ai-heading" className="card p-5">
            <h2 id="ai-heading" className="text-lg font-semibold text-slate-900">
              The AI review
            </h2>
            {aiReview?.review ? (
              <ReviewBreakdown review={aiReview.review} criterionHeading="h3" />
            ) : (
              <p className="mt-2 text-sm text-slate-600">There is no completed AI review of this attempt.</p>
            )}
          </section>
        </div>

        <div className="min-w-0">
          <DecisionPanel screen={screen} result={result} />
        </div>
      </div>
    </>
  );
}

function TextWithChanges({ text, diff, empty }: { text: string; diff: DiffPart[] | null; empty: string }) {
  if (!text && (!diff || diff.length === 0)) return <p className="mt-2 text-sm italic text-slate-500">{empty}</p>;
  if (diff && diff.length > 0) {
    return (
      <p className="mt-2 whitespace-pre-wrap break-words text-slate-800" data-testid="diff">
        {diff.map((part, index) =>
          part.kind === "added" ? (
            <ins key={index} className="bg-emerald-50 text-emerald-900 decoration-emerald-600">
              <span className="sr-only">[added: </span>
              {part.text}
              <span className="sr-only">]</span>
            </ins>
          ) : part.kind === "removed" ? (
            <del key={index} className="bg-red-50 text-red-800">
              <span className="sr-only">[removed: </span>
              {part.text}
              <span className="sr-only">]</span>
            </del>
          ) : (
            <span key={index}>{part.text}</span>
          ),
        )}
      </p>
    );
  }
  return (
    <>
      {diff ? <p className="mt-1 text-xs text-slate-500">Unchanged since the previous attempt.</p> : null}
      <p className="mt-2 whitespace-pre-wrap break-words text-slate-800">{text}</p>
    </>
  );
}

function DecisionPanel({ screen, result }: { screen: MentorReviewScreen; result: ActionResult | undefined }) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const { request, mission, aiReview } = screen;
  if (request.result) {
    return (
      <section aria-labelledby="decision-heading" className="card space-y-3 p-5 lg:sticky lg:top-24">
        <h2 id="decision-heading" className="text-lg font-semibold text-slate-900">
          Mentor review: {request.result.decision === "APPROVED" ? "approved" : "changes requested"}
        </h2>
        <p className="text-sm text-slate-700">
          {request.result.total}/100{request.result.by ? ` by ${request.result.by}` : ""}
          {request.result.completedAt ? `, ${formatDateTime(request.result.completedAt)}` : ""}.
        </p>
        {request.result.comments ? <p className="whitespace-pre-wrap text-slate-800">{request.result.comments}</p> : null}
        <ul className="space-y-2 text-sm">
          {request.result.scores.map((score) => (
            <li key={score.key}>
              <span className="font-medium">{score.title}</span>: {score.score}/{score.maxScore} {score.level ? `(${score.level})` : ""}
              {score.comment ? <span className="block text-slate-600">{score.comment}</span> : null}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  if (!request.decidable) {
    return <p className="card p-5 text-sm text-slate-700">The student has moved on to a newer attempt; this request can no longer be decided.</p>;
  }
  const aiScores = new Map(aiReview?.review?.criteria.map((criterion) => [criterion.key, criterion.score]) ?? []);
  const values = result?.values ?? {};
  const scoreErrors = result?.fieldErrors?.scores ?? [];
  return (
    <section aria-labelledby="decision-heading" className="card space-y-4 p-5 lg:sticky lg:top-24 lg:max-h-[calc(100vh-7rem)] lg:overflow-y-auto">
      <h2 id="decision-heading" className="text-lg font-semibold text-slate-900">
        Your review
      </h2>
      {request.heldByMe ? (
        <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <span>Yours until {formatDateTime(request.claimExpiresAt!)}.</span>
          <Form method="post" className="inline">
            <button type="submit" name="intent" value="claim" className="text-brand-700 underline" disabled={busy}>
              Keep it 30 more minutes
            </button>
          </Form>
          <Form method="post" className="inline">
            <button type="submit" name="intent" value="release" className="text-brand-700 underline" disabled={busy}>
              Give it back to the queue
            </button>
          </Form>
        </div>
      ) : (
        <Form method="post" className="text-sm text-slate-700">
          Nobody holds this review.{" "}
          <button type="submit" name="intent" value="claim" className="text-brand-700 underline" disabled={busy}>
            Claim it for 30 minutes
          </button>{" "}
          so no one else takes it while you read; deciding claims it too.
        </Form>
      )}
      {scoreErrors.length > 0 ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <p className="font-medium">The scores need attention:</p>
          <ul className="ml-5 list-disc">
            {scoreErrors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" className="space-y-5">
        <input type="hidden" name="intent" value="complete" />
        {mission.rubric.map((criterion) => {
          const chosen = values[`score.${criterion.key}`] ?? (aiScores.has(criterion.key) ? String(aiScores.get(criterion.key)) : undefined);
          return (
            <fieldset key={criterion.key} className="space-y-2" data-testid={`criterion-${criterion.key}`}>
              <legend className="font-medium text-slate-900">
                {criterion.title} <span className="text-sm font-normal text-slate-500">(weight {criterion.weight})</span>
                {request.disputedCriteria.includes(criterion.key) ? (
                  <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">disputed</span>
                ) : null}
              </legend>
              <p className="text-sm text-slate-600">{criterion.description}</p>
              {aiScores.has(criterion.key) ? (
                <p className="text-xs text-slate-500">
                  The AI gave {aiScores.get(criterion.key)}/{criterion.maxScore}; it is preselected.
                </p>
              ) : null}
              <div className="space-y-1">
                {criterion.levels.map((level) => (
                  <label key={level.score} className="flex cursor-pointer items-start gap-2 rounded-md px-2 py-1 text-sm hover:bg-slate-50">
                    <input type="radio" name={`score.${criterion.key}`} value={level.score} defaultChecked={chosen === String(level.score)} required className="mt-1" />
                    <span>
                      <span className="font-medium">
                        {level.score} · {level.label}
                      </span>
                      {level.description ? <span className="block text-slate-600">{level.description}</span> : null}
                    </span>
                  </label>
                ))}
              </div>
              <label className="block text-sm">
                <span className="text-slate-700">Comment on {criterion.title.toLowerCase()} (optional)</span>
                <textarea
                  name={`comment.${criterion.key}`}
                  rows={2}
                  defaultValue={values[`comment.${criterion.key}`] ?? ""}
                  className="mt-1 w-full rounded-md border-slate-300 text-sm"
                />
              </label>
            </fieldset>
          );
        })}
        <label className="block text-sm">
          <span className="font-medium text-slate-900">Overall comment</span>
          <textarea name="comments" rows={4} defaultValue={values.comments ?? ""} className="mt-1 w-full rounded-md border-slate-300 text-sm" />
        </label>
        <p className="text-xs text-slate-500">
          Your decision overrides the AI's. Requesting changes on an approved attempt removes it from the student's portfolio and skill signals.
        </p>
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="decision" value="approved" className="btn-primary" disabled={busy}>
            Approve
          </button>
          <button type="submit" name="decision" value="changes_requested" className="btn-secondary" disabled={busy}>
            Request changes
          </button>
        </div>
      </Form>
    </section>
  );
}
