import { Link } from "@remix-run/react";
import { ENTITLEMENTS, TIER_LABELS, TIERS, type Tier } from "~/domain/entitlements";
import { choosePlanPath, includesPlan } from "../upgrade";
import { planFeatures } from "./plan-features";
import { UpgradeButton } from "./upgrade-button";

export interface PlanChooser {
  signedIn: boolean;
  /** A signed-in student's plan; null for visitors, mentors and admins. */
  student: { tier: Tier; subscribed: boolean } | null;
}

/**
 * The three plans side by side, each with the one thing its chooser can do next: sign up (Free),
 * sign up and then pay (a paid plan, signed out), pay at checkout or change plan (signed in).
 * `returnTo` is where a checkout brings the student back.
 */
export function PlanCards({ chooser, returnTo, headingLevel }: { chooser: PlanChooser; returnTo: string; headingLevel: "h2" | "h3" }) {
  const Heading = headingLevel;
  return (
    <ul className="grid gap-6 md:grid-cols-3">
      {TIERS.map((tier) => {
        const current = chooser.student?.tier === tier;
        const entitlements = ENTITLEMENTS[tier];
        return (
          <li key={tier} className={`card flex flex-col p-6 ${current ? "ring-2 ring-brand-600" : ""}`} data-testid={`plan-${tier}`} aria-labelledby={`plan-${tier}-name`}>
            <div className="flex items-center justify-between gap-2">
              <Heading id={`plan-${tier}-name`} className="text-lg font-semibold text-slate-900">
                {TIER_LABELS[tier]}
              </Heading>
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
              <PlanAction tier={tier} chooser={chooser} returnTo={returnTo} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function PlanAction({ tier, chooser, returnTo }: { tier: Tier; chooser: PlanChooser; returnTo: string }) {
  const { student } = chooser;
  if (!chooser.signedIn) {
    if (tier === "FREE") {
      return (
        <Link to="/signup" className="btn-secondary w-full">
          Sign up for Free
        </Link>
      );
    }
    return (
      <>
        <Link to={`/signup?${new URLSearchParams({ plan: tier }).toString()}`} className="btn-primary w-full">
          {`Sign up for ${TIER_LABELS[tier]}`}
        </Link>
        <p className="mt-2 text-center text-xs text-slate-600">Create your account, then pay at checkout.</p>
        <p className="mt-1 text-center text-sm">
          <Link to={`/login?${new URLSearchParams({ redirectTo: choosePlanPath(tier) }).toString()}`} className="link inline-block py-1">
            {`Log in to choose ${TIER_LABELS[tier]}`}
          </Link>
        </p>
      </>
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
