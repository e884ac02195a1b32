import { z } from "zod";
import { storableText } from "~/utils/validation";

import { TIERS } from "~/domain/entitlements";
import { GRANTABLE_TIERS, GRANT_STATUSES, WEBHOOK_OUTCOMES } from "./admin-choices";

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as a date field sends it ("2027-01-31"), checked to be a real day. */
const calendarDay = storableText()
  .trim()
  .regex(DAY_PATTERN, "Enter the date as YYYY-MM-DD, or leave it empty")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "That date does not exist");

/** An admin grants a tier by hand (a scholarship, a partner school): to whom, which, why, and until when. */
export const grantTierInput = z.object({
  email: storableText({ message: "Enter the student's e-mail address" })
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "Enter a valid e-mail address" }).max(254, "That e-mail address is too long")),
  tier: z.enum(GRANTABLE_TIERS, { message: "Choose Starter or Premium" }),
  reason: storableText({ message: "Say why this plan is granted" }).trim().min(1, "Say why this plan is granted").max(500, "Keep the reason under 500 characters"),
  /** The last day the grant counts (UTC), through its end; empty or absent: until revoked. */
  endsOn: z.union([z.literal(""), calendarDay]).optional(),
});
export type GrantTierInput = z.input<typeof grantTierInput>;

export const revokeGrantInput = z.object({ grantId: storableText({ message: "Choose the grant to revoke" }).trim().min(1, "Choose the grant to revoke").max(64) });

/** The admin billing page's address: `?events=failed` shows only failed webhook events. */
export const billingOverviewFilters = z.object({
  events: z
    .string()
    .optional()
    .transform((value) => value || undefined)
    .pipe(z.enum(WEBHOOK_OUTCOMES, { message: "Use events=applied, events=ignored or events=failed, or leave it out" }).optional()),
});

// What the admin operations answer (REST v1 and tRPC), dates as ISO 8601 text.
const person = z.object({ id: z.string(), name: z.string(), email: z.string() });
const tier = z.enum(TIERS);

export const billingOverviewSchema = z
  .object({
    plans: z.array(
      z.object({
        user: person,
        tierInForce: tier,
        source: z.enum(["subscription", "grant", "free"]),
        subscription: z
          .object({
            tier,
            /** Stripe's status (active, trialing, past_due, canceled, …). */
            status: z.string(),
            currentPeriodEnd: z.string().nullable(),
            cancelAtPeriodEnd: z.boolean(),
            pastDueSince: z.string().nullable(),
            graceEndsAt: z.string().nullable(),
          })
          .nullable(),
        grant: z.object({ tier, endsAt: z.string().nullable() }).nullable(),
      }),
    ),
    grants: z.array(
      z.object({
        id: z.string(),
        user: person,
        tier,
        reason: z.string(),
        startsAt: z.string(),
        endsAt: z.string().nullable(),
        grantedBy: z.string(),
        grantedAt: z.string(),
        revokedAt: z.string().nullable(),
        revokedBy: z.string().nullable(),
        status: z.enum(GRANT_STATUSES),
      }),
    ),
    events: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        eventCreatedAt: z.string().nullable(),
        processedAt: z.string(),
        /** applied, ignored or failed. */
        outcome: z.string(),
        detail: z.string().nullable(),
        attempts: z.number().int(),
        user: z.object({ name: z.string(), email: z.string() }).nullable(),
        userId: z.string().nullable(),
      }),
    ),
    eventCounts: z.object({ applied: z.number().int(), ignored: z.number().int(), failed: z.number().int() }),
    filters: z.object({ events: z.enum(WEBHOOK_OUTCOMES).nullable() }),
  })
  .meta({ id: "BillingOverview" });

export const grantSchema = z.object({ id: z.string(), user: person, tier, reason: z.string(), startsAt: z.string(), endsAt: z.string().nullable() }).meta({ id: "TierGrant" });

export const revokedGrantSchema = z.object({ id: z.string(), revokedAt: z.string() }).meta({ id: "RevokedTierGrant" });
