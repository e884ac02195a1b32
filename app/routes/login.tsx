import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { AuthCard } from "~/features/accounts/components/auth-card";
import { Field, FormAlert } from "~/components/form";
import { beginLogIn, finishLogIn } from "~/features/accounts/service.server";
import { getOptionalUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";
import { isSecureRequest, safeRedirectPath, sessionMeta } from "~/utils/request.server";
import { clearLoginChallengeCookie, LOGIN_CHALLENGE_COOKIE, loginChallengeCookie, readCookie, sessionCookie } from "~/features/accounts/session.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Log in · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    if (await getOptionalUser(request)) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
    return null;
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(
    args,
    async ({ request, context, form }) => {
      const meta = sessionMeta(request, context.clientAddress);
      const secure = isSecureRequest(request);
      const redirectTo = safeRedirectPath(form.get("redirectTo"));
      if (form.get("intent") === "code") {
        const challenge = readCookie(request.headers.get("Cookie"), LOGIN_CHALLENGE_COOKIE);
        const { token, expiresAt } = await finishLogIn(getDb(), { challenge, code: form.get("code") }, meta);
        const headers = new Headers([
          ["Set-Cookie", sessionCookie(token, expiresAt, secure)],
          ["Set-Cookie", clearLoginChallengeCookie(secure)],
        ]);
        return redirect(redirectTo, { headers });
      }
      const started = await beginLogIn(getDb(), { email: form.get("email"), password: form.get("password") }, meta);
      if (started.challenge) {
        return json({ step: "code" as const, redirectTo }, { headers: { "Set-Cookie": loginChallengeCookie(started.challenge.token, started.challenge.expiresAt, secure) } });
      }
      const { token, expiresAt } = started.session;
      return redirect(redirectTo, { headers: { "Set-Cookie": sessionCookie(token, expiresAt, secure) } });
    },
    // A failed code comes back to the code form; a timed-out second step goes back to the password.
    { keep: (form): Record<string, string> => (form.get("intent") === "code" ? { step: "code", redirectTo: formText(form, "redirectTo") } : { email: formText(form, "email") }) },
  );
}

function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

type LoginResult = FormFailure<{ restart?: boolean }> & { step?: "code"; redirectTo?: string };

export default function LoginPage() {
  const result = useActionData<LoginResult>();
  const [params] = useSearchParams();
  const submitting = useNavigation().state === "submitting";
  const codeStep = result?.step === "code" || (result?.values?.step === "code" && !result.details?.restart);
  if (codeStep) {
    return (
      <AuthCard title="Enter your code" subtitle="Your account uses two-step log-in. Open your authenticator app and enter the code it shows for MXP.">
        <Form method="post" className="space-y-5" noValidate>
          <input type="hidden" name="intent" value="code" />
          <input type="hidden" name="redirectTo" value={result?.redirectTo ?? result?.values?.redirectTo ?? "/dashboard"} />
          <FormAlert message={result?.formError} />
          <Field
            label="Code"
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            hint="Lost your phone? Enter one of your recovery codes instead."
            errors={result?.fieldErrors?.code}
          />
          <button type="submit" className="btn-primary w-full" disabled={submitting}>
            {submitting ? "Checking…" : "Log in"}
          </button>
        </Form>
        <p className="mt-6 text-center text-sm text-slate-600">
          <Link to="/login" className="font-semibold text-brand-700 hover:underline">
            Start again
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Log in to MXP" subtitle="Welcome back. Your missions are where you left them.">
      <Form method="post" className="space-y-5" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/dashboard"} />
        {params.get("reset") === "done" && !result ? (
          <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
            Your password is changed. Log in with the new one.
          </p>
        ) : null}
        <FormAlert message={result?.formError} />
        <Field label="E-mail" name="email" type="email" autoComplete="email" required defaultValue={result?.values?.email} errors={result?.fieldErrors?.email} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required errors={result?.fieldErrors?.password} />
        <p className="-mt-2 text-right text-sm">
          <Link to="/forgot-password" className="font-medium text-brand-700 hover:underline">
            Forgot your password?
          </Link>
        </p>
        <button type="submit" className="btn-primary w-full" disabled={submitting}>
          {submitting ? "Logging in…" : "Log in"}
        </button>
      </Form>
      <p className="mt-6 text-center text-sm text-slate-600">
        New to MXP?{" "}
        <Link to="/signup" className="font-semibold text-brand-700 hover:underline">
          Create an account
        </Link>
      </p>
    </AuthCard>
  );
}
