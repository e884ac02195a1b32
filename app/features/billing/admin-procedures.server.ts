import { adminProcedure, router } from "~/trpc/init.server";
import { billingOverviewFilters, grantTierInput, revokeGrantInput } from "./admin-schemas";
import { billingOverview, grantTier, revokeGrant } from "./admin.server";

/** Admins: subscriptions, webhook events and hand-granted tiers (tRPC only; not part of REST v1). */
export const billingAdminRouter = router({
  overview: adminProcedure.input(billingOverviewFilters.optional()).query(({ ctx, input }) => billingOverview(ctx.db, ctx.user, input ?? {})),
  grant: adminProcedure.input(grantTierInput).mutation(({ ctx, input }) => grantTier(ctx.db, ctx.user, input)),
  revoke: adminProcedure.input(revokeGrantInput).mutation(({ ctx, input }) => revokeGrant(ctx.db, ctx.user, input)),
});
