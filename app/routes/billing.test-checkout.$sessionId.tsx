import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { TIER_LABELS } from "~/domain/entitlements";
import { requireUser } from "~/features/accounts/auth.server";
import { BillingShell } from "~/features/billing/components/billing-shell";
import { cancelLocalCheckout, confirmLocalCheckout, getLocalCheckout } from "~/features/billing/emulator.server";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Test checkout · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request, params }) => {
    const user = await requireUser(request);
    return json({ checkout: await getLocalCheckout(getDb(), user, params.sessionId ?? "") });
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, params, form }) => {
    const user = await requireUser(request);
    const sessionId = params.sessionId ?? "";
    if (form.get("intent") === "cancel") return redirect(await cancelLocalCheckout(getDb(), user, sessionId));
    return redirect(await confirmLocalCheckout(getDb(), user, sessionId));
  });
}

/** The local checkout emulator's stand-in for Stripe Checkout: it says plainly that nothing is paid. */
export default function TestCheckoutPage() {
  const { checkout } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const busy = useNavigation().state !== "idle";
  return (
    <BillingShell title="Test checkout">
      <div role="note" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
        <p className="font-semibold">This is a test checkout: no real payment is taken.</p>
        <p className="mt-1">
          Online payment (Stripe) is not set up on this site, so this page stands in for it. Confirming changes your plan exactly as a real payment would, and nobody is charged.
        </p>
      </div>
      <section aria-labelledby="order-heading" className="card p-6">
        <h2 id="order-heading" className="font-semibold text-slate-900">
          Your order
        </h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-slate-500">Plan</dt>
          <dd className="font-medium text-slate-900">{`MXP ${TIER_LABELS[checkout.tier]}`}</dd>
          <dt className="text-slate-500">Price</dt>
          <dd className="font-medium text-slate-900">{`$${checkout.priceUsdPerMonth} a month (test: $0 charged)`}</dd>
          <dt className="text-slate-500">Renews</dt>
          <dd className="text-slate-900">Monthly, until you cancel</dd>
        </dl>
        <FormAlert message={failure?.formError} />
        {checkout.completed ? (
          <p className="mt-4 text-sm text-slate-700">
            This checkout is complete.{" "}
            <Link to="/billing" className="link">
              See your plan
            </Link>
          </p>
        ) : (
          <Form method="post" className="mt-6 flex flex-wrap gap-3">
            <button type="submit" name="intent" value="confirm" className="btn-primary" disabled={busy}>
              {busy ? "Confirming…" : `Confirm test payment for ${TIER_LABELS[checkout.tier]}`}
            </button>
            <button type="submit" name="intent" value="cancel" className="btn-secondary" disabled={busy}>
              Cancel
            </button>
          </Form>
        )}
      </section>
    </BillingShell>
  );
}
