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

describe("pages about a student's own record", () => {
  const studentOnly = ["./dashboard.student.skills.tsx", "./dashboard.student.portfolio.tsx", "./dashboard.student.onboarding.tsx"];

  for (const file of studentOnly) {
    it(`${file.slice(2)} tells a mentor and an administrator it is a student's page, and where their own work is`, async () => {
      const module = await pages[file]!();
      for (const [role, where] of [
        ["MENTOR", "your work is in the review queue"],
        ["ADMIN", "the academy, the review pipeline and the mentors are in your menu"],
      ] as const) {
        const { token } = await createSignedInUser({ role });
        const request = new Request("http://mxp.test/dashboard/student/page", { headers: { Cookie: cookieHeader(token) } });
        const refused = (await thrownBy(module.loader!({ request, params: {}, context }))) as Response;
        expect(refused).toBeInstanceOf(Response);
        expect(refused.status).toBe(403);
        const body = (await refused.json()) as { error: { message: string } };
        expect(body.error.message).toMatch(/belongs to student accounts/);
        expect(body.error.message).toContain(where);
      }
      const { token } = await createSignedInUser();
      const request = new Request("http://mxp.test/dashboard/student/page", { headers: { Cookie: cookieHeader(token) } });
      const answered = await thrownBy(module.loader!({ request, params: {}, context }));
      expect(answered).toHaveProperty("resolved");
    });
  }
});
