/// <reference types="vite/client" />
import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { createSignedInUser, cookieHeader } from "~/testing/factories";

// The dashboard layout has no loader (its data comes with the root's), so each page under
// /dashboard must sign visitors in itself. This finds every one of them, including new ones.
const pages = import.meta.glob<{ loader?: (args: LoaderFunctionArgs) => Promise<unknown> }>("./dashboard.*.tsx");
const context = { clientAddress: "198.51.100.7", requestId: "test" };

async function thrownBy(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => error,
  );
}

describe("every page under /dashboard", () => {
  it("has pages to check", () => {
    expect(Object.keys(pages).length).toBeGreaterThanOrEqual(8);
  });

  for (const [file, load] of Object.entries(pages)) {
    it(`${file.slice(2)} sends visitors to log-in and lets a signed-in user through the gate`, async () => {
      const module = await load();
      expect(module.loader, `${file} needs a loader that calls requireUser or requireRole`).toBeTypeOf("function");
      const url = "http://mxp.test/dashboard/some/page?x=1";
      const anonymous = (await thrownBy(module.loader!({ request: new Request(url), params: { id: "missing" }, context }))) as Response;
      expect(anonymous).toBeInstanceOf(Response);
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("Location")).toBe("/login?redirectTo=%2Fdashboard%2Fsome%2Fpage%3Fx%3D1");

      // A signed-in student gets past the sign-in gate: an answer, or a refusal that is not a redirect to log-in.
      const { token } = await createSignedInUser();
      const signedIn = await thrownBy(module.loader!({ request: new Request(url, { headers: { Cookie: cookieHeader(token) } }), params: { id: "missing" }, context }));
      const location = signedIn instanceof Response ? signedIn.headers.get("Location") : null;
      expect(location ?? "").not.toMatch(/^\/login/);
    });
  }
});
