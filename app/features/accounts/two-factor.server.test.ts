import { generateTOTP } from "@epic-web/totp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS } from "~/domain/login-throttle";
import { appErrorFrom as expectAppError } from "~/testing/errors";
import { createUser, TEST_PASSWORD } from "~/testing/factories";
import { getDb } from "~/utils/db.server";
import { beginLogIn, finishLogIn, logIn } from "./service.server";
import { resolveSession } from "./session.server";
import {
  acceptedTotpStep,
  confirmTwoFactorSetup,
  disableTwoFactor,
  LOGIN_CHALLENGE_ATTEMPTS,
  LOGIN_CHALLENGE_TTL_MS,
  openSecret,
  RECOVERY_CODE_COUNT,
  regenerateRecoveryCodes,
  sealSecret,
  startTwoFactorSetup,
  TOTP_PERIOD_SECONDS,
  twoFactorStatus,
} from "./two-factor.server";

const STEP_MS = TOTP_PERIOD_SECONDS * 1000;

/** The code an authenticator app shows for `secret`, `steps` periods from now. */
async function codeFor(secret: string, steps = 0): Promise<string> {
  const wasFake = vi.isFakeTimers();
  const base = Date.now();
  vi.useFakeTimers({ toFake: ["Date"], now: base + steps * STEP_MS });
  try {
    return (await generateTOTP({ secret, period: TOTP_PERIOD_SECONDS })).otp;
  } finally {
    if (wasFake) vi.setSystemTime(base);
    else vi.useRealTimers();
  }
}

/** Moves the clock on by whole TOTP periods (only Date: the database's timers keep running). */
function advanceSteps(steps: number): void {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + steps * STEP_MS });
}

afterEach(() => {
  vi.useRealTimers();
});

/** A mentor with two-step log-in on, its secret and recovery codes. */
async function mentorWithTwoFactor() {
  const user = await createUser({ role: "MENTOR" });
  await startTwoFactorSetup(getDb(), user);
  const pending = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
  const secret = openSecret(pending.totpPendingSecret!);
  const { recoveryCodes } = await confirmTwoFactorSetup(getDb(), user, { code: await codeFor(secret) });
  // The confirmation used this period's code: the next log-in needs a later one.
  advanceSteps(1);
  return { user, secret, recoveryCodes };
}

describe("TOTP codes", () => {
  it("seals secrets so that the stored text is not the secret and cannot be altered", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openSecret(sealed)).toBe("JBSWY3DPEHPK3PXP");
    const [version, iv, tag, body] = sealed.split(".");
    const flipped = `${body!.startsWith("A") ? "B" : "A"}${body!.slice(1)}`;
    expect(() => openSecret([version, iv, tag, flipped].join("."))).toThrow();
  });

  it("accepts the code of this period and of one period either side, and nothing further", async () => {
    const { secret } = await generateTOTP();
    const now = Math.floor(Date.now() / STEP_MS);
    for (const steps of [-1, 0, 1]) expect(await acceptedTotpStep(secret, await codeFor(secret, steps), null)).toBe(now + steps);
    for (const steps of [-3, 3]) expect(await acceptedTotpStep(secret, await codeFor(secret, steps), null)).toBeNull();
    expect(await acceptedTotpStep(secret, "12345", null)).toBeNull();
  });

  it("refuses a code of a period already used, or an earlier one (replay)", async () => {
    const { secret } = await generateTOTP();
    const now = Math.floor(Date.now() / STEP_MS);
    expect(await acceptedTotpStep(secret, await codeFor(secret), now)).toBeNull();
    expect(await acceptedTotpStep(secret, await codeFor(secret, -1), now)).toBeNull();
    expect(await acceptedTotpStep(secret, await codeFor(secret, 1), now)).toBe(now + 1);
  });
});

describe("turning two-step log-in on and off", () => {
  it("turns on with a code from the new secret, stores it encrypted and gives recovery codes once, stored as hashes", async () => {
    const user = await createUser({ role: "ADMIN" });
    await startTwoFactorSetup(getDb(), user);
    const status = await twoFactorStatus(getDb(), user);
    expect(status).toMatchObject({ available: true, enabled: false, pending: { key: expect.any(String), uri: expect.stringMatching(/^otpauth:\/\/totp\/MXP/) } });
    const row = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    const secret = openSecret(row.totpPendingSecret!);
    expect(row.totpPendingSecret).not.toContain(secret);

    await expectAppError(confirmTwoFactorSetup(getDb(), user, { code: "000000" === (await codeFor(secret)) ? "111111" : "000000" }), "VALIDATION_FAILED");
    const { recoveryCodes } = await confirmTwoFactorSetup(getDb(), user, { code: await codeFor(secret) });
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    const stored = await getDb().recoveryCode.findMany({ where: { userId: user.id } });
    expect(stored.map((code) => code.codeHash)).not.toContain(recoveryCodes[0]);
    expect(stored.map((code) => code.codeHash)).not.toContain(recoveryCodes[0]!.replace("-", ""));

    const on = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(on.totpEnabledAt).toBeInstanceOf(Date);
    expect(on.totpPendingSecret).toBeNull();
    expect(openSecret(on.totpSecret!)).toBe(secret);
    expect(await twoFactorStatus(getDb(), user)).toEqual({ available: true, enabled: true, recoveryCodesLeft: RECOVERY_CODE_COUNT, pending: null });
    await expectAppError(startTwoFactorSetup(getDb(), user), "INVALID_STATE");
  });

  it("is not offered to students", async () => {
    const student = await createUser();
    expect(await twoFactorStatus(getDb(), student)).toEqual({ available: false });
    await expectAppError(startTwoFactorSetup(getDb(), student), "FORBIDDEN");
  });

  it("turns off only with the password and a code; after that the password alone logs in", async () => {
    const { user, secret } = await mentorWithTwoFactor();
    await expectAppError(disableTwoFactor(getDb(), user, { password: "not the password", code: await codeFor(secret) }), "VALIDATION_FAILED", /not your password/);
    await expectAppError(
      disableTwoFactor(getDb(), user, { password: TEST_PASSWORD, code: "000000" === (await codeFor(secret)) ? "111111" : "000000" }),
      "VALIDATION_FAILED",
      /code is not right/,
    );
    await disableTwoFactor(getDb(), user, { password: TEST_PASSWORD, code: await codeFor(secret) });
    expect(await getDb().recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    await expect(logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.40.0.1" })).resolves.toMatchObject({ user: { id: user.id } });
  });

  it("makes new recovery codes for a code, and the old ones stop working", async () => {
    const { user, secret, recoveryCodes: old } = await mentorWithTwoFactor();
    const { recoveryCodes } = await regenerateRecoveryCodes(getDb(), user, { code: await codeFor(secret) });
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    await expectAppError(logIn(getDb(), { email: user.email, password: TEST_PASSWORD, code: old[0] }, { ipAddress: "10.40.1.1" }), "UNAUTHENTICATED");
    await expect(logIn(getDb(), { email: user.email, password: TEST_PASSWORD, code: recoveryCodes[0] }, { ipAddress: "10.40.1.1" })).resolves.toBeTruthy();
  });
});

describe("logging in with two-step log-in", () => {
  it("in one request (REST): no code is TWO_FACTOR_REQUIRED without a session, a wrong code a 401, the right code a session once", async () => {
    const { user, secret } = await mentorWithTwoFactor();
    const meta = { ipAddress: "10.41.0.1" };
    const missing = await expectAppError(logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, meta), "TWO_FACTOR_REQUIRED");
    expect(missing.status).toBe(401);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
    await expectAppError(logIn(getDb(), { email: user.email, password: TEST_PASSWORD, code: "000000" === (await codeFor(secret)) ? "111111" : "000000" }, meta), "UNAUTHENTICATED");

    const code = await codeFor(secret);
    const { token } = await logIn(getDb(), { email: user.email, password: TEST_PASSWORD, code }, meta);
    expect((await resolveSession(getDb(), token))?.user.id).toBe(user.id);
    // The same code again (someone who saw it) is refused.
    await expectAppError(logIn(getDb(), { email: user.email, password: TEST_PASSWORD, code }, meta), "UNAUTHENTICATED");
    // A wrong password with a right code is still a wrong password.
    await expectAppError(logIn(getDb(), { email: user.email, password: "not the password", code: await codeFor(secret, 1) }, meta), "UNAUTHENTICATED");
  });

  it("takes a recovery code once, in any case and with or without its dash", async () => {
    const { user, recoveryCodes } = await mentorWithTwoFactor();
    const code = recoveryCodes[3]!;
    await expect(
      logIn(getDb(), { email: user.email, password: TEST_PASSWORD, code: ` ${code.toUpperCase().replace("-", "")} ` }, { ipAddress: "10.42.0.1" }),
    ).resolves.toBeTruthy();
    await expectAppError(logIn(getDb(), { email: user.email, password: TEST_PASSWORD, code }, { ipAddress: "10.42.0.1" }), "UNAUTHENTICATED");
    expect(await twoFactorStatus(getDb(), user)).toMatchObject({ recoveryCodesLeft: RECOVERY_CODE_COUNT - 1 });
  });

  it("refuses codes, without failing, for a secret the key can no longer read", async () => {
    const { user, secret } = await mentorWithTwoFactor();
    await getDb().user.update({ where: { id: user.id }, data: { totpSecret: sealSecret(secret).replace(/^v1\.[^.]+/, "v1.AAAAAAAAAAAAAAAA") } });
    await expectAppError(logIn(getDb(), { email: user.email, password: TEST_PASSWORD, code: await codeFor(secret) }, { ipAddress: "10.46.0.1" }), "UNAUTHENTICATED");
  });

  it("counts wrong codes against the log-in throttle", async () => {
    const { user, secret } = await mentorWithTwoFactor();
    const wrong = "000000" === (await codeFor(secret)) ? "111111" : "000000";
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS; i++) {
      await expectAppError(logIn(getDb(), { email: user.email, password: TEST_PASSWORD, code: wrong }, { ipAddress: "10.43.0.1" }), "UNAUTHENTICATED");
    }
    await expectAppError(logIn(getDb(), { email: user.email, password: TEST_PASSWORD, code: await codeFor(secret) }, { ipAddress: "10.43.0.1" }), "RATE_LIMITED");
  });

  it("on the page: the password opens no session but a second step, which takes a few wrong codes and then the right one", async () => {
    const { user, secret } = await mentorWithTwoFactor();
    const meta = { ipAddress: "10.44.0.1" };
    const first = await beginLogIn(getDb(), { email: user.email, password: TEST_PASSWORD }, meta);
    expect(first.session).toBeUndefined();
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
    const challenge = first.challenge!.token;
    expect(await getDb().loginChallenge.count({ where: { id: challenge } })).toBe(0); // only its hash is stored

    const wrong = "000000" === (await codeFor(secret)) ? "111111" : "000000";
    await expectAppError(finishLogIn(getDb(), { challenge, code: wrong }, meta), "UNAUTHENTICATED", /code is not right/);
    const { token } = await finishLogIn(getDb(), { challenge, code: await codeFor(secret) }, meta);
    expect((await resolveSession(getDb(), token))?.user.id).toBe(user.id);
    // The step is over once used.
    await expectAppError(finishLogIn(getDb(), { challenge, code: await codeFor(secret, 1) }, meta), "UNAUTHENTICATED", /timed out/);
  });

  it("ends the second step after a few wrong codes, and after a few minutes", async () => {
    const { user, secret } = await mentorWithTwoFactor();
    const wrong = "000000" === (await codeFor(secret)) ? "111111" : "000000";
    const started = await beginLogIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.45.0.1" });
    for (let i = 0; i < LOGIN_CHALLENGE_ATTEMPTS; i++) {
      // From several addresses, so that the per-address throttle is not what stops it.
      await expectAppError(finishLogIn(getDb(), { challenge: started.challenge!.token, code: wrong }, { ipAddress: `10.45.1.${i}` }), "UNAUTHENTICATED", /code is not right/);
    }
    await expectAppError(finishLogIn(getDb(), { challenge: started.challenge!.token, code: await codeFor(secret) }, { ipAddress: "10.45.2.1" }), "UNAUTHENTICATED", /timed out/);

    const later = await beginLogIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.45.3.1" });
    const expired = new Date(Date.now() + LOGIN_CHALLENGE_TTL_MS + 1_000);
    await expectAppError(
      finishLogIn(getDb(), { challenge: later.challenge!.token, code: await codeFor(secret) }, { ipAddress: "10.45.3.1" }, expired),
      "UNAUTHENTICATED",
      /timed out/,
    );
  });
});
