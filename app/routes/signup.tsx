import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthCard } from "~/features/accounts/components/auth-card";
import { Field, FormAlert } from "~/components/form";
import { signUp } from "~/features/accounts/signup.server";
import { getOptionalUser } from "~/features/accounts/auth.server";
import { TIER_LABELS } from "~/domain/entitlements";
import { paidPlan, planIntentCookie } from "~/features/billing/plan-intent.server";
import { choosePlanPath } from "~/features/billing/upgrade";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";
import { isSecureRequest, sessionMeta } from "~/utils/request.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Create your account · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    // A paid plan chosen on the plans page: the account comes first, its checkout after.
    const plan = paidPlan(new URL(request.url).searchParams.get("plan"));
    if (await getOptionalUser(request)) throw redirect(plan ? choosePlanPath(plan) : "/dashboard");
    return json({ plan });
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(
    args,
    async ({ request, context, form }) => {
      const email = form.get("email");
      const { message } = await signUp(getDb(), { name: form.get("name"), email, password: form.get("password") }, sessionMeta(request, context.clientAddress));
      // The same answer for a new address and a taken one: only the e-mail sent differs.
      const plan = paidPlan(form.get("plan"));
      return json(
        { sent: { email: typeof email === "string" ? email.trim().toLowerCase() : "", message } },
        plan ? { headers: { "Set-Cookie": planIntentCookie(plan, isSecureRequest(request)) } } : undefined,
      );
    },
    { keep: ["name", "email"] },
  );
}

export default function SignupPage() {
  const { plan } = useLoaderData<typeof loader>();
  const result = useActionData<FormFailure & { sent?: { email: string; message: string } }>();
  const submitting = useNavigation().state === "submitting";
  if (result?.sent) {
    return (
      <AuthCard title="Check your e-mail" subtitle={`To finish signing up, confirm ${result.sent.email}.`}>
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" data-testid="signup-sent">
          {result.sent.message}
        </p>
        {plan ? <p className="mt-3 text-sm text-slate-600">{`Once your address is confirmed in this browser, the ${TIER_LABELS[plan]} checkout is next.`}</p> : null}
        <Form method="post" action="/verify-email" className="mt-5">
          <input type="hidden" name="intent" value="resend" />
          <input type="hidden" name="email" value={result.sent.email} />
          <button type="submit" className="btn-secondary w-full">
            Send a new link
          </button>
        </Form>
        <p className="mt-6 text-center text-sm text-slate-600">
          Wrong address?{" "}
          <Link to="/signup" className="font-semibold text-brand-700 hover:underline">
            Sign up again
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Create your MXP account"
      subtitle={
        plan
          ? `You chose ${TIER_LABELS[plan]}. Create your account and confirm your e-mail address; the ${TIER_LABELS[plan]} checkout comes next.`
          : "Free to start: one mission a month, every mission visible."
      }
    >
      <Form method="post" className="space-y-5" noValidate>
        <FormAlert message={result?.formError} />
        {plan ? <input type="hidden" name="plan" value={plan} /> : null}
        <Field label="Your name" name="name" autoComplete="name" required defaultValue={result?.values?.name} errors={result?.fieldErrors?.name} />
        <Field label="E-mail" name="email" type="email" autoComplete="email" required defaultValue={result?.values?.email} errors={result?.fieldErrors?.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint="At least 10 characters. A passphrase works well."
          errors={result?.fieldErrors?.password}
        />
        <button type="submit" className="btn-primary w-full" disabled={submitting}>
          {submitting ? "Creating your account…" : "Create account"}
        </button>
      </Form>
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link to={plan ? `/login?${new URLSearchParams({ redirectTo: choosePlanPath(plan) }).toString()}` : "/login"} className="font-semibold text-brand-700 hover:underline">
          Log in
        </Link>
      </p>
    </AuthCard>
  );
}
