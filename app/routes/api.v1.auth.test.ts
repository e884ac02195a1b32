import { describe, expect, it } from "vitest";
import { action as loginAction, loader as loginLoader } from "~/routes/api.v1.auth.login";
import { action as logoutAction } from "~/routes/api.v1.auth.logout";
import { loader as meLoader } from "~/routes/api.v1.me";
import { loader as unknownLoader } from "~/routes/api.v1.$";
import { createUser, TEST_PASSWORD } from "~/testing/factories";

const context = { clientAddress: "192.0.2.10", requestId: "test" };
const BASE = "http://mxp.test";

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return new Request(`${BASE}${path}`, { method: "POST", body, headers: { "Content-Type": "application/json", ...headers } });
}

async function login(email: string, password: string) {
  return await loginAction({ request: post("/api/v1/auth/login", JSON.stringify({ email, password })), params: {}, context });
}

describe("POST /api/v1/auth/login", () => {
  it("returns a token, the user and an HttpOnly SameSite cookie", async () => {
    const user = await createUser();
    const response = await login(user.email, TEST_PASSWORD);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.user).toMatchObject({ id: user.id, email: user.email, role: "STUDENT" });
    expect(body.user.passwordHash).toBeUndefined();
    expect(typeof body.token).toBe("string");
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toContain("mxp_session=");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
  });

  it("issues a token every /api/v1 route accepts as Bearer", async () => {
    const user = await createUser();
    const { token } = await (await login(user.email, TEST_PASSWORD)).json();
    const me = await meLoader({ request: new Request(`${BASE}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } }), params: {}, context });
    expect(me.status).toBe(200);
    expect((await me.json()).user.id).toBe(user.id);

    const logout = await logoutAction({ request: post("/api/v1/auth/logout", "", { Authorization: `Bearer ${token}` }), params: {}, context });
    expect(logout.status).toBe(200);
    const after = await meLoader({ request: new Request(`${BASE}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } }), params: {}, context });
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.any(String) } });
  });

  it("answers bad input with 4xx JSON, never 500", async () => {
    const malformed = await loginAction({ request: post("/api/v1/auth/login", "{not json"), params: {}, context });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe("VALIDATION_FAILED");

    const missing = await loginAction({ request: post("/api/v1/auth/login", JSON.stringify({ email: 42 })), params: {}, context });
    expect(missing.status).toBe(400);
    const body = await missing.json();
    expect(body.error.details.fieldErrors).toHaveProperty("email");
    expect(body.error.details.fieldErrors).toHaveProperty("password");

    const wrongType = await loginAction({ request: new Request(`${BASE}/api/v1/auth/login`, { method: "POST", body: "email=a" }), params: {}, context });
    expect(wrongType.status).toBe(400);

    const wrongPassword = await login("nobody@example.test", "whatever-password");
    expect(wrongPassword.status).toBe(401);
    expect((await wrongPassword.json()).error.code).toBe("UNAUTHENTICATED");

    const get = await loginLoader({ request: new Request(`${BASE}/api/v1/auth/login`), params: {}, context });
    expect(get.status).toBe(405);
  });

  it("answers 429 with Retry-After once an account is throttled", async () => {
    const user = await createUser();
    for (let i = 0; i < 5; i++) expect((await login(user.email, "wrong-password")).status).toBe(401);
    const limited = await login(user.email, TEST_PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("RATE_LIMITED");
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const response = await unknownLoader({ request: new Request(`${BASE}/api/v1/nope`), params: { "*": "nope" }, context });
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("NOT_FOUND");
  });

  it("rejects a made-up bearer token", async () => {
    const response = await meLoader({ request: new Request(`${BASE}/api/v1/me`, { headers: { Authorization: "Bearer forged" } }), params: {}, context });
    expect(response.status).toBe(401);
  });
});
