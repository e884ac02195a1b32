import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormAlert } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { getAuth, requireUser } from "~/features/accounts/auth.server";
import { changePassword } from "~/features/accounts/password-change.server";
import { TwoFactorSection, type TwoFactorResult } from "~/features/accounts/components/two-factor-section";
import { confirmTwoFactorSetup, disableTwoFactor, regenerateRecoveryCodes, startTwoFactorSetup, twoFactorStatus } from "~/features/accounts/two-factor.server";
import { EMAIL_SETTINGS_PATH } from "~/features/notifications/email-kinds";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Your account · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const user = await requireUser(request);
    return json({ name: user.name, email: user.email, twoFactor: await twoFactorStatus(getDb(), user) });
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(
    args,
    async ({ request, form }) => {
      const user = await requireUser(request);
      switch (form.get("intent")) {
        case "totp-start":
          await startTwoFactorSetup(getDb(), user);
          return json({ intent: "totp-start" as const });
        case "totp-confirm":
          return json({ intent: "totp-confirm" as const, ...(await confirmTwoFactorSetup(getDb(), user, { code: form.get("code") })) });
        case "totp-disable":
          await disableTwoFactor(getDb(), user, { password: form.get("password"), code: form.get("code") });
          return json({ intent: "totp-disable" as const, turnedOff: true as const });
        case "recovery-codes":
          return json({ intent: "recovery-codes" as const, ...(await regenerateRecoveryCodes(getDb(), user, { code: form.get("code") })) });
        default: {
          const auth = (await getAuth(request))!;
          await changePassword(getDb(), user, auth.sessionId, { currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") });
          return json({ changed: true as const });
        }
      }
    },
    // Which form failed, so that its errors show beside it.
    { keep: (form): Record<string, string> => ({ intent: typeof form.get("intent") === "string" ? (form.get("intent") as string) : "password" }) },
  );
}

export default function AccountPage() {
  const { name, email, twoFactor } = useLoaderData<typeof loader>();
  const result = useActionData<FormFailure & TwoFactorResult & { changed?: true }>();
  const passwordResult = result?.values?.intent && result.values.intent !== "password" ? undefined : result;
  const submitting = useNavigation().state === "submitting";
  return (
    <>
      <PageHeader title="Your account" description={`${name} · ${email}`} />
      <section aria-labelledby="password-heading" className="card max-w-xl p-6">
        <h2 id="password-heading" className="text-lg font-semibold text-slate-900">
          Change your password
        </h2>
        <p className="mt-1 text-sm text-slate-600">You stay logged in here; every other device is logged out.</p>
        {result?.changed ? (
          <p role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
            Your password is changed. Other devices have been logged out.
          </p>
        ) : null}
        <Form method="post" className="mt-5 space-y-5" noValidate key={result?.changed ? "changed" : "form"}>
          <FormAlert message={passwordResult?.formError} />
          <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={passwordResult?.fieldErrors?.currentPassword} />
          <Field
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            hint="At least 10 characters, not a common password. A few unrelated words work well."
            errors={passwordResult?.fieldErrors?.newPassword}
          />
          <button type="submit" className="btn-primary" disabled={submitting}>
            {submitting ? "Saving…" : "Change password"}
          </button>
        </Form>
        <p className="mt-4 text-sm text-slate-600">
          Forgotten the current one?{" "}
          <Link to="/forgot-password" className="font-medium text-brand-700 hover:underline">
            Get a reset link by e-mail
          </Link>
        </p>
      </section>
      {twoFactor.available ? <TwoFactorSection status={twoFactor} result={result} /> : null}
      <section aria-labelledby="email-settings-heading" className="card mt-6 max-w-xl p-6">
        <h2 id="email-settings-heading" className="text-lg font-semibold text-slate-900">
          E-mail
        </h2>
        <p className="mt-1 text-sm text-slate-600">Choose which notifications are also sent to you by e-mail.</p>
        <p className="mt-4">
          <Link to={EMAIL_SETTINGS_PATH} className="font-medium text-brand-700 hover:underline">
            E-mail settings
          </Link>
        </p>
      </section>
    </>
  );
}
