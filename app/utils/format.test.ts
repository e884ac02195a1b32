import { describe, expect, it } from "vitest";
import { formatDateTime, formatMinutes, formatWaited } from "./format";

describe("formatMinutes", () => {
  it("keeps minutes under an hour and rounds hours to the half", () => {
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(60)).toBe("1 h");
    expect(formatMinutes(100)).toBe("1.5 h");
    expect(formatMinutes(240)).toBe("4 h");
  });
});

describe("formatDateTime", () => {
  it("writes the time in UTC with the zone named, whatever the process's time zone", () => {
    // The test run's TZ is America/Sao_Paulo (vitest.config.ts): 21:05 UTC would be 18:05 there.
    expect(formatDateTime("2026-11-25T21:05:00.000Z")).toMatch(/^25 November 2026(,| at) 21:05 UTC$/);
    expect(formatDateTime(new Date("2027-01-01T00:00:00Z"))).toMatch(/^1 January 2027(,| at) 00:00 UTC$/);
  });
});

describe("formatWaited", () => {
  it("says how long something waited in the unit that matters", () => {
    expect(formatWaited(20)).toBe("under a minute");
    expect(formatWaited(12 * 60 + 30)).toBe("12 min");
    expect(formatWaited(3 * 3600 + 5 * 60)).toBe("3 h 5 min");
    expect(formatWaited(2 * 3600)).toBe("2 h");
    expect(formatWaited(3 * 86400 + 60)).toBe("3 days");
  });
});
