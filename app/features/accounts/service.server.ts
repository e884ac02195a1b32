import type { Role } from "~/domain/roles";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { timingSafeDummyHash, verifyPassword } from "./password.server";
import { createSession, hashToken, type SessionMeta } from "./session.server";
import { hitRateLimit, rateLimited, refundRateLimitHit, resetRateLimit } from "./rate-limit.server";
import { accountDelaySeconds, LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS, LOGIN_ATTEMPTS_PER_ADDRESS, LOGIN_WINDOW_MS, throttledAddress } from "~/domain/login-throttle";
import { logInInput, twoFactorCodeInput, type LogInData } from "./schemas";
import { checkSecondFactor, LOGIN_CHALLENGE_ATTEMPTS, startLoginChallenge } from "./two-factor.server";
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
 * Counts one log-in attempt on an account, atomically, before anything is checked, as
 * ~/domain/login-throttle says; throws the 429 when it is over a limit.
 */
async function countLoginAttempt(db: Db, keys: ReturnType<typeof loginThrottleKeys>): Promise<void> {
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
}

/**
 * The account behind a right e-mail and password, with the attempt counted first. An account
 * whose address is not confirmed stops here. Its counters are left as they are: the log-in is
 * not over while a second step may still fail.
 */
async function checkPassword(db: Db, data: LogInData, meta: SessionMeta) {
  const keys = loginThrottleKeys(data.email, meta.ipAddress ?? undefined);
  await countLoginAttempt(db, keys);
  const user = await db.user.findUnique({
    where: { email: data.email },
    select: { ...publicUserSelect, passwordHash: true, emailVerifiedAt: true, totpEnabledAt: true },
  });
  const valid = user ? await verifyPassword(user.passwordHash, data.password) : (await verifyPassword(await timingSafeDummyHash(), data.password), false);
  if (!user || !valid) {
    throw new AppError("UNAUTHENTICATED", "That e-mail and password do not match an account.", {
      formErrors: ["That e-mail and password do not match an account."],
    });
  }
  if (!user.emailVerifiedAt) {
    await resetRateLimit(db, keys.accountAndAddress, keys.account, keys.accountPace);
    await refundRateLimitHit(db, keys.address);
    throw await unverified(db, user);
  }
  const { passwordHash: _hash, emailVerifiedAt: _verified, totpEnabledAt, ...publicUser } = user;
  return { user: publicUser, keys, twoFactor: Boolean(totpEnabledAt) };
}

/** Opens a fresh session (a new token at every log-in, so one planted before is worthless). */
async function openSession(db: Db, user: PublicUser, keys: ReturnType<typeof loginThrottleKeys>, meta: SessionMeta) {
  // The owner is in: their account's counters start again; the address keeps its other attempts.
  await resetRateLimit(db, keys.accountAndAddress, keys.account, keys.accountPace);
  await refundRateLimitHit(db, keys.address);
  const session = await createSession(db, user.id, meta);
  return { user, ...session };
}

function wrongSecondFactor(): AppError {
  const message = "That code is not right. Enter the code your authenticator app shows now, or one of your recovery codes.";
  return new AppError("UNAUTHENTICATED", message, { fieldErrors: { code: [message] } });
}

/**
 * Logs in in one request (the REST API): e-mail and password, and for an account with two-step
 * log-in its code as well. Without the code such an account gets TWO_FACTOR_REQUIRED and no
 * session; a wrong code counts against the log-in throttle like a wrong password.
 */
export async function logIn(db: Db, input: unknown, meta: SessionMeta = {}) {
  const data = parseOrThrow(logInInput, input);
  const { user, keys, twoFactor } = await checkPassword(db, data, meta);
  if (twoFactor) {
    if (!data.code) {
      throw new AppError(
        "TWO_FACTOR_REQUIRED",
        "This account uses two-step log-in: send the code from its authenticator app (or a recovery code) as `code`, with the e-mail and password.",
      );
    }
    if (!(await checkSecondFactor(db, user.id, data.code))) throw wrongSecondFactor();
  }
  return openSession(db, user, keys, meta);
}

/**
 * The log-in page's first step: a right password opens a session, or, for an account with
 * two-step log-in, starts a short-lived second step bound to this browser (a cookie) instead.
 */
export async function beginLogIn(db: Db, input: unknown, meta: SessionMeta = {}) {
  const data = parseOrThrow(logInInput, input);
  const { user, keys, twoFactor } = await checkPassword(db, data, meta);
  if (twoFactor) return { challenge: await startLoginChallenge(db, user.id) };
  return { session: await openSession(db, user, keys, meta) };
}

function challengeOver(): AppError {
  return new AppError("UNAUTHENTICATED", "This log-in has timed out. Enter your e-mail and password again.", { restart: true });
}

/** The log-in page's second step: the code for the challenge in the browser's cookie. */
export async function finishLogIn(db: Db, input: { challenge: unknown; code: unknown }, meta: SessionMeta = {}, now = new Date()) {
  const raw = (input ?? {}) as { challenge?: unknown; code?: unknown };
  // No cookie, or not one of ours: the step is over, and the person starts again.
  const challenge = typeof raw.challenge === "string" && raw.challenge.length >= 20 && raw.challenge.length <= 200 ? raw.challenge : null;
  if (!challenge) throw challengeOver();
  const { code } = parseOrThrow(twoFactorCodeInput, { code: raw.code });
  const id = hashToken(challenge);
  const pending = await db.loginChallenge.findFirst({ where: { id, expiresAt: { gt: now } }, select: { userId: true, user: { select: { email: true } } } });
  if (!pending) throw challengeOver();
  const keys = loginThrottleKeys(pending.user.email, meta.ipAddress ?? undefined);
  await countLoginAttempt(db, keys);
  const counted = await db.loginChallenge.updateMany({
    where: { id, expiresAt: { gt: now }, attempts: { lt: LOGIN_CHALLENGE_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (counted.count === 0) throw challengeOver();
  if (!(await checkSecondFactor(db, pending.userId, code, now))) throw wrongSecondFactor();
  await db.loginChallenge.deleteMany({ where: { id } });
  const user = await db.user.findUniqueOrThrow({ where: { id: pending.userId }, select: publicUserSelect });
  return openSession(db, user, keys, meta);
}
