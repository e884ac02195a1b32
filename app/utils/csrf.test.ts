import { describe, expect, it } from "vitest";
import { isCrossSiteRequest, type CsrfRequest } from "./csrf";

const base: CsrfRequest = {
  method: "POST",
  host: "mxp.example",
  origin: "https://mxp.example",
  referer: undefined,
  secFetchSite: undefined,
  hasCookieSession: true,
  hasBearerToken: false,
};

describe("isCrossSiteRequest", () => {
  it("lets reads through", () => {
    expect(isCrossSiteRequest({ ...base, method: "GET", origin: "https://evil.example" })).toBe(false);
  });
  it("accepts same-origin posts", () => {
    expect(isCrossSiteRequest(base)).toBe(false);
    expect(isCrossSiteRequest({ ...base, secFetchSite: "same-origin" })).toBe(false);
  });
  it("refuses posts from another origin", () => {
    expect(isCrossSiteRequest({ ...base, origin: "https://evil.example" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, secFetchSite: "cross-site" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, origin: "null" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, origin: undefined, referer: "https://evil.example/page" })).toBe(true);
  });
  it("refuses cookie posts that say nothing about where they come from", () => {
    expect(isCrossSiteRequest({ ...base, origin: undefined })).toBe(true);
  });
  it("lets bearer-token clients through", () => {
    expect(isCrossSiteRequest({ ...base, origin: undefined, hasCookieSession: false, hasBearerToken: true })).toBe(false);
  });
  it("lets bearer-token clients that also keep the session cookie through: the token authenticates them", () => {
    expect(isCrossSiteRequest({ ...base, origin: undefined, referer: undefined, hasCookieSession: true, hasBearerToken: true })).toBe(false);
  });
  it("checks log-in forms posted from another site even without a session", () => {
    expect(isCrossSiteRequest({ ...base, hasCookieSession: false, origin: "https://evil.example" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, hasCookieSession: false, origin: undefined })).toBe(false);
  });
});
