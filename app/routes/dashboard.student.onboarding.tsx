import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { PROFILER_QUESTIONS, PROFILER_SCALE } from "~/domain/profiler";
import { completeOnboarding, onboardingTracks } from "~/features/onboarding/service.server";
import { requireStudent } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Profiler · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const user = await requireStudent(request, "The level profiler");
    return json({ tracks: await onboardingTracks(getDb(), user) });
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, form }) => {
    const user = await requireStudent(request, "The level profiler");
    const answers = Object.fromEntries(PROFILER_QUESTIONS.map((question) => [question.id, form.get(question.id) ?? undefined]));
    await completeOnboarding(getDb(), user, { answers, tracks: form.getAll("tracks").map(String) });
    // On to the dashboard, whose first-run checklist and Start-here mission now use the level.
    return redirect("/dashboard");
  });
}

export default function OnboardingPage() {
  const { tracks } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const submitting = useNavigation().state === "submitting";
  // Straight after sign-up (the e-mail's link leads here): a welcome, and the way past it.
  const welcome = useSearchParams()[0].has("welcome");
  return (
    <>
      <PageHeader
        title={welcome ? "Welcome to MXP: find your starting point" : "Find your starting point"}
        description="Ten statements, one tap each. Be honest: it only decides which missions we recommend first."
        actions={
          <Link to="/dashboard" className="btn-secondary">
            Skip for now
          </Link>
        }
      />
      <Form method="post" className="space-y-6">
        <FormAlert message={failure?.formError ?? (failure?.fieldErrors ? "Answer every question." : undefined)} />
        <ol className="space-y-4">
          {PROFILER_QUESTIONS.map((question, index) => {
            const error = failure?.fieldErrors?.[`answers.${question.id}`];
            return (
              <li key={question.id} className="card p-5">
                <fieldset aria-describedby={error ? `${question.id}-error` : undefined}>
                  <legend className="text-sm font-medium text-slate-900">
                    {index + 1}. {question.prompt}
                  </legend>
                  <div className="mt-3 grid gap-2 sm:grid-cols-5">
                    {PROFILER_SCALE.map((option) => (
                      <label
                        key={option.value}
                        className="flex cursor-pointer items-center gap-2 rounded-lg border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
                      >
                        <input type="radio" name={question.id} value={option.value} required className="text-brand-700 focus:ring-brand-600" />
                        {option.label}
                      </label>
                    ))}
                  </div>
                  {error ? (
                    <p id={`${question.id}-error`} className="field-error">
                      Pick an answer.
                    </p>
                  ) : null}
                </fieldset>
              </li>
            );
          })}
        </ol>
        <fieldset className="card p-5">
          <legend className="text-sm font-medium text-slate-900">Which tracks do you want to follow? (optional)</legend>
          <div className="mt-3 grid gap-3 md:grid-cols-3">
            {tracks.map((track) => (
              // eslint-disable-next-line jsx-a11y/label-has-associated-control -- the label wraps its checkbox and the track's title and summary
              <label
                key={track.slug}
                className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
              >
                <input type="checkbox" name="tracks" value={track.slug} className="mt-0.5 rounded text-brand-700 focus:ring-brand-600" />
                <span>
                  <span className="block font-medium text-slate-900">{track.title}</span>
                  <span className="text-slate-600">{track.summary}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="btn-primary" disabled={submitting}>
          {submitting ? "Saving…" : "Save and see where to start"}
        </button>
      </Form>
    </>
  );
}
