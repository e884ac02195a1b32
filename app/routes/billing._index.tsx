import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { TIER_LABELS, type Tier } from "~/domain/entitlements";
import { requireUser } from "~/features/accounts/auth.server";
import { BillingShell } from "~/features/billing/components/billing-shell";
import { UpgradeButton } from "~/features/billing/components/upgrade-button";
import { runEmulatorAction, type EmulatorOutcome } from "~/features/billing/emulator.server";
import { getBillingOverview, isSubscribed } from "~/features/billing/overview.server";
import { tierAbove } from "~/features/billing/upgrade";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Your plan and billing · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const user = await requireUser(request);
    if (user.role !== "STUDENT") return json({ student: false as const });
    const overview = await getBillingOverview(getDb(), user);
    return json({ student: true as const, overview, subscribed: isSubscribed(overview) });
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, form }) => {
    const user = await requireUser(request);
    return json({ outcome: await runEmulatorAction(getDb(), user, { action: form.get("intent"), tier: form.get("tier") }) });
  });
}

type Overview = Extract<SerializeFrom<typeof loader>, { student: true }>["overview"];
type Subscription = NonNullable<Overview["subscription"]>;

function SubscriptionState({ subscription, tier }: { subscription: Subscription; tier: Tier }) {
  const label = TIER_LABELS[subscription.tier];
  const periodEnd = subscription.currentPeriodEnd ? formatDate(subscription.currentPeriodEnd) : null;
  if (subscription.status === "past_due") {
    return (
      <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="payment-problem">
        <p className="font-semibold">Your last payment failed.</p>
        <p className="mt-1">
          {`The card is tried again over the next days. Update your card to keep ${label}`}
          {subscription.graceEndsAt ? `; you keep it until ${formatDate(subscription.graceEndsAt)} either way.` : "."}
        </p>
      </div>
    );
  }
  if (subscription.status === "active" || subscription.status === "trialing") {
    return subscription.cancelAtPeriodEnd ? (
      <p className="text-slate-700" data-testid="subscription-state">
        {`Cancelled: you keep ${label} until ${periodEnd ?? "the end of the period"}, then you are on Free. Everything you made stays.`}
      </p>
    ) : (
      <p className="text-slate-700" data-testid="subscription-state">
        {periodEnd ? `${label} renews on ${periodEnd}.` : `${label} renews monthly.`}
      </p>
    );
  }
  return (
    <p className="text-slate-700" data-testid="subscription-state">
      {subscription.periodEnded || tier === "FREE"
        ? `Your ${label} subscription has ended${periodEnd ? ` (${periodEnd})` : ""}. Everything you made stays; choose a plan any time.`
        : `Your ${label} subscription has stopped; you keep ${label} until ${periodEnd}.`}
    </p>
  );
}

function TestControls({ overview }: { overview: Overview }) {
  const busy = useNavigation().state !== "idle";
  const emulated = overview.emulated;
  if (!emulated) return null;
  const other = emulated.tier === "PREMIUM" ? "STARTER" : "PREMIUM";
  const button = (action: string, text: string, extra?: { name: string; value: string }) => (
    <Form method="post" key={`${action}-${extra?.value ?? ""}`}>
      <input type="hidden" name="intent" value={action} />
      {extra ? <input type="hidden" name={extra.name} value={extra.value} /> : null}
      <button type="submit" className="btn-secondary w-full sm:w-auto" disabled={busy}>
        {text}
      </button>
    </Form>
  );
  return (
    <section aria-labelledby="test-controls-heading" className="card p-6" data-testid="test-controls">
      <h2 id="test-controls-heading" className="font-semibold text-slate-900">
        Manage your test subscription
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Online payment (Stripe) is not set up on this site, so these controls stand in for Stripe&apos;s customer portal and its calendar. No real payment is taken.
      </p>
      <div className="mt-4 flex flex-col gap-3 sm:flex-row sm:flex-wrap">
        {button("change-plan", `Change to ${TIER_LABELS[other]}`, { name: "tier", value: other })}
        {emulated.cancelAtPeriodEnd ? button("resume", "Keep my plan (undo the cancellation)") : button("cancel", "Cancel at the end of the period")}
        {emulated.status === "past_due" ? button("recover-payment", "Simulate a recovered payment") : button("fail-payment", "Simulate a failed payment")}
        {button("end-period", "End the current period now")}
      </div>
    </section>
  );
}

export default function BillingPage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<FormFailure & { outcome?: EmulatorOutcome }>();
  if (!data.student) {
    return (
      <BillingShell title="Your plan and billing">
        <p className="text-slate-700">Plans are for student accounts; yours already has everything it needs.</p>
      </BillingShell>
    );
  }
  const { overview, subscribed } = data;
  const next = tierAbove(overview.tier);
  return (
    <BillingShell title="Your plan and billing">
      {result?.outcome ? (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
          {result.outcome.message}
        </p>
      ) : null}
      <FormAlert message={result?.formError ?? Object.values(result?.fieldErrors ?? {})[0]?.[0]} />
      <section aria-labelledby="plan-heading" className="card space-y-3 p-6">
        <h2 id="plan-heading" className="text-lg font-semibold text-slate-900" data-testid="current-plan">
          {`${TIER_LABELS[overview.tier]} plan`}
        </h2>
        {overview.subscription ? (
          <SubscriptionState subscription={overview.subscription} tier={overview.tier} />
        ) : overview.tier === "FREE" ? (
          <p className="text-slate-700">You are on the Free plan: one mission start a month and AI reviews. Upgrade for more starts, mentor reviews and capstones.</p>
        ) : (
          <p className="text-slate-700">Your plan was given to you by MXP; there is nothing to pay.</p>
        )}
        <div className="flex flex-wrap items-center gap-3 pt-2">
          {!subscribed && next ? <UpgradeButton tier={next} returnTo="/billing" look="button" /> : null}
          {!subscribed && next === "STARTER" ? <UpgradeButton tier="PREMIUM" returnTo="/billing" /> : null}
          {overview.kind === "stripe" && overview.hasCustomer ? (
            <form method="post" action="/billing/portal">
              <button type="submit" className={subscribed ? "btn-primary" : "btn-secondary"}>
                {subscribed ? "Change plan, cancel or update your card" : "Invoices and payment details"}
              </button>
            </form>
          ) : null}
          <Link to="/pricing" className="link">
            Compare the plans
          </Link>
        </div>
      </section>
      {overview.kind === "local" ? <TestControls overview={overview} /> : null}
      {overview.kind === "none" ? (
        <p className="text-sm text-slate-600" role="note">
          Plans cannot be bought on this site yet: payments are not set up. Your plan and your work stay as they are.
        </p>
      ) : null}
    </BillingShell>
  );
}
