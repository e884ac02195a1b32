import type { Role } from "~/domain/roles";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { timingSafeDummyHash, verifyPassword } from "./password.server";
import { createSession, type SessionMeta } from "./session.server";
import { hitRateLimit, rateLimited, refundRateLimitHit, resetRateLimit } from "./rate-limit.server";
import { accountDelaySeconds, LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS, LOGIN_ATTEMPTS_PER_ADDRESS, LOGIN_WINDOW_MS, throttledAddress } from "~/domain/login-throttle";
import { logInInput } from "./schemas";
import { mayEmailAccount, queueVerificationEmail } from "./email-verification.server";
import { parseOrThrow } from "~/utils/validation";

export const publicUserSelect = { id: true, email: true, name: true, handle: true, role: true, profilerScore: true } as const;

export type PublicUser = { id: string; email: string; name: string; handle: string; role: Role; profilerScore: number | null };

/** The rate-limit keys of log-ins to one account (from one address, where it matters). */
export function loginThrottleKeys(email: string, address = "unknown") {
  const counted = throttledAddress(address);
  return {
    accountAndAddress: `login:account-address:${email}:${counted}`,
    address: `login:address:${counted}`,
    account: `login:account:${email}`,
    accountPace: `login:account-pace:${email}`,
    /** Every address's count for this account starts with it. */
    accountAndAnyAddress: `login:account-address:${email}:`,
  };
}

/**
 * The answer to the right password for an account whose address is not confirmed: no session
 * (ADR 021), and a fresh link unless the account has had its few e-mails this hour.
 */
async function unverified(db: Db, user: { id: string; email: string; name: string }): Promise<AppError> {
  const sent = await mayEmailAccount(db, user.id);
  if (sent) await db.$transaction((tx) => queueVerificationEmail(tx, user, { again: true }));
  return new AppError(
    "EMAIL_NOT_VERIFIED",
    sent
      ? `Confirm your e-mail address first: we have just sent a new link to ${user.email}. Open it to confirm the address and log in.`
      : `Confirm your e-mail address first: open the link we sent to ${user.email}. Several went out in the last hour, so look for them (and in your spam folder) before asking for another.`,
  );
}

/**
 * Checks e-mail and password and opens a fresh session (a new token at every log-in, so a
 * token planted before log-in is worthless). Attempts are throttled as ~/domain/login-throttle
 * says: each is counted, atomically, before its password is checked.
 */
export async function logIn(db: Db, input: unknown, meta: SessionMeta = {}) {
  const data = parseOrThrow(logInInput, input);
  const keys = loginThrottleKeys(data.email, meta.ipAddress ?? undefined);

  const pair = await hitRateLimit(db, keys.accountAndAddress, LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS, LOGIN_WINDOW_MS);
  if (!pair.allowed) throw rateLimited("Too many log-in attempts for this account.", pair.retryAfterSeconds);
  const fromAddress = await hitRateLimit(db, keys.address, LOGIN_ATTEMPTS_PER_ADDRESS, LOGIN_WINDOW_MS);
  if (!fromAddress.allowed) throw rateLimited("Too many log-in attempts from this network.", fromAddress.retryAfterSeconds);
  const account = await hitRateLimit(db, keys.account, Number.POSITIVE_INFINITY, LOGIN_WINDOW_MS);
  const delaySeconds = accountDelaySeconds(account.count);
  if (delaySeconds > 0) {
    const pace = await hitRateLimit(db, keys.accountPace, 1, delaySeconds * 1000);
    if (!pace.allowed) {
      // Waiting for a turn costs the caller none of their own tries.
      await refundRateLimitHit(db, keys.accountAndAddress);
      await refundRateLimitHit(db, keys.address);
      throw rateLimited("This account has had many failed log-in attempts.", pace.retryAfterSeconds);
    }
  }

  const user = await db.user.findUnique({ where: { email: data.email }, select: { ...publicUserSelect, passwordHash: true, emailVerifiedAt: true } });
  const valid = user ? await verifyPassword(user.passwordHash, data.password) : (await verifyPassword(await timingSafeDummyHash(), data.password), false);
  if (!user || !valid) {
    throw new AppError("UNAUTHENTICATED", "That e-mail and password do not match an account.", {
      formErrors: ["That e-mail and password do not match an account."],
    });
  }
  // The owner is in: their account's counters start again; the address keeps its other attempts.
  await resetRateLimit(db, keys.accountAndAddress, keys.account, keys.accountPace);
  await refundRateLimitHit(db, keys.address);
  if (!user.emailVerifiedAt) throw await unverified(db, user);
  const { passwordHash: _hash, emailVerifiedAt: _verified, ...publicUser } = user;
  const session = await createSession(db, user.id, meta);
  return { user: publicUser, ...session };
}
