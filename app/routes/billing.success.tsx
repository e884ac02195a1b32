import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ENTITLEMENTS, TIER_LABELS } from "~/domain/entitlements";
import { includesPlan } from "~/features/billing/upgrade";
import { requireUser } from "~/features/accounts/auth.server";
import { billingReturnTo } from "~/features/billing/checkout.server";
import { BillingShell } from "~/features/billing/components/billing-shell";
import { planFeatures } from "~/features/billing/components/plan-features";
import { getBillingOverview } from "~/features/billing/overview.server";
import { PAID_TIERS } from "~/features/billing/prices.server";
import { getDb } from "~/utils/db.server";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Thank you · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const user = await requireUser(request);
    const url = new URL(request.url);
    const params = url.searchParams;
    const bought = PAID_TIERS.find((tier) => tier === params.get("tier")) ?? null;
    const overview = await getBillingOverview(getDb(), user);
    return json({ bought, tier: overview.tier, returnTo: billingReturnTo(params.get("returnTo")), kind: overview.kind, here: `${url.pathname}${url.search}` });
  });
}

export default function CheckoutSuccessPage() {
  const { bought, tier, returnTo, kind, here } = useLoaderData<typeof loader>();
  // Stripe sends the student here before its webhook may have arrived: say so rather than show the old plan as the new one.
  const active = bought ? includesPlan(tier, bought) : tier !== "FREE";
  if (!active) {
    return (
      <BillingShell title="Thank you: your payment is being confirmed">
        <p className="text-slate-700" role="status">
          {kind === "stripe"
            ? "Stripe is confirming your payment with us. This usually takes a few seconds; then your new plan is active."
            : "Your test checkout is being confirmed. This takes a moment."}
        </p>
        <div className="flex flex-wrap gap-3">
          <Link to={here} reloadDocument className="btn-primary">
            Check again
          </Link>
          <Link to={returnTo} className="btn-secondary">
            Back to where you were
          </Link>
        </div>
      </BillingShell>
    );
  }
  const unlocked = planFeatures(ENTITLEMENTS[tier]).filter((feature) => feature.included);
  return (
    <BillingShell title={`You are on the ${TIER_LABELS[tier]} plan`}>
      <section aria-labelledby="unlocked-heading" className="card p-6" data-testid="checkout-success">
        <h2 id="unlocked-heading" className="font-semibold text-slate-900">
          Unlocked now
        </h2>
        <ul className="mt-3 space-y-2 text-sm text-slate-700">
          {unlocked.map((feature) => (
            <li key={feature.text} className="flex gap-2">
              <span aria-hidden="true" className="text-brand-700">
                ✓
              </span>
              {feature.text}
            </li>
          ))}
        </ul>
      </section>
      <div className="flex flex-wrap gap-3">
        <Link to={returnTo} className="btn-primary">
          Continue where you were
        </Link>
        <Link to="/billing" className="btn-secondary">
          Your billing page
        </Link>
      </div>
    </BillingShell>
  );
}
