import { LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS, LOGIN_WINDOW_MS } from "~/domain/login-throttle";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { parseOrThrow } from "~/utils/validation";
import { hashPassword, verifyPassword } from "./password.server";
import { assertPasswordNotCommon } from "./password-policy.server";
import { hitRateLimit, rateLimited, resetRateLimit } from "./rate-limit.server";
import { changePasswordInput } from "./schemas";
import type { PublicUser } from "./service.server";

/**
 * Changes a signed-in user's password: the current one must be given (a session left open on a
 * shared computer is not enough), the new one follows the sign-up policy, and every other session
 * of the account ends; the one making the change stays open. Wrong current passwords are
 * throttled like log-ins, so this cannot be used to guess it.
 */
export async function changePassword(db: Db, user: Pick<PublicUser, "id">, currentSessionId: string, rawInput: unknown): Promise<void> {
  const { currentPassword, newPassword } = parseOrThrow(changePasswordInput, rawInput);
  const attemptsKey = `password-change:${user.id}`;
  const attempts = await hitRateLimit(db, attemptsKey, LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS, LOGIN_WINDOW_MS);
  if (!attempts.allowed) throw rateLimited("Too many wrong current passwords.", attempts.retryAfterSeconds);
  const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(stored.passwordHash, currentPassword))) {
    throw new AppError("VALIDATION_FAILED", "That is not your current password.", { fieldErrors: { currentPassword: ["That is not your current password"] } });
  }
  if (currentPassword === newPassword) {
    throw new AppError("VALIDATION_FAILED", "Choose a password you have not been using.", { fieldErrors: { newPassword: ["Choose a password you have not been using"] } });
  }
  assertPasswordNotCommon(newPassword, "newPassword");
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction([db.user.update({ where: { id: user.id }, data: { passwordHash } }), db.session.deleteMany({ where: { userId: user.id, id: { not: currentSessionId } } })]);
  await resetRateLimit(db, attemptsKey);
}
