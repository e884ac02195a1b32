import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PublicLayout } from "~/components/public-layout";
import { TIER_LABELS } from "~/domain/entitlements";
import { billingReturnTo } from "~/features/billing/checkout.server";
import { PlanCards } from "~/features/billing/components/plan-cards";
import { UpgradeButton } from "~/features/billing/components/upgrade-button";
import { paidPlan } from "~/features/billing/plan-intent.server";
import { planChooser } from "~/features/billing/plan-chooser.server";
import { includesPlan } from "~/features/billing/upgrade";
import { getDb } from "~/utils/db.server";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [
  { title: "Plans and pricing · MXP" },
  { name: "description", content: "Free, Starter ($3 a month) and Premium ($7 a month): what each MXP plan unlocks." },
];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const params = new URL(request.url).searchParams;
    const returnTo = billingReturnTo(params.get("returnTo"));
    const chooser = await planChooser(getDb(), request);
    // A paid plan picked before logging in or signing up: its checkout comes first, if it is still to buy.
    const plan = paidPlan(params.get("plan"));
    const chosen = plan && chooser.student && !chooser.student.subscribed && !includesPlan(chooser.student.tier, plan) ? plan : null;
    return json({ ...chooser, returnTo, chosen });
  });
}

export default function PricingPage() {
  const { returnTo, chosen, ...chooser } = useLoaderData<typeof loader>();
  return (
    <PublicLayout>
      <section className="bg-gradient-to-b from-brand-50 to-white">
        <div className="mx-auto max-w-6xl px-4 py-14 sm:px-6">
          <h1 className="text-3xl font-extrabold tracking-tight text-slate-900 sm:text-4xl">Plans and pricing</h1>
          <p className="mt-4 max-w-2xl text-lg text-slate-600">
            Every plan shows every mission. Paid plans add more mission starts each month, mentor reviews and capstones. Cancel any time; your work always stays yours.
          </p>
          {chosen ? (
            <div className="card mt-8 max-w-2xl border-brand-200 p-5" data-testid="chosen-plan">
              <h2 className="font-semibold text-slate-900">{`Finish choosing ${TIER_LABELS[chosen]}`}</h2>
              <p className="mt-1 text-sm text-slate-600">You picked this plan before you had logged in. Checkout shows the price again before you pay.</p>
              <div className="mt-4">
                <UpgradeButton tier={chosen} returnTo={returnTo} look="button" label={`Continue to ${TIER_LABELS[chosen]} checkout`} />
              </div>
            </div>
          ) : null}
        </div>
      </section>
      <section aria-label="Plans" className="mx-auto max-w-6xl px-4 pb-20 sm:px-6">
        <PlanCards chooser={chooser} returnTo={returnTo} headingLevel="h2" />
        <p className="mt-8 text-sm text-slate-600">
          Prices are per month in US dollars. A cancelled plan stays until the end of the month already paid; missions you started stay open on every plan.
        </p>
      </section>
    </PublicLayout>
  );
}
