import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { AuthCard } from "~/features/accounts/components/auth-card";
import { Field, FormAlert } from "~/components/form";
import { signUp } from "~/features/accounts/service.server";
import { getOptionalUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";
import { isSecureRequest, sessionMeta } from "~/utils/request.server";
import { sessionCookie } from "~/features/accounts/session.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Create your account · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    if (await getOptionalUser(request)) throw redirect("/dashboard");
    return null;
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(
    args,
    async ({ request, context, form }) => {
      const { token, expiresAt } = await signUp(
        getDb(),
        { name: form.get("name"), email: form.get("email"), password: form.get("password") },
        sessionMeta(request, context.clientAddress),
      );
      return redirect("/dashboard", { headers: { "Set-Cookie": sessionCookie(token, expiresAt, isSecureRequest(request)) } });
    },
    { keep: ["name", "email"] },
  );
}

export default function SignupPage() {
  const result = useActionData<FormFailure>();
  const submitting = useNavigation().state === "submitting";
  return (
    <AuthCard title="Create your MXP account" subtitle="Free to start: one mission a month, every mission visible.">
      <Form method="post" className="space-y-5" noValidate>
        <FormAlert message={result?.formError} />
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
        <Link to="/login" className="font-semibold text-brand-700 hover:underline">
          Log in
        </Link>
      </p>
    </AuthCard>
  );
}
