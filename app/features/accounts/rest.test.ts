import { describe, expect, it } from "vitest";
import { serveApiForTests } from "~/testing/api-server";
import { createUser, TEST_PASSWORD } from "~/testing/factories";

// REST v1's account operations over real HTTP (app/server/api.server.ts).
const api = serveApiForTests();

function post(path: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${api.url}${path}`, { method: "POST", body, headers: { "Content-Type": "application/json", ...headers } });
}

function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${api.url}${path}`, { headers });
}

async function login(email: string, password: string) {
  return await post("/api/v1/auth/login", JSON.stringify({ email, password }));
}

describe("POST /api/v1/auth/login", () => {
  it("returns a token, the user and an HttpOnly SameSite cookie", async () => {
    const user = await createUser();
    const response = await login(user.email, TEST_PASSWORD);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = await response.json();
    expect(body.user).toMatchObject({ id: user.id, email: user.email, role: "STUDENT" });
    expect(body.user.passwordHash).toBeUndefined();
    expect(typeof body.token).toBe("string");
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toContain("mxp_session=");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
  });

  it("marks the cookie Secure behind an HTTPS proxy", async () => {
    const user = await createUser();
    const response = await post("/api/v1/auth/login", JSON.stringify({ email: user.email, password: TEST_PASSWORD }), { "X-Forwarded-Proto": "https" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Set-Cookie")).toContain("Secure");
  });

  it("marks the cookie Secure over plain http in production, unless ALLOW_INSECURE_COOKIES says otherwise", async () => {
    const saved = { ...process.env };
    const user = await createUser();
    const cookieOf = async () => (await login(user.email, TEST_PASSWORD)).headers.get("Set-Cookie")!;
    const logoutCookieOf = async () =>
      (await post("/api/v1/auth/logout", "", { Authorization: `Bearer ${(await (await login(user.email, TEST_PASSWORD)).json()).token}` })).headers.get("Set-Cookie")!;
    try {
      Object.assign(process.env, {
        NODE_ENV: "production",
        SESSION_SECRET: saved.SESSION_SECRET ?? "mxp-test-session-secret-long-enough-0001",
        APP_URL: "https://mxp.example.org",
      });
      expect(await cookieOf()).toMatch(/; Secure$/);
      expect(await logoutCookieOf()).toMatch(/^mxp_session=; .*Max-Age=0; Secure$/);
      process.env.ALLOW_INSECURE_COOKIES = "true";
      expect(await cookieOf()).not.toContain("Secure");
      expect(await logoutCookieOf()).not.toContain("Secure");
    } finally {
      process.env = saved;
    }
  });

  it("issues a token every /api/v1 route accepts as Bearer", async () => {
    const user = await createUser();
    const { token } = await (await login(user.email, TEST_PASSWORD)).json();
    const me = await get("/api/v1/me", { Authorization: `Bearer ${token}` });
    expect(me.status).toBe(200);
    expect((await me.json()).user.id).toBe(user.id);

    const logout = await post("/api/v1/auth/logout", "", { Authorization: `Bearer ${token}` });
    expect(logout.status).toBe(200);
    expect(await logout.json()).toEqual({ ok: true });
    expect(logout.headers.get("Set-Cookie")).toMatch(/^mxp_session=; .*Max-Age=0/);
    const after = await get("/api/v1/me", { Authorization: `Bearer ${token}` });
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.any(String) } });
  });

  it("accepts writes from a bearer client that keeps cookies, and authenticates them by the token", async () => {
    const owner = await createUser();
    const other = await createUser();
    const loggedIn = await login(owner.email, TEST_PASSWORD);
    const { token } = await loggedIn.json();
    const cookieJar = loggedIn.headers.get("Set-Cookie")!.split(";")[0]!;
    const otherCookie = (await login(other.email, TEST_PASSWORD)).headers.get("Set-Cookie")!.split(";")[0]!;

    // No Origin header, as a server-side client sends: the cookie alone would be refused.
    expect((await post("/api/v1/missions/unknown-mission/start", "", { Cookie: cookieJar })).status).toBe(403);
    const withToken = await post("/api/v1/missions/unknown-mission/start", "", { Cookie: cookieJar, Authorization: `Bearer ${token}` });
    expect(withToken.status).toBe(404);
    // The token decides whose request it is, whatever cookie comes with it.
    const me = await get("/api/v1/me", { Cookie: otherCookie, Authorization: `Bearer ${token}` });
    expect((await me.json()).user.id).toBe(owner.id);
  });

  it("logs out the session of the cookie the log-in set", async () => {
    const user = await createUser();
    const response = await login(user.email, TEST_PASSWORD);
    const cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
    expect((await get("/api/v1/me", { Cookie: cookie })).status).toBe(200);
    // A cookie session's state-changing request must say where it comes from (CSRF check).
    expect((await post("/api/v1/auth/logout", "", { Cookie: cookie })).status).toBe(403);
    expect((await post("/api/v1/auth/logout", "", { Cookie: cookie, Origin: api.url })).status).toBe(200);
    expect((await get("/api/v1/me", { Cookie: cookie })).status).toBe(401);
  });

  it("answers bad input with 4xx JSON, never 500", async () => {
    const malformed = await post("/api/v1/auth/login", "{not json");
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toMatchObject({ code: "VALIDATION_FAILED", message: "The request body is not valid JSON." });

    const missing = await post("/api/v1/auth/login", JSON.stringify({ email: 42 }));
    expect(missing.status).toBe(400);
    const body = await missing.json();
    expect(body.error.details.fieldErrors).toHaveProperty("email");
    expect(body.error.details.fieldErrors).toHaveProperty("password");

    const wrongType = await fetch(`${api.url}/api/v1/auth/login`, { method: "POST", body: "email=a" });
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).error.code).toBe("VALIDATION_FAILED");

    const wrongPassword = await login("nobody@example.test", "whatever-password");
    expect(wrongPassword.status).toBe(401);
    expect((await wrongPassword.json()).error.code).toBe("UNAUTHENTICATED");

    const getLogin = await get("/api/v1/auth/login");
    expect(getLogin.status).toBe(405);
    expect(getLogin.headers.get("Allow")).toBe("POST");
    expect((await getLogin.json()).error.code).toBe("METHOD_NOT_ALLOWED");
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
    for (const response of [await get("/api/v1/nope"), await post("/api/v1/missions/x/y/z", "{}"), await get("/api/v1")]) {
      expect(response.status).toBe(404);
      expect(response.headers.get("Content-Type")).toContain("application/json");
      expect((await response.json()).error.code).toBe("NOT_FOUND");
    }
  });

  it("rejects a made-up bearer token", async () => {
    const response = await get("/api/v1/me", { Authorization: "Bearer forged" });
    expect(response.status).toBe(401);
  });
});
