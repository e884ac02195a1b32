import { z } from "zod";
import { storableText } from "~/utils/validation";
import { PAID_TIERS } from "./prices.server";

/** A path on this site to come back to afterwards (anything else is not followed: the checkout falls back to the missions page, the portal to the billing page). */
const returnTo = storableText().max(1000, "That return address is too long").optional();

/** A student starts buying a paid plan. */
export const checkoutRequest = z.object({
  tier: z.enum(PAID_TIERS, { message: "Choose the Starter or the Premium plan." }),
  returnTo,
});

/** A paying student opens the provider's portal (change plan, cancel, cards). */
export const portalRequest = z.object({ returnTo });

export const checkoutStartSchema = z
  .object({
    url: z.string().describe("Where to send the browser: Stripe's address, or a path on this site for the test checkout."),
    kind: z.enum(["checkout", "portal"]).describe("`portal` for a student whose subscription is still billed: they change plan there."),
  })
  .meta({ id: "CheckoutStart" });

export const portalSessionSchema = z
  .object({ url: z.string().describe("Where to send the browser: Stripe's address, or a path on this site for the test checkout's portal.") })
  .meta({ id: "PortalSession" });
