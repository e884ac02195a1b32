import { authedProcedure, router } from "~/trpc/init.server";
import { errorResponses } from "~/trpc/rest-meta";
import { startCheckout, openPortal } from "./checkout.server";
import { checkoutRequest, checkoutStartSchema, portalRequest, portalSessionSchema } from "./checkout-schemas.server";

const STUDENTS_ONLY = ["FORBIDDEN", "plans are for student accounts"] as const;
const NOT_SET_UP = ["UNAVAILABLE", "payments are not set up on this site (no Stripe key, and the test checkout is off)"] as const;

/** Students: buying a plan and managing it. The pages' forms call the same services. */
export const billingRouter = router({
  checkout: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/billing/checkout",
        protect: true,
        tags: ["Billing"],
        summary: "Start buying a paid plan",
        description:
          "Answers where to send the student: Stripe Checkout for the plan (the site's test checkout when no Stripe key is configured), coming back to `returnTo` (a path on this site) when done; a student whose subscription is still billed is sent to the portal instead (`kind`: `portal`), so nobody pays twice.",
        successDescription: "Where to send the browser",
        errorResponses: errorResponses(["VALIDATION_FAILED", "`tier` is not STARTER or PREMIUM"], "UNAUTHENTICATED", STUDENTS_ONLY, NOT_SET_UP),
      },
    })
    .input(checkoutRequest)
    .output(checkoutStartSchema)
    .mutation(({ ctx, input }) => startCheckout(ctx.db, ctx.user, input)),

  portal: authedProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/billing/portal",
        protect: true,
        tags: ["Billing"],
        summary: "Open the portal to change plan, cancel or update the card",
        description: "Answers the address of a new Stripe customer portal session, coming back to `returnTo` (a path on this site; the billing page by default).",
        successDescription: "Where to send the browser",
        errorResponses: errorResponses("VALIDATION_FAILED", "UNAUTHENTICATED", STUDENTS_ONLY, ["INVALID_STATE", "the student has never had a paid plan"], NOT_SET_UP),
      },
    })
    .input(portalRequest)
    .output(portalSessionSchema)
    .mutation(({ ctx, input }) => openPortal(ctx.db, ctx.user, input)),
});
