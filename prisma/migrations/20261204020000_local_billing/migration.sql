-- The local checkout emulator's own records (used when no STRIPE_SECRET_KEY is set): the
-- checkouts it opened and the subscriptions it keeps, as Stripe keeps them on its side. The app's
-- view of a subscription ("Subscription") still changes only through the webhook route.
CREATE TABLE "LocalCheckoutSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "priceId" TEXT NOT NULL,
    "successUrl" TEXT NOT NULL,
    "cancelUrl" TEXT NOT NULL,
    "subscriptionId" TEXT,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LocalCheckoutSession_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "LocalCheckoutSession_userId_idx" ON "LocalCheckoutSession"("userId");
ALTER TABLE "LocalCheckoutSession" ADD CONSTRAINT "LocalCheckoutSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "LocalSubscription" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "priceId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "currentPeriodStart" TIMESTAMP(3) NOT NULL,
    "currentPeriodEnd" TIMESTAMP(3) NOT NULL,
    "cancelAtPeriodEnd" BOOLEAN NOT NULL DEFAULT false,
    "endedAt" TIMESTAMP(3),
    "lastEventAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LocalSubscription_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "LocalSubscription_userId_createdAt_idx" ON "LocalSubscription"("userId", "createdAt");
ALTER TABLE "LocalSubscription" ADD CONSTRAINT "LocalSubscription_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
