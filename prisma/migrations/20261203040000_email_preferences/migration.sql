-- Each person's choice per kind of notification e-mail; no row means the kind's default (on).
CREATE TABLE "EmailPreference" (
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "email" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EmailPreference_pkey" PRIMARY KEY ("userId", "kind")
);

ALTER TABLE "EmailPreference" ADD CONSTRAINT "EmailPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every e-mail gets an HTML part beside its text; older rows have none and are sent with one
-- built from their text. When a delivery was last tried, for the admins' list of failing e-mail.
ALTER TABLE "EmailOutbox" ADD COLUMN "html" TEXT;
ALTER TABLE "EmailOutbox" ADD COLUMN "lastAttemptAt" TIMESTAMP(3);
