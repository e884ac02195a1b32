import { describe, expect, it, vi } from "vitest";

// The database is down: recognising the caller from their session fails.
vi.mock("~/features/accounts/auth.server", () => ({
  getOptionalUser: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432")),
}));

const { mayReadHealthDetails } = await import("./service.server");

describe("/healthz while the database is down", () => {
  it("gives a caller with a session cookie the public answer instead of failing", async () => {
    const request = new Request("http://mxp.test/healthz", { headers: { Cookie: "mxp_session=some-session-token" } });
    await expect(mayReadHealthDetails(request)).resolves.toBe(false);
  });
});
