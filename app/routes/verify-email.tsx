import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormAlert } from "~/components/form";
import { AuthCard } from "~/features/accounts/components/auth-card";
import { sessionCookie } from "~/features/accounts/session.server";
import { resendEmailVerification, verifyEmail } from "~/features/accounts/signup.server";
import { clearPlanIntentCookie, readPlanIntent } from "~/features/billing/plan-intent.server";
import { choosePlanPath } from "~/features/billing/upgrade";
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction } from "~/utils/page.server";
import { isSecureRequest, sessionMeta } from "~/utils/request.server";

export { ErrorBoundary } from "~/components/error-page";

/** Where a new student lands once their address is confirmed: the profiler, with a welcome. */
const FIRST_RUN_PATH = "/dashboard/student/onboarding?welcome";

export const meta: MetaFunction = () => [{ title: "Confirm your e-mail address · MXP" }];

// Opening the link only shows a button: mail scanners that fetch every link in a message must
// not use it up (or be logged in by it). The confirmation is the POST.
export async function action(args: ActionFunctionArgs) {
  return pageAction(
    args,
    async ({ request, context, form }) => {
      const meta = sessionMeta(request, context.clientAddress);
      const intent = form.get("intent");
      if (intent === "resend") return json({ resent: await resendEmailVerification(getDb(), { email: form.get("email") }, meta) });
      if (intent !== "confirm") throw new AppError("VALIDATION_FAILED", "This form could not be read. Open the link from your e-mail again.");
      const { user, token, expiresAt } = await verifyEmail(getDb(), { token: form.get("token") }, meta);
      const secure = isSecureRequest(request);
      const headers = new Headers({ "Set-Cookie": sessionCookie(token, expiresAt, secure) });
      // A paid plan chosen before signing up (in this browser) goes on to its checkout; otherwise a
      // new student's first run begins with the profiler (skippable), then the dashboard's checklist.
      const plan = readPlanIntent(request);
      if (plan) headers.append("Set-Cookie", clearPlanIntentCookie(secure));
      const firstRun = user.role === "STUDENT" && user.profilerScore === null;
      return redirect(plan ? choosePlanPath(plan) : firstRun ? FIRST_RUN_PATH : "/dashboard", { headers });
    },
    { keep: ["email"] },
  );
}

export default function VerifyEmailPage() {
  const result = useActionData<FormFailure & { resent?: { message: string } }>();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting" ? navigation.formData?.get("intent") : undefined;
  const linkProblem = result?.fieldErrors?.token?.join(" ");
  return (
    <AuthCard
      title={token && !linkProblem ? "Confirm your e-mail address" : "Get a new confirmation link"}
      subtitle={token && !linkProblem ? "One click and your account is ready." : "Enter the address you signed up with and we will send a new link to it."}
    >
      {token && !linkProblem ? (
        <Form method="post" className="space-y-5">
          <FormAlert message={result?.formError} />
          <input type="hidden" name="token" value={token} />
          <button type="submit" name="intent" value="confirm" className="btn-primary w-full" disabled={submitting === "confirm"}>
            {submitting === "confirm" ? "Confirming…" : "Confirm my address and log in"}
          </button>
        </Form>
      ) : result?.resent ? (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" data-testid="verification-resent">
          {result.resent.message}
        </p>
      ) : (
        <Form method="post" className="space-y-5" noValidate>
          <FormAlert message={linkProblem ?? result?.formError} />
          <Field label="E-mail" name="email" type="email" autoComplete="email" required defaultValue={result?.values?.email} errors={result?.fieldErrors?.email} />
          <button type="submit" name="intent" value="resend" className="btn-primary w-full" disabled={submitting === "resend"}>
            {submitting === "resend" ? "Sending…" : "Send a new link"}
          </button>
        </Form>
      )}
      <p className="mt-6 text-center text-sm text-slate-600">
        Already confirmed?{" "}
        <Link to="/login" className="font-semibold text-brand-700 hover:underline">
          Log in
        </Link>
      </p>
    </AuthCard>
  );
}
