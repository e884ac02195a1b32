import { describe, expect, it } from "vitest";
import { createUser, TEST_PASSWORD } from "~/testing/factories";
import { appErrorFrom as expectAppError } from "~/testing/errors";
import { getDb } from "~/utils/db.server";
import { PASSWORD_RESET_EMAILS_PER_ACCOUNT_PER_HOUR, PASSWORD_RESET_REQUESTED, PASSWORD_RESET_TTL_MS, requestPasswordReset, resetPassword } from "./password-reset.server";
import { resolveSession } from "./session.server";
import { logIn } from "./service.server";

const NEW_PASSWORD = "violet kettle harbour lamp";

/** The token in the newest reset e-mail to `to`, as the student would click it. */
async function tokenMailedTo(to: string): Promise<string> {
  const email = await getDb().emailOutbox.findFirstOrThrow({ where: { to }, orderBy: { createdAt: "desc" } });
  const link = /https?:\/\/\S+/.exec(email.text)?.[0];
  expect(link).toMatch(/\/reset-password\?token=/);
  return new URL(link!).searchParams.get("token")!;
}

describe("password reset", () => {
  it("e-mails a link to an account's address, and answers an unknown address the same way without e-mailing anyone", async () => {
    const user = await createUser();
    expect(await requestPasswordReset(getDb(), { email: user.email }, { ipAddress: "10.20.0.1" })).toEqual({ message: PASSWORD_RESET_REQUESTED });
    expect(await requestPasswordReset(getDb(), { email: "no-such-person@example.test" }, { ipAddress: "10.20.0.1" })).toEqual({ message: PASSWORD_RESET_REQUESTED });
    expect(await getDb().emailOutbox.count({ where: { to: user.email } })).toBe(1);
    expect(await getDb().emailOutbox.count({ where: { to: "no-such-person@example.test" } })).toBe(0);
    const stored = await getDb().passwordReset.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.id).not.toBe(await tokenMailedTo(user.email)); // only a keyed hash of the token is stored
  });

  it("sets the new password once, ends every session and lets the owner log in again", async () => {
    const user = await createUser();
    const before = await logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.20.1.1" });
    await requestPasswordReset(getDb(), { email: user.email }, { ipAddress: "10.20.1.1" });
    const token = await tokenMailedTo(user.email);

    await resetPassword(getDb(), { token, password: NEW_PASSWORD });
    expect(await resolveSession(getDb(), before.token)).toBeNull();
    await expectAppError(logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.20.1.1" }), "UNAUTHENTICATED");
    await expect(logIn(getDb(), { email: user.email, password: NEW_PASSWORD }, { ipAddress: "10.20.1.1" })).resolves.toMatchObject({ user: { id: user.id } });

    const again = await expectAppError(resetPassword(getDb(), { token, password: "another fine passphrase" }), "VALIDATION_FAILED");
    expect(again.message).toMatch(/expired or has already been used/);
  });

  it("refuses an expired link, a made-up one, and a common or short password", async () => {
    const user = await createUser();
    const asked = new Date(Date.now() - PASSWORD_RESET_TTL_MS - 1_000);
    await requestPasswordReset(getDb(), { email: user.email }, { ipAddress: "10.20.2.1" }, asked);
    await expectAppError(resetPassword(getDb(), { token: await tokenMailedTo(user.email), password: NEW_PASSWORD }), "VALIDATION_FAILED");
    await expectAppError(resetPassword(getDb(), { token: "x".repeat(43), password: NEW_PASSWORD }), "VALIDATION_FAILED");

    await requestPasswordReset(getDb(), { email: user.email }, { ipAddress: "10.20.2.1" });
    const token = await tokenMailedTo(user.email);
    const common = await expectAppError(resetPassword(getDb(), { token, password: "password123" }), "VALIDATION_FAILED");
    expect(common.details).toMatchObject({ fieldErrors: { password: [expect.stringMatching(/most common/)] } });
    await expectAppError(resetPassword(getDb(), { token, password: "short" }), "VALIDATION_FAILED");
    // A refused password does not use the link up.
    await expect(resetPassword(getDb(), { token, password: NEW_PASSWORD })).resolves.toMatchObject({ userId: user.id });
  });

  it("sends an account a few e-mails an hour at most, and throttles one address", async () => {
    const user = await createUser();
    for (let i = 0; i < PASSWORD_RESET_EMAILS_PER_ACCOUNT_PER_HOUR + 2; i++) {
      expect(await requestPasswordReset(getDb(), { email: user.email }, { ipAddress: `10.20.3.${i}` })).toEqual({ message: PASSWORD_RESET_REQUESTED });
    }
    expect(await getDb().emailOutbox.count({ where: { to: user.email } })).toBe(PASSWORD_RESET_EMAILS_PER_ACCOUNT_PER_HOUR);

    let limited;
    for (let i = 0; i < 20 && !limited; i++) {
      limited = await requestPasswordReset(getDb(), { email: `someone-${i}@example.test` }, { ipAddress: "10.20.4.1" }).then(
        () => undefined,
        (error: unknown) => error,
      );
    }
    expect(limited).toMatchObject({ code: "RATE_LIMITED" });
  });
});
