import { z } from "zod";
import { defineQuery, sqlInteger, sqlTimestamp } from "~/utils/sql.server";

/**
 * In a transaction: claims a Stripe event id. A new id gets a row (written over when the event's
 * outcome is known); a delivery of the same id running at the same time waits here until the
 * first one commits or rolls back. Returns the row as it stands, locked until the transaction ends.
 */
export const claimStripeEvent = defineQuery({
  name: "mxp.claim-stripe-event",
  text: `WITH claimed AS (
      INSERT INTO "ProcessedStripeEvent" ("id", "type", "eventCreatedAt", "processedAt", "outcome", "attempts")
      VALUES ($1, $2, $3::timestamp, now(), 'applied', 0)
      ON CONFLICT ("id") DO NOTHING
      RETURNING "id")
    SELECT (SELECT count(*) FROM claimed) AS "claimed"`,
  values: (event: { id: string; type: string; createdAt: Date }) => [event.id, event.type, event.createdAt],
  row: z.object({ claimed: sqlInteger }),
});

/** In a transaction: the event's row, locked (the claim above found it there already). */
export const stripeEventForUpdate = defineQuery({
  name: "mxp.stripe-event-for-update",
  text: `SELECT "outcome", "attempts" FROM "ProcessedStripeEvent" WHERE "id" = $1 FOR UPDATE`,
  values: (eventId: string) => [eventId],
  row: z.object({ outcome: z.string(), attempts: sqlInteger }),
});

/**
 * Records an event's outcome outside the transaction that tried it (a failure, or an event
 * ignored after its transaction rolled back). Over an earlier failure it counts one more
 * attempt; an outcome already applied or ignored by another delivery stays as it is.
 */
export const recordStripeEventOutcome = defineQuery({
  name: "mxp.record-stripe-event-outcome",
  text: `INSERT INTO "ProcessedStripeEvent" ("id", "type", "eventCreatedAt", "processedAt", "outcome", "detail", "userId", "attempts")
    VALUES ($1, $2, $3::timestamp, now(), $4, $5, $6, 1)
    ON CONFLICT ("id") DO UPDATE SET "processedAt" = now(), "outcome" = EXCLUDED."outcome", "detail" = EXCLUDED."detail",
      "userId" = coalesce(EXCLUDED."userId", "ProcessedStripeEvent"."userId"), "attempts" = "ProcessedStripeEvent"."attempts" + 1
    WHERE "ProcessedStripeEvent"."outcome" = 'failed'
    RETURNING "outcome"`,
  values: (event: { id: string; type: string; createdAt: Date; outcome: "ignored" | "failed"; detail: string; userId: string | null }) => [
    event.id,
    event.type,
    event.createdAt,
    event.outcome,
    event.detail,
    event.userId,
  ],
  row: z.object({ outcome: z.string() }),
});

/**
 * In a transaction: the user's Subscription row, created (tier FREE, status "none") if missing,
 * and locked until the transaction ends, so the events of one user apply one after another.
 */
export const lockSubscriptionForUpdate = defineQuery({
  name: "mxp.lock-subscription",
  text: `WITH created AS (
      INSERT INTO "Subscription" ("id", "userId", "tier", "status", "updatedAt")
      VALUES ($1, $2, 'FREE', 'none', now())
      ON CONFLICT ("userId") DO NOTHING
      RETURNING "id")
    SELECT (SELECT count(*) FROM created) AS "created"`,
  values: (id: string, userId: string) => [id, userId],
  row: z.object({ created: sqlInteger }),
});

export const subscriptionForUpdate = defineQuery({
  name: "mxp.subscription-for-update",
  text: `SELECT "id", "tier"::text AS "tier", "status", "stripeCustomerId", "stripeSubscriptionId", "stripePriceId", "pastDueSince", "lastEventAt"
    FROM "Subscription" WHERE "userId" = $1 FOR UPDATE`,
  values: (userId: string) => [userId],
  row: z.object({
    id: z.string(),
    tier: z.enum(["FREE", "STARTER", "PREMIUM"]),
    status: z.string(),
    stripeCustomerId: z.string().nullable(),
    stripeSubscriptionId: z.string().nullable(),
    stripePriceId: z.string().nullable(),
    pastDueSince: sqlTimestamp.nullable(),
    lastEventAt: sqlTimestamp.nullable(),
  }),
});

/** In a transaction: the emulator's checkout session, locked until it ends (a double "Pay" confirms once). */
export const lockLocalCheckoutSession = defineQuery({
  name: "mxp.lock-local-checkout-session",
  text: `SELECT (SELECT 1 FROM "LocalCheckoutSession" WHERE "id" = $1 FOR UPDATE) AS "locked"`,
  values: (sessionId: string) => [sessionId],
  row: z.object({ locked: sqlInteger.nullable() }),
});

/** In a transaction: the id of the student's live (not cancelled) emulator subscription, the newest, locked until it ends. */
export const liveLocalSubscriptionForUpdate = defineQuery({
  name: "mxp.live-local-subscription-for-update",
  text: `SELECT (SELECT "id" FROM "LocalSubscription" WHERE "userId" = $1 AND "status" <> 'canceled' ORDER BY "createdAt" DESC LIMIT 1 FOR UPDATE) AS "id"`,
  values: (userId: string) => [userId],
  row: z.object({ id: z.string().nullable() }),
});
