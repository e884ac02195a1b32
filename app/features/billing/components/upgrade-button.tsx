import { TIER_LABELS } from "~/domain/entitlements";
import { CHECKOUT_PATH, type UpgradeTier } from "../upgrade";

export interface UpgradeButtonProps {
  tier: UpgradeTier;
  /** The page to come back to once the plan is bought: where the student was blocked. */
  returnTo: string;
  /** Defaults to "Upgrade to Premium". */
  label?: string;
  /** "link" reads as a link inside a sentence; "button" is a primary button. */
  look?: "link" | "button";
}

/**
 * An upgrade call to action: a plain form (it works without JavaScript, and the checkout it
 * opens may be Stripe's own page, which only a full navigation can reach) that starts the
 * checkout of `tier` and brings the student back to `returnTo`.
 */
export function UpgradeButton({ tier, returnTo, label, look = "link" }: UpgradeButtonProps) {
  return (
    <form method="post" action={CHECKOUT_PATH} className={look === "link" ? "inline" : undefined}>
      <input type="hidden" name="tier" value={tier} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <button type="submit" className={look === "link" ? "link font-semibold" : "btn-primary"}>
        {label ?? `Upgrade to ${TIER_LABELS[tier]}`}
      </button>
    </form>
  );
}
