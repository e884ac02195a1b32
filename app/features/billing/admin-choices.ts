// The choices the billing admin page offers. They live apart from the zod schemas built on them so
// that the page's browser code does not download zod.

/** The tiers an admin can grant: FREE is what every account has without one. */
export const GRANTABLE_TIERS = ["STARTER", "PREMIUM"] as const;

export const WEBHOOK_OUTCOMES = ["applied", "ignored", "failed"] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

/** Where a hand-granted tier stands: counting now, from a later day, past its last day, or ended by an admin. */
export const GRANT_STATUSES = ["in force", "upcoming", "ended", "revoked"] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];
