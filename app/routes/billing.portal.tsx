import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { requireUser } from "~/features/accounts/auth.server";
import { openPortal } from "~/features/billing/checkout.server";
import { BillingShell } from "~/features/billing/components/billing-shell";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Manage your plan · MXP" }];

// The portal opens from a form (each opening is a new portal session); a visit goes to the billing page.
export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async () => redirect("/billing"));
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, form }) => {
    const user = await requireUser(request);
    const { url } = await openPortal(getDb(), user, { returnTo: form.get("returnTo") });
    return redirect(url, 303);
  });
}

/** Seen only when the portal could not open: why, and the way back. */
export default function PortalFailedPage() {
  const failure = useActionData<FormFailure>();
  return (
    <BillingShell title="Your plan cannot be managed yet">
      <FormAlert message={failure?.formError ?? "The portal could not be opened. Try again from your billing page."} />
      <p>
        <Link to="/billing" className="link">
          Back to your billing page
        </Link>
      </p>
    </BillingShell>
  );
}
