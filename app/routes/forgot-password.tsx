import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Field, FormAlert } from "~/components/form";
import { AuthCard } from "~/features/accounts/components/auth-card";
import { requestPasswordReset } from "~/features/accounts/password-reset.server";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction } from "~/utils/page.server";
import { sessionMeta } from "~/utils/request.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Reset your password · MXP" }];

export async function action(args: ActionFunctionArgs) {
  return pageAction(
    args,
    async ({ request, context, form }) => json({ sent: await requestPasswordReset(getDb(), { email: form.get("email") }, sessionMeta(request, context.clientAddress)) }),
    { keep: ["email"] },
  );
}

export default function ForgotPasswordPage() {
  const result = useActionData<FormFailure & { sent?: { message: string } }>();
  const submitting = useNavigation().state === "submitting";
  return (
    <AuthCard title="Reset your password" subtitle="Enter the e-mail address of your account and we will send you a link to choose a new password.">
      {result?.sent ? (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" data-testid="reset-requested">
          {result.sent.message}
        </p>
      ) : (
        <Form method="post" className="space-y-5" noValidate>
          <FormAlert message={result?.formError} />
          <Field label="E-mail" name="email" type="email" autoComplete="email" required defaultValue={result?.values?.email} errors={result?.fieldErrors?.email} />
          <button type="submit" className="btn-primary w-full" disabled={submitting}>
            {submitting ? "Sending…" : "Send the link"}
          </button>
        </Form>
      )}
      <p className="mt-6 text-center text-sm text-slate-600">
        Remembered it?{" "}
        <Link to="/login" className="font-semibold text-brand-700 hover:underline">
          Log in
        </Link>
      </p>
    </AuthCard>
  );
}
