import type { Role } from "~/domain/roles";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { hashPassword, timingSafeDummyHash, verifyPassword } from "./password.server";
import { createSession, type SessionMeta } from "./session.server";
import { enqueueJob } from "#jobs/enqueue.server";
import { hitRateLimit, isRateLimited, resetRateLimit } from "./rate-limit.server";
import { logInInput, signUpInput } from "./schemas";
import { parseOrThrow } from "~/utils/validation";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failed log-ins allowed per account per window before it is paused. */
export const LOGIN_FAILURES_PER_ACCOUNT = 5;
/** Failed log-ins allowed per client address per window (shared networks get more room). */
export const LOGIN_FAILURES_PER_ADDRESS = 30;

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

/**
 * Checks e-mail and password and opens a fresh session (a new token at every log-in, so a
 * token planted before log-in is worthless). Failures are throttled per account and per address.
 */
export async function logIn(db: Db, input: unknown, meta: SessionMeta = {}) {
  const data = parseOrThrow(logInInput, input);
  const accountKey = `login:account:${data.email}`;
  const addressKey = `login:address:${meta.ipAddress ?? "unknown"}`;
  for (const [key, limit] of [
    [accountKey, LOGIN_FAILURES_PER_ACCOUNT],
    [addressKey, LOGIN_FAILURES_PER_ADDRESS],
  ] as const) {
    const state = await isRateLimited(db, key, limit, LOGIN_WINDOW_MS);
    if (!state.allowed) {
      throw new AppError("RATE_LIMITED", `Too many failed log-in attempts. Try again in ${Math.ceil(state.retryAfterSeconds / 60)} minute(s).`, undefined, {
        retryAfter: state.retryAfterSeconds,
      });
    }
  }
  const user = await db.user.findUnique({ where: { email: data.email }, select: { ...publicUserSelect, passwordHash: true } });
  const valid = user ? await verifyPassword(user.passwordHash, data.password) : (await verifyPassword(await timingSafeDummyHash(), data.password), false);
  if (!user || !valid) {
    await hitRateLimit(db, accountKey, LOGIN_FAILURES_PER_ACCOUNT, LOGIN_WINDOW_MS);
    await hitRateLimit(db, addressKey, LOGIN_FAILURES_PER_ADDRESS, LOGIN_WINDOW_MS);
    throw new AppError("UNAUTHENTICATED", "That e-mail and password do not match an account.", {
      formErrors: ["That e-mail and password do not match an account."],
    });
  }
  await resetRateLimit(db, accountKey);
  const { passwordHash: _hash, ...publicUser } = user;
  const session = await createSession(db, user.id, meta);
  return { user: publicUser, ...session };
}
