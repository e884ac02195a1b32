import { describe, expect, it } from "vitest";
import { accountDelaySeconds, LOGIN_ATTEMPTS_PER_ACCOUNT_BEFORE_DELAY, LOGIN_MAX_DELAY_SECONDS } from "./login-throttle";
import { waitInWords } from "./wait-in-words";

describe("accountDelaySeconds", () => {
  it("lets attempts through without a wait up to the threshold", () => {
    for (let attempts = 0; attempts <= LOGIN_ATTEMPTS_PER_ACCOUNT_BEFORE_DELAY; attempts++) expect(accountDelaySeconds(attempts)).toBe(0);
  });

  it("doubles the wait past the threshold, up to a short cap", () => {
    const waits = [1, 2, 3, 4, 5, 6, 7].map((over) => accountDelaySeconds(LOGIN_ATTEMPTS_PER_ACCOUNT_BEFORE_DELAY + over));
    expect(waits).toEqual([2, 4, 8, 16, 32, LOGIN_MAX_DELAY_SECONDS, LOGIN_MAX_DELAY_SECONDS]);
    expect(accountDelaySeconds(10_000)).toBe(LOGIN_MAX_DELAY_SECONDS);
  });
});

describe("waitInWords", () => {
  it("says seconds under a minute and whole minutes beyond", () => {
    expect(waitInWords(0)).toBe("1 second");
    expect(waitInWords(1)).toBe("1 second");
    expect(waitInWords(7.2)).toBe("8 seconds");
    expect(waitInWords(60)).toBe("1 minute");
    expect(waitInWords(61)).toBe("2 minutes");
    expect(waitInWords(15 * 60)).toBe("15 minutes");
  });
});
