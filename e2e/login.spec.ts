import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, NAV_LINKS, logIn, logOut, mainNav, submitLogIn } from "./helpers";

test.describe("log-in with the demo accounts", () => {
  for (const account of DEMO_ACCOUNTS) {
    test(`${account.email} (${account.role}${account.tier ? `, ${account.tier}` : ""}) sees their name and navigation, then logs out`, async ({ page }) => {
      await page.goto("/");
      await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Log in" }).click();
      await expect(page).toHaveURL(/\/login$/);
      await submitLogIn(page, account.email);

      await expect(page).toHaveURL(/\/dashboard$/);
      await expect(page.getByTestId("user-name")).toHaveText(account.name);
      await expect(mainNav(page).getByRole("link")).toHaveText(NAV_LINKS[account.role]);
      await expect(page.getByTestId("notification-bell")).toHaveAttribute("aria-label", /^Notifications, /);

      await logOut(page);
      // The session is gone, not just the page: the dashboard asks to log in again.
      await page.goto("/dashboard");
      await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
    });
  }
});

test("a wrong password shows the error alert and no session", async ({ page }) => {
  await page.goto("/login");
  await submitLogIn(page, "student@mxp.local", "not-the-password");

  await expect(page.getByRole("alert")).toHaveText("That e-mail and password do not match an account.");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("E-mail")).toHaveValue("student@mxp.local");

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
});

test("an unknown e-mail gets the same answer as a wrong password", async ({ page }) => {
  await page.goto("/login");
  await submitLogIn(page, "nobody-here@example.test", "mxp-dev-password");
  await expect(page.getByRole("alert")).toHaveText("That e-mail and password do not match an account.");
});

test("an account already logged in is sent from /login to its dashboard", async ({ page }) => {
  await logIn(page, "premium@mxp.local");
  await page.goto("/login");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("user-name")).toHaveText("Priya Premium");
});
