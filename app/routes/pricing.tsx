import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PublicLayout } from "~/components/public-layout";
import { ENTITLEMENTS, TIER_LABELS, TIERS } from "~/domain/entitlements";
import { includesPlan } from "~/features/billing/upgrade";
import { getOptionalUser } from "~/features/accounts/auth.server";
import { billingReturnTo } from "~/features/billing/checkout.server";
import { planFeatures } from "~/features/billing/components/plan-features";
import { UpgradeButton } from "~/features/billing/components/upgrade-button";
import { getBillingOverview, isSubscribed } from "~/features/billing/overview.server";
import { getDb } from "~/utils/db.server";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [
  { title: "Plans and pricing · MXP" },
  { name: "description", content: "Free, Starter ($3 a month) and Premium ($7 a month): what each MXP plan unlocks." },
];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const user = await getOptionalUser(request);
    const returnParam = new URL(request.url).searchParams.get("returnTo");
    const returnTo = billingReturnTo(returnParam);
    if (!user || user.role !== "STUDENT") return json({ student: null, signedIn: user !== null, returnTo });
    const overview = await getBillingOverview(getDb(), user);
    return json({ student: { tier: overview.tier, subscribed: isSubscribed(overview) }, signedIn: true, returnTo });
  });
}

export default function PricingPage() {
  const { student, signedIn, returnTo } = useLoaderData<typeof loader>();
  return (
    <PublicLayout>
      <section className="bg-gradient-to-b from-brand-50 to-white">
        <div className="mx-auto max-w-6xl px-4 py-14 sm:px-6">
          <h1 className="text-3xl font-extrabold tracking-tight text-slate-900 sm:text-4xl">Plans and pricing</h1>
          <p className="mt-4 max-w-2xl text-lg text-slate-600">
            Every plan shows every mission. Paid plans add more mission starts each month, mentor reviews and capstones. Cancel any time; your work always stays yours.
          </p>
        </div>
      </section>
      <section aria-label="Plans" className="mx-auto max-w-6xl px-4 pb-20 sm:px-6">
        <ul className="grid gap-6 md:grid-cols-3">
          {TIERS.map((tier) => {
            const current = student?.tier === tier;
            const entitlements = ENTITLEMENTS[tier];
            return (
              <li key={tier} className={`card flex flex-col p-6 ${current ? "ring-2 ring-brand-600" : ""}`} data-testid={`plan-${tier}`} aria-labelledby={`plan-${tier}-name`}>
                <div className="flex items-center justify-between gap-2">
                  <h2 id={`plan-${tier}-name`} className="text-lg font-semibold text-slate-900">
                    {TIER_LABELS[tier]}
                  </h2>
                  {current ? <span className="chip chip-brand">Your plan</span> : null}
                </div>
                <p className="mt-2">
                  <span className="text-3xl font-bold text-slate-900">${entitlements.priceUsdPerMonth}</span>
                  <span className="text-sm text-slate-500"> / month</span>
                </p>
                <ul className="mt-4 flex-1 space-y-2 text-sm">
                  {planFeatures(entitlements).map((feature) => (
                    <li key={feature.text} className={`flex gap-2 ${feature.included ? "text-slate-700" : "text-slate-500"}`}>
                      <span aria-hidden="true" className={feature.included ? "text-brand-700" : ""}>
                        {feature.included ? "✓" : "–"}
                      </span>
                      {feature.included ? feature.text : <span>{`${feature.text}: not included`}</span>}
                    </li>
                  ))}
                </ul>
                <div className="mt-6">
                  <PlanAction tier={tier} student={student} signedIn={signedIn} returnTo={returnTo} />
                </div>
              </li>
            );
          })}
        </ul>
        <p className="mt-8 text-sm text-slate-600">
          Prices are per month in US dollars. A cancelled plan stays until the end of the month already paid; missions you started stay open on every plan.
        </p>
      </section>
    </PublicLayout>
  );
}

function PlanAction({
  tier,
  student,
  signedIn,
  returnTo,
}: {
  tier: (typeof TIERS)[number];
  student: { tier: (typeof TIERS)[number]; subscribed: boolean } | null;
  signedIn: boolean;
  returnTo: string;
}) {
  if (!signedIn) {
    return tier === "FREE" ? (
      <Link to="/signup" className="btn-secondary w-full">
        Start free
      </Link>
    ) : (
      <Link to={`/login?${new URLSearchParams({ redirectTo: "/pricing" }).toString()}`} className="btn-primary w-full">
        {`Log in to choose ${TIER_LABELS[tier]}`}
      </Link>
    );
  }
  if (!student) return <p className="text-sm text-slate-600">Plans are for student accounts.</p>;
  if (student.tier === tier) return <p className="text-sm font-medium text-slate-700">You are on this plan.</p>;
  if (tier === "FREE") {
    return student.subscribed ? (
      <Link to="/billing" className="btn-secondary w-full">
        Cancel on your billing page
      </Link>
    ) : null;
  }
  if (student.subscribed) {
    // Checkout sends a subscriber to the portal: the plan is changed there, never bought twice.
    return <UpgradeButton tier={tier} returnTo={returnTo} look="button" label={`Change to ${TIER_LABELS[tier]}`} />;
  }
  return includesPlan(student.tier, tier) ? (
    <p className="text-sm text-slate-600">{`Your plan includes everything in ${TIER_LABELS[tier]}.`}</p>
  ) : (
    <UpgradeButton tier={tier} returnTo={returnTo} look="button" label={`Upgrade to ${TIER_LABELS[tier]}`} />
  );
}
