import { expect, test } from "@playwright/test";
import { confirmEmail, DEMO_ACCOUNTS, logOut, mainNav, NAV_LINKS, submitLogIn, uniqueEmail } from "./helpers";
import { mailTo } from "./database";

test.describe("sign-up", () => {
  test("a new student signs up, confirms the address by e-mail, gets the welcome notification, logs out and is locked out of the dashboard", async ({ page }) => {
    const name = `Eve Newcomer ${Math.random().toString(36).slice(2, 7)}`;
    const email = uniqueEmail("signup");

    await page.goto("/");
    await page.getByRole("link", { name: "Start free" }).click();
    await expect(page).toHaveURL(/\/signup$/);

    await page.getByLabel("Your name").fill(name);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill("a long enough passphrase");
    await page.getByRole("button", { name: "Create account" }).click();

    await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
    await expect(page.getByTestId("signup-sent")).toContainText("Open the link in it to confirm the address and log in");
    await confirmEmail(page, email);
    await expect(page.getByTestId("user-name")).toHaveText(name);
    await expect(mainNav(page).getByRole("link")).toHaveText(NAV_LINKS.STUDENT);

    // The welcome notification is written by a background job, so it may need a moment.
    await mainNav(page).getByRole("link", { name: "Notifications" }).click();
    await expect(page).toHaveURL(/\/dashboard\/notifications$/);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("notification-list")).toContainText(`Welcome to MXP, ${name}`, { timeout: 1_000 });
    }).toPass({ timeout: 15_000, intervals: [250, 500, 1_000] });

    // The bell counts it as unread: the badge and the accessible name agree.
    const bell = page.getByTestId("notification-bell");
    await expect(bell).toHaveAttribute("aria-label", /^Notifications, [1-9]\d* unread$/);
    const count = (await page.getByTestId("notification-count").innerText()).trim();
    expect(Number(count)).toBeGreaterThanOrEqual(1);
    await expect(bell).toHaveAttribute("aria-label", `Notifications, ${count} unread`);

    await logOut(page);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
    await expect(page.getByRole("button", { name: "Log in" })).toBeVisible();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("a taken address gets the same answer and its owner an e-mail; a new one cannot log in before confirming, and asks for a new link", async ({ page }) => {
      const signUp = async (email: string) => {
        await page.goto("/signup");
        await page.getByLabel("Your name").fill("Curious Visitor");
        await page.getByLabel("E-mail").fill(email);
        await page.getByLabel("Password").fill("a long enough passphrase");
        await page.getByRole("button", { name: "Create account" }).click();
        await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
        return page.getByTestId("signup-sent").innerText();
      };
      const taken = DEMO_ACCOUNTS.find((account) => account.role === "STUDENT")!.email;
      const fresh = uniqueEmail("unconfirmed");
      expect(await signUp(taken)).toBe(await signUp(fresh));
      expect((await mailTo(page, taken)).map((email) => email.subject)).toContain("Someone tried to sign up to MXP with your address");

      // The resend form on the answer page, then logging in before confirming: each sends a new link.
      await page.getByRole("button", { name: "Send a new link" }).click();
      await expect(page.getByTestId("verification-resent")).toContainText("If this address is waiting to be confirmed");
      await page.goto("/login");
      await submitLogIn(page, fresh, "a long enough passphrase");
      await expect(page.getByRole("alert")).toContainText("Confirm your e-mail address first");
      await expect(page).toHaveURL(/\/login$/);
      expect((await mailTo(page, fresh)).filter((email) => email.subject === "Confirm your e-mail address for MXP")).toHaveLength(3);

      await confirmEmail(page, fresh);
      await expect(page.getByTestId("user-name")).toHaveText("Curious Visitor");
    });
  });

  for (const javaScriptEnabled of [true, false]) {
    test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
      test.use({ javaScriptEnabled });

      test("bad input shows the field errors and keeps what was typed", async ({ page }) => {
        const name = "Bad Input Bob";
        await page.goto("/signup");
        await page.getByLabel("Your name").fill(name);
        await page.getByLabel("E-mail").fill("not-an-e-mail");
        await page.getByLabel("Password").fill("short");
        await page.getByRole("button", { name: "Create account" }).click();

        const emailField = page.getByLabel("E-mail");
        const passwordField = page.getByLabel("Password");
        await expect(emailField).toHaveAttribute("aria-invalid", "true");
        await expect(emailField).toHaveAccessibleDescription(/Enter a valid e-mail address/);
        await expect(passwordField).toHaveAttribute("aria-invalid", "true");
        await expect(passwordField).toHaveAccessibleDescription(/Use at least 10 characters/);
        await expect(page.getByText("Enter a valid e-mail address")).toBeVisible();
        await expect(page.getByText("Use at least 10 characters")).toBeVisible();

        await expect(page).toHaveURL(/\/signup$/);
        await expect(page.getByLabel("Your name")).toHaveValue(name);
        await expect(page.getByLabel("Your name")).not.toHaveAttribute("aria-invalid", "true");
        await expect(emailField).toHaveValue("not-an-e-mail");
        if (!javaScriptEnabled) {
          // A full page came back from the server: the password is never echoed into it.
          await expect(passwordField).toHaveValue("");
        }
      });
    });
  }
});
