import { describe, expect, it } from "vitest";
import { action, loader } from "~/routes/dashboard.account_.email";
import { emailSettings } from "~/features/notifications/service.server";
import { cookieHeader, createSignedInUser } from "~/testing/factories";
import { getDb } from "~/utils/db.server";

const context = { clientAddress: "198.51.100.7", requestId: "test" };

function post(token: string, body: URLSearchParams) {
  return new Request("http://mxp.test/dashboard/account/email", { method: "POST", body, headers: { Cookie: cookieHeader(token) } });
}

describe("the e-mail settings page", () => {
  it("shows the kinds the person can receive and saves the ticked boxes as on and the rest as off, without JavaScript", async () => {
    const { user, token } = await createSignedInUser();
    const page = await loader({ request: new Request("http://mxp.test/dashboard/account/email", { headers: { Cookie: cookieHeader(token) } }), params: {}, context });
    const shown = (await page.json()) as { email: string; kinds: { kind: string; email: boolean }[] };
    expect(shown.email).toBe(user.email);
    expect(shown.kinds.map((kind) => [kind.kind, kind.email])).toEqual([
      ["review-ready", true],
      ["mentor-review-done", true],
      ["mission-approved", true],
      ["payment-problem", true],
    ]);

    // Only "mission approved" stays ticked; a kind the student never receives, slipped into the form, changes nothing.
    const saved = await action({
      request: post(
        token,
        new URLSearchParams([
          ["email", "mission-approved"],
          ["email", "review-failed"],
        ]),
      ),
      params: {},
      context,
    });
    expect(await saved.json()).toEqual({ saved: true });
    expect((await emailSettings(getDb(), user)).kinds.map((kind) => [kind.kind, kind.email])).toEqual([
      ["review-ready", false],
      ["mentor-review-done", false],
      ["mission-approved", true],
      ["payment-problem", false],
    ]);
    expect(await getDb().emailPreference.count({ where: { userId: user.id, kind: "review-failed" } })).toBe(0);

    await action({
      request: post(
        token,
        new URLSearchParams([
          ["email", "review-ready"],
          ["email", "mission-approved"],
        ]),
      ),
      params: {},
      context,
    });
    expect((await emailSettings(getDb(), user)).kinds.filter((kind) => kind.email).map((kind) => kind.kind)).toEqual(["review-ready", "mission-approved"]);
  });

  it("gives a mentor the mentor's kinds", async () => {
    const { user, token } = await createSignedInUser({ role: "MENTOR" });
    await action({ request: post(token, new URLSearchParams()), params: {}, context });
    expect((await emailSettings(getDb(), user)).kinds).toEqual([expect.objectContaining({ kind: "mentor-review-requested", email: false })]);
  });
});
