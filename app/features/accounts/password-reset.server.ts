import { queueEmail } from "~/features/notifications/service.server";
import { throttledAddress } from "~/domain/login-throttle";
import type { Db } from "~/utils/db.server";
import { appUrl } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { parseOrThrow } from "~/utils/validation";
import { markEmailVerified } from "./email-verification.server";
import { hashPassword } from "./password.server";
import { assertPasswordNotCommon } from "./password-policy.server";
import { hitRateLimit, rateLimited, resetRateLimit, resetRateLimitsStartingWith } from "./rate-limit.server";
import { loginThrottleKeys } from "./service.server";
import { passwordResetInput, passwordResetRequestInput } from "./schemas";
import { hashToken, newSessionToken, type SessionMeta } from "./session.server";

/** How long an e-mailed reset link works. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
/** Reset requests from one address per hour. */
export const PASSWORD_RESET_REQUESTS_PER_ADDRESS_PER_HOUR = 10;
/** Attempts to use a reset link from one address per hour (each costs a password hash). */
export const PASSWORD_RESET_ATTEMPTS_PER_ADDRESS_PER_HOUR = 20;
/** Reset e-mails one account receives per hour, whoever asks: nobody can flood an inbox. */
export const PASSWORD_RESET_EMAILS_PER_ACCOUNT_PER_HOUR = 3;

const HOUR_MS = 60 * 60 * 1000;

/** What every request is told, whether or not the address has an account. */
export const PASSWORD_RESET_REQUESTED =
  "If an account uses this address, we have sent it a link to choose a new password. The link works once, for one hour. Check your spam folder if nothing arrives.";

export function passwordResetLink(token: string): string {
  return `${appUrl()}/reset-password?token=${encodeURIComponent(token)}`;
}

/**
 * E-mails a single-use reset link to the account with this address. The answer never says whether
 * there is one: an unknown address, or an account that has had its share of e-mails this hour,
 * gets the same answer and no e-mail.
 */
export async function requestPasswordReset(db: Db, rawInput: unknown, meta: SessionMeta = {}, now = new Date()): Promise<{ message: string }> {
  const { email } = parseOrThrow(passwordResetRequestInput, rawInput);
  const fromAddress = await hitRateLimit(db, `password-reset:address:${throttledAddress(meta.ipAddress ?? "unknown")}`, PASSWORD_RESET_REQUESTS_PER_ADDRESS_PER_HOUR, HOUR_MS, now);
  if (!fromAddress.allowed) throw rateLimited("Too many reset requests from this network.", fromAddress.retryAfterSeconds);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true } });
  if (!user) return { message: PASSWORD_RESET_REQUESTED };
  const forAccount = await hitRateLimit(db, `password-reset:account:${user.id}`, PASSWORD_RESET_EMAILS_PER_ACCOUNT_PER_HOUR, HOUR_MS, now);
  if (!forAccount.allowed) return { message: PASSWORD_RESET_REQUESTED };

  const token = newSessionToken();
  await db.$transaction(async (tx) => {
    await tx.passwordReset.create({ data: { id: hashToken(token), userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS) } });
    await queueEmail(tx, {
      userId: user.id,
      to: user.email,
      subject: "Choose a new MXP password",
      text: [
        `Hello ${user.name},`,
        "",
        "Someone asked to reset the password of your MXP account. To choose a new one, open:",
        "",
        passwordResetLink(token),
        "",
        "The link works once, for one hour, and logs you out everywhere else. If you did not ask for it, ignore this e-mail: your password stays as it is.",
        "",
      ].join("\n"),
    });
  });
  return { message: PASSWORD_RESET_REQUESTED };
}

function linkUnusable(): AppError {
  const message = "This reset link has expired or has already been used. Ask for a new one.";
  return new AppError("VALIDATION_FAILED", message, { fieldErrors: { token: [message] } });
}

/**
 * Sets a new password with an e-mailed link. A link is used up by the change it makes (a refused
 * password leaves it usable); every session of the account ends, its log-in throttling starts
 * again and an unconfirmed address counts as confirmed. The link is looked up before the deliberately slow password hash, and attempts are
 * throttled per address.
 */
export async function resetPassword(db: Db, rawInput: unknown, meta: SessionMeta = {}, now = new Date()): Promise<{ userId: string; email: string }> {
  const { token, password } = parseOrThrow(passwordResetInput, rawInput);
  const attempts = await hitRateLimit(
    db,
    `password-reset-use:address:${throttledAddress(meta.ipAddress ?? "unknown")}`,
    PASSWORD_RESET_ATTEMPTS_PER_ADDRESS_PER_HOUR,
    HOUR_MS,
    now,
  );
  if (!attempts.allowed) throw rateLimited("Too many attempts to reset a password from this network.", attempts.retryAfterSeconds);
  const id = hashToken(token);
  const usable = await db.passwordReset.findFirst({ where: { id, usedAt: null, expiresAt: { gt: now } }, select: { id: true } });
  if (!usable) throw linkUnusable();
  assertPasswordNotCommon(password);
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    // Taken atomically: of two uses at once, one finds it already used.
    const taken = await tx.passwordReset.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    const reset = taken.count === 1 ? await tx.passwordReset.findUnique({ where: { id }, select: { userId: true } }) : null;
    if (!reset) throw linkUnusable();
    const changed = await tx.user.update({ where: { id: reset.userId }, data: { passwordHash }, select: { id: true, email: true } });
    await tx.passwordReset.updateMany({ where: { userId: changed.id, usedAt: null }, data: { usedAt: now } });
    // The link reached the address, which proves it as well as a confirmation link would.
    await markEmailVerified(tx, changed.id, now);
    await tx.session.deleteMany({ where: { userId: changed.id } });
    return changed;
  });
  const keys = loginThrottleKeys(user.email);
  await resetRateLimit(db, keys.account, keys.accountPace);
  await resetRateLimitsStartingWith(db, keys.accountAndAnyAddress);
  return { userId: user.id, email: user.email };
}
