import { describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login";
import { action as signupAction } from "~/routes/signup";
import { action as logoutAction } from "~/routes/logout";
import { action as verifyEmailAction } from "~/routes/verify-email";
import { SIGN_UP_REQUESTED, VERIFICATION_RESENT } from "~/features/accounts/signup.server";
import type { FormFailure } from "~/utils/forms.server";
import { generateTOTP } from "@epic-web/totp";
import { sealSecret, TOTP_PERIOD_SECONDS } from "~/features/accounts/two-factor.server";
import { loader as notificationsLoader } from "~/routes/dashboard.notifications";
import { loader as academyLoader } from "~/routes/dashboard.admin.academy._index";
import { loader as reviewsLoader } from "~/routes/dashboard.mentor.reviews._index";
import { cookieHeader, createSignedInUser, createUser, TEST_PASSWORD } from "~/testing/factories";
import { getDb } from "~/utils/db.server";

const context = { clientAddress: "198.51.100.7", requestId: "test" };

function form(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`http://mxp.test${path}`, { method: "POST", body: new URLSearchParams(fields), headers });
}

async function rejection(promise: Promise<unknown>): Promise<Response> {
  const thrown = await promise.then(
    () => {
      throw new Error("expected the loader to throw a response");
    },
    (error) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  return thrown as Response;
}

describe("sign-up and log-in pages", () => {
  it("answers a sign-up with a new address and one with a taken address alike, with no session, and the link logs the student in", async () => {
    const taken = await createUser();
    const signUpWith = (email: string) => signupAction({ request: form("/signup", { name: "Page User", email, password: "a long passphrase" }), params: {}, context });
    const fresh = await signUpWith("page@example.test");
    const again = await signUpWith(taken.email);
    for (const response of [fresh, again]) {
      expect(response.status).toBe(200);
      expect(response.headers.get("Set-Cookie")).toBeNull();
    }
    const [freshBody, againBody] = [await fresh.json(), await again.json()];
    expect(freshBody).toEqual({ sent: { email: "page@example.test", message: SIGN_UP_REQUESTED } });
    expect(againBody).toEqual({ sent: { email: taken.email, message: SIGN_UP_REQUESTED } });

    const mail = await getDb().emailOutbox.findFirstOrThrow({ where: { to: "page@example.test" } });
    const token = new URL(/https?:\/\/\S+\/verify-email\?token=\S+/.exec(mail.text)![0]).searchParams.get("token")!;
    const confirmed = await verifyEmailAction({ request: form("/verify-email", { intent: "confirm", token }), params: {}, context });
    expect(confirmed.status).toBe(302);
    // A new student's first run opens on the profiler, with a welcome.
    expect(confirmed.headers.get("Location")).toBe("/dashboard/student/onboarding?welcome");
    expect(confirmed.headers.get("Set-Cookie")).toMatch(/^mxp_session=.+HttpOnly; SameSite=Lax/);

    const reused = await verifyEmailAction({ request: form("/verify-email", { intent: "confirm", token }), params: {}, context });
    expect(reused.status).toBe(400);
    expect(((await reused.json()) as FormFailure).fieldErrors!.token![0]).toMatch(/expired or has already been used/);
  });

  it("asks for a new confirmation link with the same answer for any address", async () => {
    const response = await verifyEmailAction({ request: form("/verify-email", { intent: "resend", email: "who-knows@example.test" }), params: {}, context });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ resent: { message: VERIFICATION_RESENT } });
  });

  it("tells an unconfirmed account that logs in to confirm its address (403), with no session", async () => {
    await signupAction({ request: form("/signup", { name: "Early Bird", email: "early@example.test", password: "a long passphrase" }), params: {}, context });
    const response = await loginAction({ request: form("/login", { email: "early@example.test", password: "a long passphrase" }), params: {}, context });
    expect(response.status).toBe(403);
    expect(response.headers.get("Set-Cookie")).toBeNull();
    expect(((await response.json()) as FormFailure).formError).toMatch(/^Confirm your e-mail address first/);
  });

  it("returns field errors with 400 and keeps what was typed, but not the password", async () => {
    const response = await signupAction({ request: form("/signup", { name: "Keep Me", email: "broken", password: "short" }), params: {}, context });
    expect(response.status).toBe(400);
    const body = (await response.json()) as FormFailure;
    expect(body.fieldErrors!.email).toEqual(["Enter a valid e-mail address"]);
    expect(body.fieldErrors!.password![0]).toMatch(/at least 10/);
    expect(body.values).toEqual({ name: "Keep Me", email: "broken" });
  });

  it("logs in and follows only same-site redirects", async () => {
    const user = await createUser();
    const ok = await loginAction({ request: form("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "/dashboard/notifications" }), params: {}, context });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/dashboard/notifications");
    const offsite = await loginAction({ request: form("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "//evil.example" }), params: {}, context });
    expect(offsite.headers.get("Location")).toBe("/dashboard");
    // What `/login?redirectTo=/%09/evil.example/phish` puts in the form: browsers drop the tab.
    const tabbed = await loginAction({ request: form("/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "/\t/evil.example/phish" }), params: {}, context });
    expect(tabbed.headers.get("Location")).toBe("/dashboard");
  });

  it("shows a form error (401) for a wrong password", async () => {
    const user = await createUser();
    const response = await loginAction({ request: form("/login", { email: user.email, password: "not the password" }), params: {}, context });
    expect(response.status).toBe(401);
    expect(((await response.json()) as FormFailure).formError).toBe("That e-mail and password do not match an account.");
  });

  it("asks an account with two-step log-in for its code on a second step bound to a cookie, and only then opens a session", async () => {
    const { secret } = await generateTOTP({ period: TOTP_PERIOD_SECONDS });
    const mentor = await createUser({ role: "MENTOR" });
    await getDb().user.update({ where: { id: mentor.id }, data: { totpSecret: sealSecret(secret), totpEnabledAt: new Date() } });
    const first = await loginAction({ request: form("/login", { email: mentor.email, password: TEST_PASSWORD, redirectTo: "/dashboard/mentor/reviews" }), params: {}, context });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ step: "code", redirectTo: "/dashboard/mentor/reviews" });
    const stepCookie = first.headers.get("Set-Cookie")!;
    expect(stepCookie).toMatch(/^mxp_login_step=[^;]+; Path=\/login; HttpOnly; SameSite=Lax/);
    expect(stepCookie).not.toContain("mxp_session");
    expect(await getDb().session.count({ where: { userId: mentor.id } })).toBe(0);
    const cookie = stepCookie.split(";")[0]!;

    const wrong = await loginAction({
      request: form("/login", { intent: "code", code: "12345x", redirectTo: "/dashboard/mentor/reviews" }, { Cookie: cookie }),
      params: {},
      context,
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as FormFailure).values).toEqual({ step: "code", redirectTo: "/dashboard/mentor/reviews" });
    const noCookie = await loginAction({ request: form("/login", { intent: "code", code: "123456" }), params: {}, context });
    expect(await noCookie.json()).toMatchObject({ formError: expect.stringMatching(/timed out/), details: { restart: true } });

    const { otp } = await generateTOTP({ secret, period: TOTP_PERIOD_SECONDS });
    const done = await loginAction({ request: form("/login", { intent: "code", code: otp, redirectTo: "/dashboard/mentor/reviews" }, { Cookie: cookie }), params: {}, context });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/dashboard/mentor/reviews");
    expect(done.headers.get("Set-Cookie")).toMatch(/mxp_session=.+HttpOnly/);
    expect(done.headers.get("Set-Cookie")).toMatch(/mxp_login_step=; Path=\/login; HttpOnly; SameSite=Lax; Max-Age=0/);
  });

  it("log-out ends the session in the database and forgets a plan chosen before signing up", async () => {
    const { user, token } = await createSignedInUser();
    const response = await logoutAction({ request: form("/logout", {}, { Cookie: `${cookieHeader(token)}; mxp_plan=PREMIUM` }), params: {}, context });
    expect(response.headers.get("Set-Cookie")).toMatch(/mxp_session=; .*Max-Age=0/);
    expect(response.headers.get("Set-Cookie")).toMatch(/mxp_plan=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    expect(await getDb().session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("requireUser and requireRole in loaders", () => {
  it("sends anonymous visitors to log-in with the way back", async () => {
    const response = await rejection(notificationsLoader({ request: new Request("http://mxp.test/dashboard/notifications?x=1"), params: {}, context }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fdashboard%2Fnotifications%3Fx%3D1");
  });

  it("gives signed-in users without the role a 403", async () => {
    const student = await createSignedInUser();
    const request = (token: string, path: string) => new Request(`http://mxp.test${path}`, { headers: { Cookie: cookieHeader(token) } });
    const forbidden = await rejection(academyLoader({ request: request(student.token, "/dashboard/admin/academy"), params: {}, context }));
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.code).toBe("FORBIDDEN");
    await rejection(reviewsLoader({ request: request(student.token, "/dashboard/mentor/reviews"), params: {}, context }));

    const mentor = await createSignedInUser({ role: "MENTOR" });
    const queue = await reviewsLoader({ request: request(mentor.token, "/dashboard/mentor/reviews"), params: {}, context });
    expect(queue.status).toBe(200);
    expect(await rejection(academyLoader({ request: request(mentor.token, "/dashboard/admin/academy"), params: {}, context }))).toHaveProperty("status", 403);

    const admin = await createSignedInUser({ role: "ADMIN" });
    expect((await academyLoader({ request: request(admin.token, "/dashboard/admin/academy"), params: {}, context })).status).toBe(200);
  });
});
