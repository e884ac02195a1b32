import crypto from "node:crypto";
import type { Role } from "~/domain/roles";
import type { Tier } from "~/domain/entitlements";
import { getDb } from "~/utils/db.server";
import { hashPassword } from "~/features/accounts/password.server";
import { createSession } from "~/features/accounts/session.server";

export const TEST_PASSWORD = "correct horse battery staple";
let cachedHash: Promise<string> | undefined;

/** A user straight in the database (no sign-up job), with an optional paid tier. */
export async function createUser(options: { role?: Role; tier?: Tier; email?: string; name?: string } = {}) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const suffix = crypto.randomBytes(4).toString("hex");
  const user = await getDb().user.create({
    data: {
      email: options.email ?? `user-${suffix}@example.test`,
      name: options.name ?? `Test User ${suffix}`,
      handle: `user-${suffix}`,
      role: options.role ?? "STUDENT",
      passwordHash: await cachedHash,
    },
  });
  if (options.tier && options.tier !== "FREE") {
    await getDb().subscription.create({ data: { userId: user.id, tier: options.tier, status: "active" } });
  }
  return user;
}

/** A user with a live session token, for cookie or bearer requests. */
export async function createSignedInUser(options: Parameters<typeof createUser>[0] = {}) {
  const user = await createUser(options);
  const { token } = await createSession(getDb(), user.id);
  return { user, token };
}

export function cookieHeader(token: string) {
  return `mxp_session=${encodeURIComponent(token)}`;
}
