import type { Role } from "~/domain/roles";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { hashPassword, timingSafeDummyHash, verifyPassword } from "./password.server";
import { createSession, type SessionMeta } from "./session.server";
import { enqueueJob } from "#jobs/enqueue.server";
import { hitRateLimit, rateLimited, refundRateLimitHit, resetRateLimit } from "./rate-limit.server";
import {
  accountDelaySeconds,
  LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS,
  LOGIN_ATTEMPTS_PER_ADDRESS,
  LOGIN_WINDOW_MS,
  SIGNUPS_PER_ADDRESS_PER_HOUR,
  throttledAddress,
} from "~/domain/login-throttle";
import { logInInput, signUpInput } from "./schemas";
import { assertPasswordNotCommon } from "./password-policy.server";
import { parseOrThrow } from "~/utils/validation";

export const publicUserSelect = { id: true, email: true, name: true, handle: true, role: true, profilerScore: true } as const;

export type PublicUser = { id: string; email: string; name: string; handle: string; role: Role; profilerScore: number | null };

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

/** Creates a student account and queues the welcome in the same transaction. */
export async function signUp(db: Db, input: unknown, meta: SessionMeta = {}) {
  const data = parseOrThrow(signUpInput, input);
  assertPasswordNotCommon(data.password);
  const signUps = await hitRateLimit(db, `signup:address:${throttledAddress(meta.ipAddress ?? "unknown")}`, SIGNUPS_PER_ADDRESS_PER_HOUR, 60 * 60 * 1000);
  if (!signUps.allowed) throw rateLimited("Too many sign-ups from this network.", signUps.retryAfterSeconds);
  const existing = await db.user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (existing) {
    throw new AppError("ALREADY_EXISTS", "An account with this e-mail address already exists. Log in instead.", {
      fieldErrors: { email: ["An account with this e-mail address already exists"] },
    });
  }
  const passwordHash = await hashPassword(data.password);
  const handle = await uniqueHandle(db, data.email);
  let user: PublicUser;
  try {
    user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email: data.email, name: data.name, handle, passwordHash, role: "STUDENT" },
        select: publicUserSelect,
      });
      await enqueueJob(tx, "send-welcome", { userId: created.id }, { jobKey: `welcome:${created.id}` });
      return created;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError("ALREADY_EXISTS", "An account with this e-mail address already exists. Log in instead.", {
        fieldErrors: { email: ["An account with this e-mail address already exists"] },
      });
    }
    throw error;
  }
  const session = await createSession(db, user.id, meta);
  return { user, ...session };
}

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

  const user = await db.user.findUnique({ where: { email: data.email }, select: { ...publicUserSelect, passwordHash: true } });
  const valid = user ? await verifyPassword(user.passwordHash, data.password) : (await verifyPassword(await timingSafeDummyHash(), data.password), false);
  if (!user || !valid) {
    throw new AppError("UNAUTHENTICATED", "That e-mail and password do not match an account.", {
      formErrors: ["That e-mail and password do not match an account."],
    });
  }
  // The owner is in: their account's counters start again; the address keeps its other attempts.
  await resetRateLimit(db, keys.accountAndAddress, keys.account, keys.accountPace);
  await refundRateLimitHit(db, keys.address);
  const { passwordHash: _hash, ...publicUser } = user;
  const session = await createSession(db, user.id, meta);
  return { user: publicUser, ...session };
}
