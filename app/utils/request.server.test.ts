import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./request.server";

describe("safeRedirectPath", () => {
  it("follows a path on this site with its query and fragment", () => {
    expect(safeRedirectPath("/dashboard/student/missions?track=x")).toBe("/dashboard/student/missions?track=x");
    expect(safeRedirectPath("/dashboard/notifications#unread")).toBe("/dashboard/notifications#unread");
  });

  it("refuses what a browser would take to another site", () => {
    // `/login?redirectTo=/%09/evil.example/phish`: the query decodes to a tab, which browsers drop.
    expect(safeRedirectPath(new URLSearchParams("redirectTo=/%09/evil.example/phish").get("redirectTo"))).toBe("/dashboard");
    for (const value of [
      "//evil.example",
      "/\\evil.example",
      "/\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\t\\evil.example",
      "/.//evil.example",
      "/x/..//evil.example",
    ]) {
      expect(safeRedirectPath(value), JSON.stringify(value)).toBe("/dashboard");
    }
  });

  it("refuses absolute addresses, other schemes and values that are not paths", () => {
    for (const value of ["https://evil.example", "http:evil.example", "javascript:alert(1)", "data:text/html,x", "\\/evil.example", " /evil.example", "dashboard", ""]) {
      expect(safeRedirectPath(value), JSON.stringify(value)).toBe("/dashboard");
    }
    expect(safeRedirectPath(null)).toBe("/dashboard");
    expect(safeRedirectPath(new File(["x"], "x.txt"))).toBe("/dashboard");
  });

  it("answers a path a Location header can carry: no line breaks, non-ASCII percent-encoded", () => {
    expect(safeRedirectPath("/dashboard\r\nSet-Cookie: x=1")).toBe("/dashboardSet-Cookie:%20x=1");
    expect(safeRedirectPath("/dashboard/é/😀")).toBe("/dashboard/%C3%A9/%F0%9F%98%80");
    expect(() => new Headers({ Location: safeRedirectPath("/missions\u0000/ü\r\n") })).not.toThrow();
  });

  it("takes another fallback", () => {
    expect(safeRedirectPath("//evil.example", "/")).toBe("/");
  });
});
