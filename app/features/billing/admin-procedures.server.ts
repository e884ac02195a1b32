import { adminProcedure, router } from "~/trpc/init.server";
import { ADMIN_ONLY, errorResponses } from "~/trpc/rest-meta";
import { billingOverviewFilters, billingOverviewSchema, grantSchema, grantTierInput, revokedGrantSchema, revokeGrantInput } from "./admin-schemas";
import { billingOverview, grantTier, revokeGrant } from "./admin.server";

/** Admins: subscriptions, webhook events and hand-granted tiers. */
export const billingAdminRouter = router({
  overview: adminProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/admin/billing",
        protect: true,
        tags: ["Admin"],
        summary: "Subscriptions, hand-granted tiers and webhook events",
        description:
          "Every student with a subscription or a grant and the tier in force for them (the higher of the two), the grants (in force, upcoming, and those ended or revoked lately) with who gave and revoked them, and the latest processed Stripe webhook events, failures first; `events` shows only one outcome.",
        successDescription: "The overview",
        errorResponses: errorResponses(["VALIDATION_FAILED", "`events` is not applied, ignored or failed"], "UNAUTHENTICATED", ADMIN_ONLY),
      },
    })
    .input(billingOverviewFilters.optional())
    .output(billingOverviewSchema)
    .query(({ ctx, input }) => billingOverview(ctx.db, ctx.user, input ?? {})),

  grant: adminProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/admin/billing/grants",
        protect: true,
        tags: ["Admin"],
        summary: "Grant a student a tier by hand",
        description:
          "A scholarship or a partner school: the tier counts from now through the end of `endsOn` (UTC), or until revoked, with the reason and who gave it; the student gets the higher of it and their subscription. Written to the audit log.",
        successDescription: "The grant",
        errorResponses: errorResponses(
          ["VALIDATION_FAILED", "a field is missing or invalid, `endsOn` is not after today, or no student account has the e-mail address"],
          "UNAUTHENTICATED",
          ADMIN_ONLY,
        ),
      },
      rest: { successStatus: 201 },
    })
    .input(grantTierInput)
    .output(grantSchema)
    .mutation(({ ctx, input }) => grantTier(ctx.db, ctx.user, input)),

  revoke: adminProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/admin/billing/grants/{grantId}/revoke",
        protect: true,
        tags: ["Admin"],
        summary: "End a hand-granted tier now",
        description: "The student falls back to their subscription's tier. Written to the audit log.",
        successDescription: "The grant, revoked",
        errorResponses: errorResponses("UNAUTHENTICATED", ADMIN_ONLY, ["NOT_FOUND", "no grant has this id"], ["INVALID_STATE", "the grant is already revoked"]),
      },
    })
    .input(revokeGrantInput)
    .output(revokedGrantSchema)
    .mutation(({ ctx, input }) => revokeGrant(ctx.db, ctx.user, input)),
});
