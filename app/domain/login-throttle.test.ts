import { describe, expect, it } from "vitest";
import { accountDelaySeconds, LOGIN_ATTEMPTS_PER_ACCOUNT_BEFORE_DELAY, LOGIN_MAX_DELAY_SECONDS, throttledAddress } from "./login-throttle";
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

describe("throttledAddress", () => {
  it("counts IPv4 addresses whole, mapped or not", () => {
    expect(throttledAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(throttledAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts every IPv6 address of one /64 as one, however it is written", () => {
    const expected = "2001:db8:85a3:8d3::/64";
    for (const address of ["2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:0db8:85a3:08d3::1", "2001:DB8:85A3:8D3::ffff", "2001:db8:85a3:8d3::1%eth0"]) {
      expect(throttledAddress(address)).toBe(expected);
    }
    expect(throttledAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(throttledAddress("::1")).toBe("0:0:0:0::/64");
    expect(throttledAddress("2001:db8:85a3:8d4::1")).not.toBe(expected);
  });
});
