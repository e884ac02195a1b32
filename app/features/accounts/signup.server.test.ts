import { describe, expect, it } from "vitest";
import { buildTaskList } from "#jobs/task-list";
import { SIGNUPS_PER_ADDRESS_PER_HOUR } from "~/domain/login-throttle";
import { appErrorFrom as expectAppError } from "~/testing/errors";
import { createUser, TEST_PASSWORD } from "~/testing/factories";
import { queuedJobs, runQueuedJobs } from "~/testing/jobs";
import { getDb } from "~/utils/db.server";
import { ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR, EMAIL_VERIFICATION_TTL_MS } from "./email-verification.server";
import { requestPasswordReset, resetPassword } from "./password-reset.server";
import { verifyPassword } from "./password.server";
import { logIn } from "./service.server";
import { resolveSession } from "./session.server";
import { resendEmailVerification, SIGN_UP_REQUESTED, signUp, VERIFICATION_RESENDS_PER_ADDRESS_PER_HOUR, VERIFICATION_RESENT, verifyEmail } from "./signup.server";

const PASSPHRASE = "a long passphrase";

/** The e-mails sent to `to`, oldest first. */
function mailTo(to: string) {
  return getDb().emailOutbox.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
}

/** The token of the newest link to `path` e-mailed to `to`, as its reader would click it. */
async function tokenMailedTo(to: string, path = "/verify-email"): Promise<string> {
  const email = await getDb().emailOutbox.findFirstOrThrow({ where: { to, text: { contains: `${path}?token=` } }, orderBy: { createdAt: "desc" } });
  const link = new RegExp(`https?://\\S+${path}\\?token=\\S+`).exec(email.text)?.[0];
  expect(link).toBeTruthy();
  return new URL(link!).searchParams.get("token")!;
}

describe("sign-up", () => {
  it("gives a new address an unconfirmed account with an argon2id hash, e-mails it a link, and opens no session", async () => {
    expect(await signUp(getDb(), { name: "Ana Lyst", email: "Ana@Example.TEST", password: PASSPHRASE })).toEqual({ message: SIGN_UP_REQUESTED });
    const row = await getDb().user.findUniqueOrThrow({ where: { email: "ana@example.test" } });
    expect(row.role).toBe("STUDENT");
    expect(row.emailVerifiedAt).toBeNull();
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, PASSPHRASE)).toBe(true);
    expect(await getDb().session.count({ where: { userId: row.id } })).toBe(0);

    const [email, ...others] = await mailTo(row.email);
    expect(others).toHaveLength(0);
    expect(email!.subject).toBe("Confirm your e-mail address for MXP");
    const token = await tokenMailedTo(row.email);
    const stored = await getDb().emailVerification.findFirstOrThrow({ where: { userId: row.id } });
    expect(stored.id).not.toBe(token); // only a keyed hash of the token is stored
    // Nobody is welcomed before the address is confirmed.
    expect((await queuedJobs("send-welcome")).map((job) => job.payload)).not.toContainEqual({ userId: row.id });
  });

  it("answers a taken address exactly as a new one, creates nothing, changes nothing and tells the owner", async () => {
    const owner = await createUser();
    const answer = await signUp(getDb(), { name: "Someone Else", email: owner.email.toUpperCase(), password: "another long passphrase" });
    expect(answer).toEqual(await signUp(getDb(), { name: "New Person", email: "brand-new@example.test", password: PASSPHRASE }));

    expect(await getDb().user.count({ where: { email: owner.email } })).toBe(1);
    const after = await getDb().user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(after).toMatchObject({ name: owner.name, passwordHash: owner.passwordHash, emailVerifiedAt: owner.emailVerifiedAt });
    expect(await getDb().emailVerification.count({ where: { userId: owner.id } })).toBe(0);

    const [email, ...others] = await mailTo(owner.email);
    expect(others).toHaveLength(0);
    expect(email!.subject).toBe("Someone tried to sign up to MXP with your address");
    expect(email!.text).toMatch(/https?:\/\/\S+\/login\b/);
    expect(email!.text).toMatch(/https?:\/\/\S+\/forgot-password\b/);
    expect(email!.text).not.toContain("token=");
  });

  it("sends an address still waiting for confirmation a new link when someone signs up with it again", async () => {
    await signUp(getDb(), { name: "Twice", email: "twice@example.test", password: PASSPHRASE });
    const first = await tokenMailedTo("twice@example.test");
    expect(await signUp(getDb(), { name: "Twice Again", email: "twice@example.test", password: "a different passphrase" })).toEqual({ message: SIGN_UP_REQUESTED });
    expect(await getDb().user.count({ where: { email: "twice@example.test" } })).toBe(1);
    const second = await tokenMailedTo("twice@example.test");
    expect(second).not.toBe(first);
    // The first sign-up's password stands: a second sign-up cannot change an account.
    const row = await getDb().user.findUniqueOrThrow({ where: { email: "twice@example.test" } });
    expect(await verifyPassword(row.passwordHash, PASSPHRASE)).toBe(true);
  });

  it("sends one address a few sign-up e-mails an hour at most, however many sign-ups name it", async () => {
    const owner = await createUser();
    for (let i = 0; i < ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR + 2; i++) {
      expect(await signUp(getDb(), { name: "Flood", email: owner.email, password: PASSPHRASE }, { ipAddress: `10.30.0.${i}` })).toEqual({ message: SIGN_UP_REQUESTED });
    }
    expect(await getDb().emailOutbox.count({ where: { to: owner.email } })).toBe(ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR);
  });

  it("explains invalid input field by field", async () => {
    const error = await expectAppError(signUp(getDb(), { name: "", email: "not-an-email", password: "short" }), "VALIDATION_FAILED");
    const fields = (error.details as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(["email", "name", "password"]);
    expect(fields.password![0]).toMatch(/at least 10/);
  });

  it("throttles sign-ups from one address, new and taken addresses alike", async () => {
    const owner = await createUser();
    const attempt = (i: number) => signUp(getDb(), { name: "Many", email: i % 2 ? owner.email : `many-${i}@example.test`, password: TEST_PASSWORD }, { ipAddress: "10.7.7.7" });
    for (let i = 0; i < SIGNUPS_PER_ADDRESS_PER_HOUR; i++) await attempt(i);
    const limited = await expectAppError(attempt(SIGNUPS_PER_ADDRESS_PER_HOUR), "RATE_LIMITED");
    expect(limited.retryAfter).toBeGreaterThan(0);
    await expect(signUp(getDb(), { name: "Elsewhere", email: "elsewhere@example.test", password: TEST_PASSWORD }, { ipAddress: "10.7.7.8" })).resolves.toBeTruthy();
  });

  it("refuses a password from the list of the most common ones, however long, with a clear message", async () => {
    for (const password of ["password123", "qwertyuiop", "1q2w3e4r5t", "Password123"]) {
      const refused = await expectAppError(signUp(getDb(), { name: "Common", email: `common-${password}@example.test`, password }, { ipAddress: "10.6.0.1" }), "VALIDATION_FAILED");
      expect((refused.details as { fieldErrors: { password: string[] } }).fieldErrors.password[0]).toMatch(/most common/);
    }
    expect(await getDb().user.count({ where: { email: { startsWith: "common-" } } })).toBe(0);
    await expect(signUp(getDb(), { name: "Mine", email: "mine@example.test", password: "violet kettle harbour" }, { ipAddress: "10.6.0.1" })).resolves.toBeTruthy();
  });

  it("gives every new account a unique handle", async () => {
    await signUp(getDb(), { name: "A", email: "same@one.test", password: PASSPHRASE });
    await signUp(getDb(), { name: "B", email: "same@two.test", password: PASSPHRASE });
    const handles = await getDb().user.findMany({ where: { email: { in: ["same@one.test", "same@two.test"] } }, select: { handle: true } });
    expect(new Set(handles.map((row) => row.handle)).size).toBe(2);
  });

  it("counts accounts made any other way (seed, factories, older accounts) as confirmed", async () => {
    const user = await createUser();
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
  });
});

describe("e-mail confirmation", () => {
  it("confirms the address, opens a session and welcomes the student once; the link works once", async () => {
    await signUp(getDb(), { name: "Wel Come", email: "welcome@example.test", password: PASSPHRASE });
    const token = await tokenMailedTo("welcome@example.test");

    const { user, token: sessionToken } = await verifyEmail(getDb(), { token }, { ipAddress: "10.31.0.1" });
    expect(user).toMatchObject({ email: "welcome@example.test", role: "STUDENT" });
    expect((await resolveSession(getDb(), sessionToken))?.user.id).toBe(user.id);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeInstanceOf(Date);

    const again = await expectAppError(verifyEmail(getDb(), { token }, { ipAddress: "10.31.0.1" }), "VALIDATION_FAILED");
    expect(again.message).toMatch(/expired or has already been used/);

    expect((await queuedJobs("send-welcome")).map((job) => job.payload)).toContainEqual({ userId: user.id });
    await runQueuedJobs();
    const notifications = await getDb().notification.findMany({ where: { userId: user.id } });
    expect(notifications.map((n) => n.title)).toEqual(["Welcome to MXP, Wel Come"]);
    // The welcome e-mail went to the development outbox through its own job.
    const welcome = await getDb().emailOutbox.findFirstOrThrow({ where: { userId: user.id, subject: { contains: "Welcome" } } });
    expect(welcome).toMatchObject({ status: "SENT", transport: "development-outbox" });
    // A retried job must not notify twice.
    await buildTaskList(getDb)["send-welcome"]!({ userId: user.id }, { job: { id: "retry", attempts: 2 }, logger: { info() {}, error() {} } } as never);
    expect(await getDb().notification.count({ where: { userId: user.id } })).toBe(1);
  });

  it("uses up every other link of the account, and refuses an expired link and a made-up one", async () => {
    const asked = new Date(Date.now() - EMAIL_VERIFICATION_TTL_MS - 1_000);
    await signUp(getDb(), { name: "Late", email: "late@example.test", password: PASSPHRASE }, {}, asked);
    await expectAppError(verifyEmail(getDb(), { token: await tokenMailedTo("late@example.test") }), "VALIDATION_FAILED", /expired/);
    await expectAppError(verifyEmail(getDb(), { token: "x".repeat(43) }), "VALIDATION_FAILED", /expired/);

    await resendEmailVerification(getDb(), { email: "late@example.test" });
    const older = await tokenMailedTo("late@example.test");
    await resendEmailVerification(getDb(), { email: "late@example.test" });
    const newer = await tokenMailedTo("late@example.test");
    await verifyEmail(getDb(), { token: newer });
    await expectAppError(verifyEmail(getDb(), { token: older }), "VALIDATION_FAILED", /expired or has already been used/);
  });

  it("gives one link one session when it is used twice at once", async () => {
    await signUp(getDb(), { name: "Racer", email: "racer@example.test", password: PASSPHRASE });
    const token = await tokenMailedTo("racer@example.test");
    const results = await Promise.allSettled([verifyEmail(getDb(), { token }), verifyEmail(getDb(), { token })]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  it("lets an unconfirmed account not log in: the right password gets EMAIL_NOT_VERIFIED and a new link, a wrong one the usual 401", async () => {
    await signUp(getDb(), { name: "Eager", email: "eager@example.test", password: PASSPHRASE });
    const first = await tokenMailedTo("eager@example.test");
    const wrong = await expectAppError(logIn(getDb(), { email: "eager@example.test", password: "not the passphrase" }, { ipAddress: "10.32.0.1" }), "UNAUTHENTICATED");
    expect(wrong.message).toBe("That e-mail and password do not match an account.");

    const refused = await expectAppError(logIn(getDb(), { email: "eager@example.test", password: PASSPHRASE }, { ipAddress: "10.32.0.1" }), "EMAIL_NOT_VERIFIED");
    expect(refused.status).toBe(403);
    expect(refused.message).toMatch(/Confirm your e-mail address first: we have just sent a new link to eager@example\.test/);
    const user = await getDb().user.findUniqueOrThrow({ where: { email: "eager@example.test" } });
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
    const second = await tokenMailedTo("eager@example.test");
    expect(second).not.toBe(first);

    await verifyEmail(getDb(), { token: second });
    await expect(logIn(getDb(), { email: "eager@example.test", password: PASSPHRASE }, { ipAddress: "10.32.0.1" })).resolves.toMatchObject({ user: { id: user.id } });
  });

  it("answers every request for a new link the same way, and sends one only to an address waiting for confirmation", async () => {
    const confirmed = await createUser();
    await signUp(getDb(), { name: "Waiting", email: "waiting@example.test", password: PASSPHRASE });
    for (const email of [confirmed.email, "waiting@example.test", "nobody-here@example.test"]) {
      expect(await resendEmailVerification(getDb(), { email }, { ipAddress: "10.33.0.1" })).toEqual({ message: VERIFICATION_RESENT });
    }
    expect(await getDb().emailOutbox.count({ where: { to: confirmed.email } })).toBe(0);
    expect(await getDb().emailOutbox.count({ where: { to: "nobody-here@example.test" } })).toBe(0);
    expect(await getDb().emailOutbox.count({ where: { to: "waiting@example.test" } })).toBe(2);

    for (let i = 0; i < ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR; i++) await resendEmailVerification(getDb(), { email: "waiting@example.test" }, { ipAddress: `10.33.1.${i}` });
    expect(await getDb().emailOutbox.count({ where: { to: "waiting@example.test" } })).toBe(ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR);

    let limited;
    for (let i = 0; i <= VERIFICATION_RESENDS_PER_ADDRESS_PER_HOUR && !limited; i++) {
      limited = await resendEmailVerification(getDb(), { email: `someone-${i}@example.test` }, { ipAddress: "10.33.2.1" }).then(
        () => undefined,
        (error: unknown) => error,
      );
    }
    expect(limited).toMatchObject({ code: "RATE_LIMITED" });
  });

  it("counts a password reset as confirming the address", async () => {
    await signUp(getDb(), { name: "Forgetful", email: "forgetful@example.test", password: PASSPHRASE });
    await requestPasswordReset(getDb(), { email: "forgetful@example.test" }, { ipAddress: "10.34.0.1" });
    await resetPassword(getDb(), { token: await tokenMailedTo("forgetful@example.test", "/reset-password"), password: "violet kettle harbour lamp" });
    await expect(logIn(getDb(), { email: "forgetful@example.test", password: "violet kettle harbour lamp" }, { ipAddress: "10.34.0.1" })).resolves.toBeTruthy();
    await expectAppError(verifyEmail(getDb(), { token: await tokenMailedTo("forgetful@example.test") }), "VALIDATION_FAILED");
  });
});
