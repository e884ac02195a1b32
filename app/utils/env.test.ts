import { describe, expect, it } from "vitest";
import { DEVELOPMENT_STRIPE_WEBHOOK_SECRET, parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("runs with nothing configured", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.UPLOAD_MAX_BYTES).toBe(25 * 1024 * 1024);
    expect(env.STRIPE_WEBHOOK_SECRET).toBe(DEVELOPMENT_STRIPE_WEBHOOK_SECRET);
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", OPENAI_API_KEY: " " }).OPENAI_API_KEY).toBeUndefined();
  });

  it("refuses production without a session secret", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET is required in production/);
  });

  it("explains bad values", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ SESSION_SECRET: "short" })).toThrow(/at least 32/);
  });
});
