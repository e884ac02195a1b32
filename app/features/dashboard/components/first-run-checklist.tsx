import { Form } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import type { FirstRunChecklist as Checklist, FirstRunStep } from "../first-run";

const STEP_TITLES: Record<FirstRunStep, string> = {
  track: "Pick your track",
  start: "Start your first mission",
  submit: "Submit it for review",
};

interface Props {
  checklist: Checklist;
  tracks: { slug: string; title: string }[];
  /** The mission in progress, for the submit step. */
  current: { slug: string; title: string } | null;
  /** The refusal of the track form (an unknown track). */
  error?: string;
}

/** A new student's three first steps, each ticked from what they have really done. */
export function FirstRunChecklist({ checklist, tracks, current, error }: Props) {
  const doneCount = checklist.steps.filter((step) => step.done).length;
  return (
    <section aria-labelledby="first-run-heading" className="card mb-6 p-5" data-testid="first-run">
      <h2 id="first-run-heading" className="font-semibold text-slate-900">
        Your first steps
      </h2>
      <p className="mt-1 text-sm text-slate-600">{`${doneCount} of ${checklist.steps.length} done. Three steps to your first reviewed mission.`}</p>
      <ol className="mt-4 space-y-3">
        {checklist.steps.map((step, index) => (
          <li key={step.id} className="flex gap-3" data-testid={`first-run-${step.id}`} data-done={step.done}>
            <span
              aria-hidden="true"
              className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${
                step.done ? "bg-emerald-600 text-white" : step.id === checklist.next ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-600"
              }`}
            >
              {step.done ? "✓" : index + 1}
            </span>
            <div className="min-w-0 flex-1 text-sm">
              <p className={step.done ? "text-slate-600 line-through decoration-slate-400" : "font-medium text-slate-900"}>
                {STEP_TITLES[step.id]}
                <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
              </p>
              {step.id === checklist.next ? <NextStep step={step.id} tracks={tracks} current={current} error={error} /> : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function NextStep({ step, tracks, current, error }: { step: FirstRunStep; tracks: Props["tracks"]; current: Props["current"]; error?: string }) {
  if (step === "track") {
    return (
      <Form method="post" className="mt-2 flex flex-wrap items-end gap-3">
        <input type="hidden" name="intent" value="follow-track" />
        <div>
          <label htmlFor="first-run-track" className="field-label">
            Track
          </label>
          <select id="first-run-track" name="track" className="field-input w-80 max-w-full" required>
            {tracks.map((track) => (
              <option key={track.slug} value={track.slug}>
                {track.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Follow this track
        </button>
        <div className="w-full">
          <FormAlert message={error} />
        </div>
      </Form>
    );
  }
  if (step === "start") return <p className="mt-1 text-slate-600">The mission marked “Start here” below is a good first one.</p>;
  return current ? (
    <p className="mt-1 text-slate-600">
      {"Work through the steps of "}
      <a href={`/dashboard/student/missions/${current.slug}`} className="link">
        {current.title}
      </a>
      {", then submit it: you get a scored review with what to improve."}
    </p>
  ) : (
    <p className="mt-1 text-slate-600">Work through your mission’s steps, then submit it: you get a scored review with what to improve.</p>
  );
}
