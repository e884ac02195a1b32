import { enqueueJob } from "#jobs/enqueue.server";
import { queueEmail } from "~/features/notifications/service.server";
import type { Db, Prisma } from "~/utils/db.server";
import { appUrl } from "~/utils/env.server";
import { hitRateLimit } from "./rate-limit.server";
import { hashToken, newSessionToken } from "./session.server";

/** How long a sign-up's confirmation link works. */
export const EMAIL_VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;
/** Sign-up e-mails (confirmation links, "someone tried to sign up") one address receives per hour, whoever asks. */
export const ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR = 3;

/** An unconfirmed sign-up with no confirmation link asked for in this long is removed (its address is free again). */
export const ABANDONED_SIGN_UP_DAYS = 30;

type Tx = Prisma.TransactionClient;

const HOUR_MS = 60 * 60 * 1000;

export function emailVerificationLink(token: string): string {
  return `${appUrl()}/verify-email?token=${encodeURIComponent(token)}`;
}

/**
 * Whether one more sign-up e-mail may go to this account this hour: past the limit the caller
 * answers as usual and sends nothing, so nobody can flood an inbox by signing up with it.
 */
export async function mayEmailAccount(db: Db, userId: string, now = new Date()): Promise<boolean> {
  return (await hitRateLimit(db, `signup-email:account:${userId}`, ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR, HOUR_MS, now)).allowed;
}

/** Stores a new confirmation link for an unconfirmed account and queues the e-mail that carries it. */
export async function queueVerificationEmail(tx: Tx, user: { id: string; email: string; name: string }, options: { now?: Date; again?: boolean } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const token = newSessionToken();
  await tx.emailVerification.create({ data: { id: hashToken(token), userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + EMAIL_VERIFICATION_TTL_MS) } });
  await queueEmail(tx, {
    userId: user.id,
    to: user.email,
    subject: "Confirm your e-mail address for MXP",
    text: [
      `Hello ${user.name},`,
      "",
      options.again
        ? "Someone (probably you) asked for a new link to confirm this address for your MXP account. To confirm it and log in, open:"
        : "Thanks for signing up to MXP. To confirm this address and log in, open:",
      "",
      emailVerificationLink(token),
      "",
      "The link works once, for 24 hours. If you did not sign up to MXP, ignore this e-mail: without the link nobody can use the account.",
      "",
      `Forgotten the password you chose? Reset it (which confirms the address too): ${appUrl()}/forgot-password`,
      "",
    ].join("\n"),
  });
}

/** Tells the owner of an address that someone tried to sign up with it, and how to get back in. */
export async function queueSignUpAttemptEmail(tx: Tx, user: { id: string; email: string; name: string }): Promise<void> {
  await queueEmail(tx, {
    userId: user.id,
    to: user.email,
    subject: "Someone tried to sign up to MXP with your address",
    text: [
      `Hello ${user.name},`,
      "",
      "Someone (maybe you) just tried to create an MXP account with this e-mail address. It already has an account, so nothing was created and nothing about your account changed.",
      "",
      `To log in: ${appUrl()}/login`,
      `Forgotten your password? Choose a new one: ${appUrl()}/forgot-password`,
      "",
      "If it was not you, you need not do anything.",
      "",
    ].join("\n"),
  });
}

/**
 * Marks the account's address as confirmed (once) and uses up its other confirmation links. The
 * welcome is queued here rather than at sign-up: an address nobody confirmed is not welcomed.
 */
export async function markEmailVerified(tx: Tx, userId: string, now = new Date()): Promise<void> {
  const changed = await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } });
  await tx.emailVerification.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  if (changed.count === 1) await enqueueJob(tx, "send-welcome", { userId }, { jobKey: `welcome:${userId}` });
}

/**
 * Removes sign-ups nobody confirmed: older than ABANDONED_SIGN_UP_DAYS with no link asked for
 * since. Such an account never could log in, so it holds no work; removing it frees an address
 * someone else may have signed up with, and drops the stranger's password that came with it.
 */
export async function removeAbandonedSignUps(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - ABANDONED_SIGN_UP_DAYS * 24 * HOUR_MS);
  const removed = await db.user.deleteMany({
    where: { emailVerifiedAt: null, createdAt: { lt: cutoff }, emailVerifications: { none: { createdAt: { gte: cutoff } } } },
  });
  return removed.count;
}
