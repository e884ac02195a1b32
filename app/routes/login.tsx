import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { AuthCard } from "~/features/accounts/components/auth-card";
import { Field, FormAlert } from "~/components/form";
import { logIn } from "~/features/accounts/service.server";
import { getOptionalUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";
import { isSecureRequest, safeRedirectPath, sessionMeta } from "~/utils/request.server";
import { sessionCookie } from "~/features/accounts/session.server";

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
      const { token, expiresAt } = await logIn(getDb(), { email: form.get("email"), password: form.get("password") }, sessionMeta(request, context.clientAddress));
      return redirect(safeRedirectPath(form.get("redirectTo")), { headers: { "Set-Cookie": sessionCookie(token, expiresAt, isSecureRequest(request)) } });
    },
    { keep: ["email"] },
  );
}

export default function LoginPage() {
  const result = useActionData<FormFailure>();
  const [params] = useSearchParams();
  const submitting = useNavigation().state === "submitting";
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
