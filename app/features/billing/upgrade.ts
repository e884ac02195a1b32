import { TIERS, tierOpensMission, tierRank, type Tier } from "~/domain/entitlements";

/** Where the upgrade calls to action post: the checkout of one paid tier. */
export const CHECKOUT_PATH = "/billing/checkout";

export type UpgradeTier = Exclude<Tier, "FREE">;

/** The plan one step above `tier` (more starts), or undefined at the top. */
export function tierAbove(tier: Tier): UpgradeTier | undefined {
  return TIERS[tierRank(tier) + 1] as UpgradeTier | undefined;
}

/** The pricing page, remembering where the student was. */
export function pricingPath(returnTo?: string): string {
  return returnTo ? `/pricing?${new URLSearchParams({ returnTo }).toString()}` : "/pricing";
}

/** Whether `tier` already gives everything `plan` sells (the entitlement module's rule for what a tier opens). */
export function includesPlan(tier: Tier, plan: Tier): boolean {
  return tierOpensMission(tier, { tierRequired: plan, isCapstone: false });
}

/** The plans page opening on one paid plan's checkout: where a plan chosen while signed out continues after log-in or sign-up. */
export function choosePlanPath(tier: UpgradeTier): string {
  return `/pricing?${new URLSearchParams({ plan: tier }).toString()}`;
}
