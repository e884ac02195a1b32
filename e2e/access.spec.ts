import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, logIn, submitLogIn } from "./helpers";

test.describe("access control", () => {
  test("a student gets the 403 page on the admin academy page", async ({ page }) => {
    await logIn(page, "student@mxp.local");
    const response = await page.goto("/dashboard/admin/academy");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "This isn't for your account" })).toBeVisible();
    await expect(page.getByText("Error 403")).toBeVisible();
  });

  test("anonymous visitors are sent to log in, then back to the page they asked for", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);

    await page.goto("/dashboard/notifications");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard%2Fnotifications$/);
    await submitLogIn(page, "starter@mxp.local");
    await expect(page).toHaveURL(/\/dashboard\/notifications$/);
    await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
    await expect(page.getByTestId("user-name")).toHaveText("Stella Starter");
  });

  test("log-in never redirects off the site", async ({ page }) => {
    await page.goto(`/login?redirectTo=${encodeURIComponent("//evil.example/phish")}`);
    await submitLogIn(page, "student@mxp.local");
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/dashboard$/);
  });
});

test.describe("cross-site request forgery", () => {
  test("a cross-site POST to /logout is refused and the session survives", async ({ request, baseURL }) => {
    const login = await request.post("/login", {
      form: { email: "mentor@mxp.local", password: DEMO_PASSWORD, redirectTo: "/dashboard" },
      maxRedirects: 0,
    });
    expect(login.status()).toBe(302);
    expect(login.headers()["set-cookie"]).toMatch(/mxp_session=/);
    const sessionCookie = (await request.storageState()).cookies.find((cookie) => cookie.name === "mxp_session");
    expect(sessionCookie?.value).toBeTruthy();

    const forged = await request.post("/logout", {
      headers: { Origin: "https://evil.example", Cookie: `mxp_session=${sessionCookie!.value}` },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect((await forged.json()).error.code).toBe("FORBIDDEN");

    const stillIn = await request.get("/dashboard", { maxRedirects: 0 });
    expect(stillIn.status()).toBe(200);

    // The same request from the site itself is accepted.
    const genuine = await request.post("/logout", { headers: { Origin: baseURL! }, maxRedirects: 0 });
    expect(genuine.status()).toBe(302);
    expect(genuine.headers()["location"]).toBe("/");
    const loggedOut = await request.get("/dashboard", { maxRedirects: 0 });
    expect(loggedOut.status()).toBe(302);
    expect(loggedOut.headers()["location"]).toBe("/login?redirectTo=%2Fdashboard");
  });

  test("a form on another site cannot log a browser out", async ({ page, baseURL }) => {
    await logIn(page, "admin@mxp.local");
    // A page on another origin (served by Playwright, never fetched) that posts to /logout.
    await page.route("https://evil.example/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><title>Prize</title><form method="post" action="${baseURL}/logout"><button>Claim your prize</button></form>`,
      }),
    );
    await page.goto("https://evil.example/prize");
    const [response] = await Promise.all([
      page.waitForResponse((res) => res.url() === `${baseURL}/logout` && res.request().method() === "POST"),
      page.getByRole("button", { name: "Claim your prize" }).click(),
    ]);
    expect(response.status()).toBe(403);

    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId("user-name")).toHaveText("Ada Admin");
  });
});
