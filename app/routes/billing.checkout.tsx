import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { requireUser } from "~/features/accounts/auth.server";
import { startCheckout } from "~/features/billing/checkout.server";
import { BillingShell } from "~/features/billing/components/billing-shell";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Checkout · MXP" }];

// Checkouts start from a form (they create the customer); a visit goes to the plans.
export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async () => redirect("/pricing"));
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, form }) => {
    const user = await requireUser(request);
    const { url } = await startCheckout(getDb(), user, { tier: form.get("tier"), returnTo: form.get("returnTo") });
    return redirect(url, 303);
  });
}

/** Seen only when the checkout could not start: why, and the way back. */
export default function CheckoutFailedPage() {
  const failure = useActionData<FormFailure>();
  return (
    <BillingShell title="The checkout did not start">
      <FormAlert message={failure?.formError ?? "Choose a plan on the pricing page."} />
      <p>
        <Link to="/pricing" className="link">
          Back to the plans
        </Link>
      </p>
    </BillingShell>
  );
}
