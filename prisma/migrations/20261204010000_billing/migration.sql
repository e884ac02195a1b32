-- Billing: the state Stripe last reported per user, admin-granted tiers, and a record of each
-- webhook event with what it did (applied, ignored as stale or unknown, or failed with the error).
ALTER TABLE "Subscription" ADD COLUMN "stripePriceId" TEXT;
ALTER TABLE "Subscription" ADD COLUMN "pastDueSince" TIMESTAMP(3);
ALTER TABLE "Subscription" ADD COLUMN "lastEventAt" TIMESTAMP(3);

CREATE TABLE "TierGrant" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tier" "Tier" NOT NULL,
    "reason" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endsAt" TIMESTAMP(3),
    "grantedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedById" TEXT,

    CONSTRAINT "TierGrant_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "TierGrant_userId_createdAt_idx" ON "TierGrant"("userId", "createdAt");
ALTER TABLE "TierGrant" ADD CONSTRAINT "TierGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "TierGrant" ADD CONSTRAINT "TierGrant_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "ProcessedStripeEvent" ADD COLUMN "eventCreatedAt" TIMESTAMP(3);
ALTER TABLE "ProcessedStripeEvent" ADD COLUMN "outcome" TEXT NOT NULL DEFAULT 'applied';
ALTER TABLE "ProcessedStripeEvent" ADD COLUMN "detail" TEXT;
ALTER TABLE "ProcessedStripeEvent" ADD COLUMN "userId" TEXT;
ALTER TABLE "ProcessedStripeEvent" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 1;
CREATE INDEX "ProcessedStripeEvent_processedAt_idx" ON "ProcessedStripeEvent"("processedAt");
