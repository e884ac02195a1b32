import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TIER_LABELS } from "~/domain/entitlements";
import { requireUser } from "~/features/accounts/auth.server";
import { billingReturnTo } from "~/features/billing/checkout.server";
import { BillingShell } from "~/features/billing/components/billing-shell";
import { UpgradeButton } from "~/features/billing/components/upgrade-button";
import { PAID_TIERS } from "~/features/billing/prices.server";
import { pricingPath } from "~/features/billing/upgrade";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Checkout cancelled · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    await requireUser(request);
    const params = new URL(request.url).searchParams;
    return json({ tier: PAID_TIERS.find((tier) => tier === params.get("tier")) ?? null, returnTo: billingReturnTo(params.get("returnTo")) });
  });
}

export default function CheckoutCancelledPage() {
  const { tier, returnTo } = useLoaderData<typeof loader>();
  return (
    <BillingShell title="Checkout cancelled">
      <p className="text-slate-700">Nothing was charged and your plan is as it was.</p>
      <div className="flex flex-wrap items-center gap-3">
        <Link to={returnTo} className="btn-secondary">
          Back to where you were
        </Link>
        {tier ? <UpgradeButton tier={tier} returnTo={returnTo} look="button" label={`Try ${TIER_LABELS[tier]} again`} /> : null}
        <Link to={pricingPath(returnTo)} className="link">
          Compare the plans
        </Link>
      </div>
    </BillingShell>
  );
}
