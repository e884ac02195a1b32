import { describe, expect, it } from "vitest";
import { createUser, TEST_PASSWORD } from "~/testing/factories";
import { appErrorFrom as expectAppError } from "~/testing/errors";
import { getDb } from "~/utils/db.server";
import { LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS } from "~/domain/login-throttle";
import { changePassword } from "./password-change.server";
import { resolveSession } from "./session.server";
import { logIn } from "./service.server";

const NEW_PASSWORD = "quiet orchard lantern mile";

async function twoSessions() {
  const user = await createUser();
  const here = await logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.40.0.1" });
  const elsewhere = await logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.40.0.2" });
  const current = (await resolveSession(getDb(), here.token))!;
  return { user, here, elsewhere, currentSessionId: current.sessionId };
}

describe("changing a password", () => {
  it("needs the current password, keeps this session and ends every other", async () => {
    const { user, here, elsewhere, currentSessionId } = await twoSessions();
    await changePassword(getDb(), user, currentSessionId, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(await resolveSession(getDb(), here.token)).not.toBeNull();
    expect(await resolveSession(getDb(), elsewhere.token)).toBeNull();
    await expectAppError(logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.40.0.3" }), "UNAUTHENTICATED");
    await expect(logIn(getDb(), { email: user.email, password: NEW_PASSWORD }, { ipAddress: "10.40.0.3" })).resolves.toBeTruthy();
  });

  it("refuses a wrong current password, the same password, a common one, and throttles guesses", async () => {
    const { user, currentSessionId } = await twoSessions();
    const wrong = await expectAppError(changePassword(getDb(), user, currentSessionId, { currentPassword: "not my password", newPassword: NEW_PASSWORD }), "VALIDATION_FAILED");
    expect(wrong.details).toMatchObject({ fieldErrors: { currentPassword: [expect.any(String)] } });
    await expectAppError(changePassword(getDb(), user, currentSessionId, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }), "VALIDATION_FAILED");
    const common = await expectAppError(changePassword(getDb(), user, currentSessionId, { currentPassword: TEST_PASSWORD, newPassword: "password123" }), "VALIDATION_FAILED");
    expect(common.details).toMatchObject({ fieldErrors: { newPassword: [expect.stringMatching(/most common/)] } });
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS; i++) {
      await changePassword(getDb(), user, currentSessionId, { currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD }).catch(() => undefined);
    }
    await expectAppError(changePassword(getDb(), user, currentSessionId, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }), "RATE_LIMITED");
  });
});
