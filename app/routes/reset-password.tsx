import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormAlert } from "~/components/form";
import { AuthCard } from "~/features/accounts/components/auth-card";
import { resetPassword } from "~/features/accounts/password-reset.server";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction } from "~/utils/page.server";
import { sessionMeta } from "~/utils/request.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Choose a new password · MXP" }];

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, context, form }) => {
    await resetPassword(getDb(), { token: form.get("token"), password: form.get("password") }, sessionMeta(request, context.clientAddress));
    return redirect("/login?reset=done");
  });
}

export default function ResetPasswordPage() {
  const result = useActionData<FormFailure>();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const submitting = useNavigation().state === "submitting";
  const linkProblem = result?.fieldErrors?.token?.join(" ") ?? (token ? undefined : "This page needs the link from your e-mail. Ask for a new one if you no longer have it.");
  return (
    <AuthCard title="Choose a new password" subtitle="Use at least 10 characters; a few unrelated words work well. You will be logged out everywhere else.">
      <Form method="post" className="space-y-5" noValidate>
        <input type="hidden" name="token" value={token} />
        <FormAlert message={linkProblem ?? result?.formError} />
        <Field
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters, not a common password."
          errors={result?.fieldErrors?.password}
        />
        <button type="submit" className="btn-primary w-full" disabled={submitting || !token}>
          {submitting ? "Saving…" : "Save the new password"}
        </button>
      </Form>
      <p className="mt-6 text-center text-sm text-slate-600">
        Link expired?{" "}
        <Link to="/forgot-password" className="font-semibold text-brand-700 hover:underline">
          Ask for a new one
        </Link>
      </p>
    </AuthCard>
  );
}
