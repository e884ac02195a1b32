import { SIGNUPS_PER_ADDRESS_PER_HOUR, throttledAddress } from "~/domain/login-throttle";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { parseOrThrow } from "~/utils/validation";
import { markEmailVerified, mayEmailAccount, queueSignUpAttemptEmail, queueVerificationEmail } from "./email-verification.server";
import { hashPassword } from "./password.server";
import { assertPasswordNotCommon } from "./password-policy.server";
import { hitRateLimit, rateLimited } from "./rate-limit.server";
import { emailVerificationInput, resendVerificationInput, signUpInput } from "./schemas";
import { publicUserSelect, type PublicUser } from "./service.server";
import { createSession, hashToken, type SessionMeta } from "./session.server";

/** What every sign-up is told, whether the address is new or already has an account. */
export const SIGN_UP_REQUESTED =
  "We have sent a message to this address. Open the link in it to confirm the address and log in; it works once, for 24 hours. Nothing there after a few minutes? Check your spam folder, or ask for a new link.";

/** What every request for a new confirmation link is told, whatever the address. */
export const VERIFICATION_RESENT =
  "If this address is waiting to be confirmed, we have sent it a new link. It works once, for 24 hours. Check your spam folder if nothing arrives.";

/** Attempts to use a confirmation link from one address per hour. */
export const VERIFICATION_ATTEMPTS_PER_ADDRESS_PER_HOUR = 30;
/** Requests for a new confirmation link from one address per hour. */
export const VERIFICATION_RESENDS_PER_ADDRESS_PER_HOUR = 10;

const HOUR_MS = 60 * 60 * 1000;

function handleBase(email: string): string {
  const base = email
    .split("@")[0]!
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 24);
  return base || "student";
}

async function uniqueHandle(db: Db, email: string): Promise<string> {
  const base = handleBase(email);
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = attempt === 0 ? base : `${base}-${Math.floor(1000 + Math.random() * 9000)}`;
    const taken = await db.user.findUnique({ where: { handle: candidate }, select: { id: true } });
    if (!taken) return candidate;
  }
  return `${base}-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * The e-mail a sign-up with a taken address sends its owner: a fresh confirmation link if the
 * account still waits for one, otherwise word that someone tried (with the ways back in).
 */
async function tellOwner(db: Db, owner: { id: string; email: string; name: string; emailVerifiedAt: Date | null }, now: Date): Promise<void> {
  if (!(await mayEmailAccount(db, owner.id, now))) return;
  await db.$transaction(async (tx) => {
    if (owner.emailVerifiedAt) await queueSignUpAttemptEmail(tx, owner);
    else await queueVerificationEmail(tx, owner, { now, again: true });
  });
}

/**
 * Signs up a student. The answer is the same whether or not the address already has an account
 * (only the e-mail sent differs), so sign-up cannot be used to find out who is a member: a new
 * address gets an unconfirmed account and a confirmation link; a taken one gets no account and
 * its owner an e-mail. The slow password hash runs either way, so the time taken says nothing.
 */
export async function signUp(db: Db, input: unknown, meta: SessionMeta = {}, now = new Date()): Promise<{ message: string }> {
  const data = parseOrThrow(signUpInput, input);
  assertPasswordNotCommon(data.password);
  const signUps = await hitRateLimit(db, `signup:address:${throttledAddress(meta.ipAddress ?? "unknown")}`, SIGNUPS_PER_ADDRESS_PER_HOUR, HOUR_MS, now);
  if (!signUps.allowed) throw rateLimited("Too many sign-ups from this network.", signUps.retryAfterSeconds);
  const passwordHash = await hashPassword(data.password);
  const ownerSelect = { id: true, email: true, name: true, emailVerifiedAt: true } as const;
  const existing = await db.user.findUnique({ where: { email: data.email }, select: ownerSelect });
  if (existing) {
    await tellOwner(db, existing, now);
    return { message: SIGN_UP_REQUESTED };
  }
  const handle = await uniqueHandle(db, data.email);
  try {
    const created = await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: data.email, name: data.name, handle, passwordHash, role: "STUDENT", emailVerifiedAt: null },
        select: { id: true, email: true, name: true },
      });
      await queueVerificationEmail(tx, user, { now });
      return user;
    });
    await mayEmailAccount(db, created.id, now); // the first e-mail counts towards the hour's few
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    // Two sign-ups for one address at once: the other one made the account.
    const winner = await db.user.findUnique({ where: { email: data.email }, select: ownerSelect });
    if (!winner) throw error;
    await tellOwner(db, winner, now);
  }
  return { message: SIGN_UP_REQUESTED };
}

function linkUnusable(): AppError {
  const message = "This confirmation link has expired or has already been used. If your address is confirmed, log in; otherwise ask for a new link.";
  return new AppError("VALIDATION_FAILED", message, { fieldErrors: { token: [message] } });
}

/**
 * Confirms an address with its e-mailed link and opens a session: following the link is the
 * sign-up's log-in. The link is used up atomically, so of two uses at once one fails.
 */
export async function verifyEmail(db: Db, rawInput: unknown, meta: SessionMeta = {}, now = new Date()): Promise<{ user: PublicUser; token: string; expiresAt: Date }> {
  const { token } = parseOrThrow(emailVerificationInput, rawInput);
  const attempts = await hitRateLimit(
    db,
    `email-verification-use:address:${throttledAddress(meta.ipAddress ?? "unknown")}`,
    VERIFICATION_ATTEMPTS_PER_ADDRESS_PER_HOUR,
    HOUR_MS,
    now,
  );
  if (!attempts.allowed) throw rateLimited("Too many attempts to confirm an address from this network.", attempts.retryAfterSeconds);
  const id = hashToken(token);
  const userId = await db.$transaction(async (tx) => {
    const taken = await tx.emailVerification.updateMany({ where: { id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    const link = taken.count === 1 ? await tx.emailVerification.findUnique({ where: { id }, select: { userId: true } }) : null;
    if (!link) throw linkUnusable();
    await markEmailVerified(tx, link.userId, now);
    return link.userId;
  });
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: publicUserSelect });
  return { user, ...(await createSession(db, user.id, meta, now)) };
}

/**
 * Sends a new confirmation link to an account still waiting for one. The answer is the same for
 * every address; requests are throttled per network, and e-mails per account.
 */
export async function resendEmailVerification(db: Db, rawInput: unknown, meta: SessionMeta = {}, now = new Date()): Promise<{ message: string }> {
  const { email } = parseOrThrow(resendVerificationInput, rawInput);
  const requests = await hitRateLimit(
    db,
    `email-verification-resend:address:${throttledAddress(meta.ipAddress ?? "unknown")}`,
    VERIFICATION_RESENDS_PER_ADDRESS_PER_HOUR,
    HOUR_MS,
    now,
  );
  if (!requests.allowed) throw rateLimited("Too many requests for a new link from this network.", requests.retryAfterSeconds);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, emailVerifiedAt: true } });
  if (user && !user.emailVerifiedAt && (await mayEmailAccount(db, user.id, now))) {
    await db.$transaction((tx) => queueVerificationEmail(tx, user, { now, again: true }));
  }
  return { message: VERIFICATION_RESENT };
}
