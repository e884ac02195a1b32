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

  it("refuses production without a session secret or the site's address", () => {
    expect(() => parseEnv({ NODE_ENV: "production", APP_URL: "https://mxp.example.org" })).toThrow(/SESSION_SECRET is required in production/);
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32) })).toThrow(/APP_URL is required in production/);
    expect(() => parseEnv({ APP_URL: "mxp dot org" })).toThrow(/APP_URL must be the site's address/);
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(32), APP_URL: "https://mxp.example.org" }).APP_URL).toBe("https://mxp.example.org");
  });

  it("explains bad values", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ SESSION_SECRET: "short" })).toThrow(/at least 32/);
  });
});

describe("SMTP_URL and MAIL_FROM", () => {
  it("take a mail server's smtp:// or smtps:// address and a sender", () => {
    expect(parseEnv({}).SMTP_URL).toBeUndefined();
    expect(parseEnv({ SMTP_URL: "smtps://user:p%40ss@mail.example.org:465" }).SMTP_URL).toBe("smtps://user:p%40ss@mail.example.org:465");
    expect(parseEnv({ SMTP_URL: " smtp://mail.example.org:587 " }).SMTP_URL).toBe("smtp://mail.example.org:587");
    expect(parseEnv({ MAIL_FROM: "MXP <no-reply@mxp.example.org>" }).MAIL_FROM).toBe("MXP <no-reply@mxp.example.org>");
    expect(parseEnv({ MAIL_FROM: "no-reply@mxp.example.org" }).MAIL_FROM).toBe("no-reply@mxp.example.org");
  });

  it("refuse anything else with a message that says what to write, without echoing the password", () => {
    for (const value of ["mail.example.org", "http://mail.example.org", "smtp://", "smtp:user:secret-password"]) {
      const error = (() => {
        try {
          parseEnv({ SMTP_URL: value });
        } catch (caught) {
          return caught as Error;
        }
        throw new Error(`${value} was accepted`);
      })();
      expect(error.message).toMatch(/SMTP_URL must be the mail server's address as an smtp:\/\/ or smtps:\/\/ URL/);
      expect(error.message).not.toContain("secret-password");
    }
    expect(() => parseEnv({ MAIL_FROM: "MXP" })).toThrow(/MAIL_FROM must be an address/);
    expect(() => parseEnv({ MAIL_FROM: "MXP <no-reply>" })).toThrow(/MAIL_FROM must be an address/);
  });
});

describe("TRUST_PROXY", () => {
  const trust = (value: string) => parseEnv({ TRUST_PROXY: value }).TRUST_PROXY;

  it("is off unless set, and takes a number of proxies or their addresses", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(trust("false")).toBe(false);
    expect(trust("0")).toBe(false);
    expect(trust("1")).toBe(1);
    expect(trust("2")).toBe(2);
    expect(trust("10.0.0.2")).toEqual(["10.0.0.2"]);
    expect(trust("10.0.0.0/8, loopback,fd00::/8")).toEqual(["10.0.0.0/8", "loopback", "fd00::/8"]);
  });

  it("refuses true, which would let a client choose its address, and says what to write", () => {
    expect(() => trust("true")).toThrow(/TRUST_PROXY: true would take the left-most X-Forwarded-For address.*TRUST_PROXY=1/);
  });

  it("refuses what is neither a count nor addresses", () => {
    expect(() => trust("proxy.internal")).toThrow(/TRUST_PROXY: "proxy.internal" is not an address or subnet/);
    expect(() => trust("10.0.0.0/33")).toThrow(/TRUST_PROXY/);
    expect(() => trust("yes")).toThrow(/TRUST_PROXY/);
  });
});

describe("HEALTH_TOKEN", () => {
  it("is optional and must be long enough when set", () => {
    expect(parseEnv({}).HEALTH_TOKEN).toBeUndefined();
    expect(parseEnv({ HEALTH_TOKEN: "h".repeat(32) }).HEALTH_TOKEN).toBe("h".repeat(32));
    expect(() => parseEnv({ HEALTH_TOKEN: "short" })).toThrow(/HEALTH_TOKEN must be at least 32/);
  });
});
