import type { Tier } from "~/domain/entitlements";
import { getEnv, type Env } from "~/utils/env.server";

/** The tiers that are sold; FREE has no price. */
export type PaidTier = Exclude<Tier, "FREE">;
export const PAID_TIERS = ["STARTER", "PREMIUM"] as const satisfies readonly PaidTier[];

/** The Stripe price each paid tier is sold at (STRIPE_PRICE_*, with documented development defaults). */
export function priceIdFor(tier: PaidTier, env: Env = getEnv()): string {
  return tier === "STARTER" ? env.STRIPE_PRICE_STARTER : env.STRIPE_PRICE_PREMIUM;
}

/** The tier a Stripe price grants; undefined for a price that is not one of ours. */
export function tierForPrice(priceId: string | null | undefined, env: Env = getEnv()): PaidTier | undefined {
  if (!priceId) return undefined;
  return PAID_TIERS.find((tier) => priceIdFor(tier, env) === priceId);
}
