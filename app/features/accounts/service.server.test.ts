import { describe, expect, it } from "vitest";
import { createUser, TEST_PASSWORD } from "~/testing/factories";
import { getDb } from "~/utils/db.server";
import { resolveSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "./session.server";
import { logIn, loginThrottleKeys } from "./service.server";
import { LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS, LOGIN_ATTEMPTS_PER_ACCOUNT_BEFORE_DELAY, LOGIN_ATTEMPTS_PER_ADDRESS, LOGIN_MAX_DELAY_SECONDS } from "~/domain/login-throttle";
import { appErrorFrom as expectAppError } from "~/testing/errors";

describe("log-in", () => {
  it("opens a new session at every log-in (rotation)", async () => {
    const user = await createUser();
    const first = await logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.0.0.1" });
    const second = await logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.0.0.1" });
    expect(first.token).not.toBe(second.token);
    expect(first.user.id).toBe(user.id);
    const stored = await getDb().session.findMany({ where: { userId: user.id } });
    expect(stored.map((s) => s.id)).not.toContain(first.token); // only the keyed hash is stored
  });

  it("refuses a wrong password and an unknown account alike", async () => {
    const user = await createUser();
    const wrong = await expectAppError(logIn(getDb(), { email: user.email, password: "nope nope nope" }, { ipAddress: "10.0.0.2" }), "UNAUTHENTICATED");
    const unknown = await expectAppError(logIn(getDb(), { email: "ghost@example.test", password: "nope nope nope" }, { ipAddress: "10.0.0.2" }), "UNAUTHENTICATED");
    expect(wrong.message).toBe(unknown.message);
  });

  it("counts every attempt before checking its password: 100 parallel guesses from one address get at most 5 checks", async () => {
    const user = await createUser();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        logIn(getDb(), { email: user.email, password: "wrong password" }, { ipAddress: "10.1.0.1" }).catch((error: { code?: string }) => error.code),
      ),
    );
    // A 401 is an attempt whose password was checked; the rest were refused before any check.
    expect(answers.filter((code) => code === "UNAUTHENTICATED").length).toBeLessThanOrEqual(LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS);
    expect(answers.filter((code) => code === "RATE_LIMITED").length).toBeGreaterThanOrEqual(100 - LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS);
    const limited = await expectAppError(logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.1.0.1" }), "RATE_LIMITED");
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBeGreaterThan(0);
  });

  it("does not lock the owner out when someone else fails on purpose from another address", async () => {
    const user = await createUser();
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS + 3; i++) {
      await logIn(getDb(), { email: user.email, password: "wrong password" }, { ipAddress: "10.2.0.66" }).catch(() => undefined);
    }
    await expect(logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.2.0.1" })).resolves.toMatchObject({ user: { id: user.id } });
  });

  it("spaces out attempts on one account from many addresses with a short wait, never a long lock", async () => {
    const user = await createUser();
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_ACCOUNT_BEFORE_DELAY; i++) {
      await expectAppError(logIn(getDb(), { email: user.email, password: "wrong password" }, { ipAddress: `10.3.0.${i}` }), "UNAUTHENTICATED");
    }
    // Past the threshold one attempt goes through, and the next must wait a little.
    await expectAppError(logIn(getDb(), { email: user.email, password: "wrong password" }, { ipAddress: "10.3.1.1" }), "UNAUTHENTICATED");
    for (let i = 0; i < 20; i++) await logIn(getDb(), { email: user.email, password: "wrong password" }, { ipAddress: `10.3.2.${i}` }).catch(() => undefined);
    const owner = await expectAppError(logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.3.9.9" }), "RATE_LIMITED");
    expect(owner.retryAfter).toBeGreaterThan(0);
    expect(owner.retryAfter).toBeLessThanOrEqual(LOGIN_MAX_DELAY_SECONDS);
    expect(owner.message).toMatch(/Try again in (\d+ seconds?|1 minute)\./);
  });

  it("costs the owner none of their own tries while they wait for the account's turn", async () => {
    const user = await createUser();
    for (let i = 0; i <= LOGIN_ATTEMPTS_PER_ACCOUNT_BEFORE_DELAY; i++) {
      await logIn(getDb(), { email: user.email, password: "wrong password" }, { ipAddress: `10.4.0.${i}` }).catch(() => undefined);
    }
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_ACCOUNT_AND_ADDRESS + 3; i++) {
      const waiting = await expectAppError(logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.4.9.9" }), "RATE_LIMITED");
      expect(waiting.message).toMatch(/many failed log-in attempts/);
    }
    const keys = loginThrottleKeys(user.email, "10.4.9.9");
    expect((await getDb().rateLimit.findUnique({ where: { key: keys.accountAndAddress } }))?.count ?? 0).toBe(0);
    expect((await getDb().rateLimit.findUnique({ where: { key: keys.address } }))?.count ?? 0).toBe(0);
  });

  it("counts an IPv6 subscriber's whole /64 as one address", async () => {
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_ADDRESS; i++) {
      await expectAppError(logIn(getDb(), { email: `v6-${i}@example.test`, password: "wrong password" }, { ipAddress: `2001:db8:1:2::${i.toString(16)}` }), "UNAUTHENTICATED");
    }
    await expectAppError(logIn(getDb(), { email: "v6-last@example.test", password: "wrong password" }, { ipAddress: "2001:db8:1:2:ffff::1" }), "RATE_LIMITED");
  });

  it("throttles one address trying many accounts", async () => {
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_ADDRESS; i++) {
      await expectAppError(logIn(getDb(), { email: `spray-${i}@example.test`, password: "wrong password" }, { ipAddress: "10.9.9.9" }), "UNAUTHENTICATED");
    }
    const user = await createUser();
    await expectAppError(logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.9.9.9" }), "RATE_LIMITED");
    // another address is unaffected
    await expect(logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.9.9.10" })).resolves.toBeTruthy();
  });

  it("gives a successful log-in its slot back, so a shared address is not used up by its own people", async () => {
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_ADDRESS + 5; i++) {
      const user = await createUser();
      await logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.8.8.8" });
    }
  });

  it("expires sessions when idle and absolutely", async () => {
    const user = await createUser();
    const { token } = await logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.0.0.3" });
    const now = Date.now();
    expect(await resolveSession(getDb(), token, new Date(now + SESSION_IDLE_MS - 60_000))).not.toBeNull();
    // idle: a week without requests after the last touch
    expect(await resolveSession(getDb(), token, new Date(now + 2 * SESSION_IDLE_MS))).toBeNull();

    const other = await logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.0.0.3" });
    // absolute: even a session used every day dies after 30 days
    let day = now;
    while (day < now + SESSION_ABSOLUTE_MS - 2 * 86_400_000) {
      day += 86_400_000;
      expect(await resolveSession(getDb(), other.token, new Date(day))).not.toBeNull();
    }
    expect(await resolveSession(getDb(), other.token, new Date(now + SESSION_ABSOLUTE_MS + 1000))).toBeNull();
  });

  it("says until when a session lives unless it is used again: a week after it was last seen, never past its absolute end", async () => {
    const user = await createUser();
    const { token, expiresAt } = await logIn(getDb(), { email: user.email, password: TEST_PASSWORD }, { ipAddress: "10.0.0.4" });
    const now = Date.now();
    // Used again after a day: the touch moves the idle end on.
    const later = new Date(now + 86_400_000);
    expect((await resolveSession(getDb(), token, later))?.liveUntil).toEqual(new Date(later.getTime() + SESSION_IDLE_MS));
    // Used every few days until a day before its absolute end: that end comes first.
    for (let day = later.getTime(); day < expiresAt.getTime() - 86_400_000; day += 5 * 86_400_000) await resolveSession(getDb(), token, new Date(day));
    expect((await resolveSession(getDb(), token, new Date(expiresAt.getTime() - 86_400_000)))?.liveUntil).toEqual(expiresAt);
  });
});
