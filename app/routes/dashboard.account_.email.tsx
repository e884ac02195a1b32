import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { requireUser } from "~/features/accounts/auth.server";
import { emailKindsFor } from "~/features/notifications/email-kinds";
import { emailSettings, updateEmailSettings } from "~/features/notifications/service.server";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "E-mail settings · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const user = await requireUser(request);
    return json({ email: user.email, ...(await emailSettings(getDb(), user)) });
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, form }) => {
    const user = await requireUser(request);
    // The form lists every kind this person can receive: a box left unticked is a kind switched off.
    const ticked = new Set(form.getAll("email").map(String));
    await updateEmailSettings(getDb(), user, { email: Object.fromEntries(emailKindsFor(user.role).map((kind) => [kind, ticked.has(kind)])) });
    return json({ saved: true as const });
  });
}

export default function EmailSettingsPage() {
  const { email, kinds } = useLoaderData<typeof loader>();
  const result = useActionData<FormFailure & { saved?: true }>();
  const submitting = useNavigation().state === "submitting";
  return (
    <>
      <PageHeader title="E-mail settings" description={`Notifications always appear in MXP (the bell). Choose which of them are also e-mailed to ${email}.`} />
      <section aria-labelledby="email-kinds-heading" className="card max-w-2xl p-6">
        <h2 id="email-kinds-heading" className="text-lg font-semibold text-slate-900">
          Notification e-mails
        </h2>
        {result?.saved ? (
          <p role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
            Saved. From now on you get e-mail only for the kinds ticked below.
          </p>
        ) : null}
        {kinds.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Your account gets no notification e-mails to choose from.</p>
        ) : (
          <Form method="post" className="mt-4 space-y-5">
            <FormAlert message={result?.formError} />
            <fieldset>
              <legend className="text-sm font-medium text-slate-900">E-mail me when…</legend>
              <ul className="mt-3 space-y-3">
                {kinds.map((kind) => (
                  <li key={kind.kind} id={`email-${kind.kind}`}>
                    {/* eslint-disable-next-line jsx-a11y/label-has-associated-control -- the label wraps its checkbox and the kind's description */}
                    <label className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                      <input type="checkbox" name="email" value={kind.kind} defaultChecked={kind.email} className="mt-0.5 rounded text-brand-700 focus:ring-brand-600" />
                      <span>
                        <span className="block font-medium text-slate-900">{kind.label}</span>
                        <span className="text-slate-600">{kind.description}</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
            <button type="submit" className="btn-primary" disabled={submitting}>
              {submitting ? "Saving…" : "Save e-mail settings"}
            </button>
          </Form>
        )}
        <p className="mt-5 text-sm text-slate-600">
          E-mails about your account (confirming your address, resetting your password, security notices) are always sent: they are how you keep access to it.
        </p>
      </section>
      <p className="mt-6 text-sm">
        <Link to="/dashboard/account" className="font-medium text-brand-700 hover:underline">
          Back to your account
        </Link>
      </p>
    </>
  );
}
