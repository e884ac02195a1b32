import { expect, test } from "@playwright/test";
import { createStudent, setPaymentFailing } from "./database";
import { logIn, logOut, mainNav } from "./helpers";

const DAY = 24 * 60 * 60 * 1000;
const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

test.describe("billing: payment problems and plans granted by hand", () => {
  test("a student whose payment failed is told until when the plan holds; an admin sees it and grants and revokes a plan", async ({ page }) => {
    // Made in the database rather than signed up: this test is about billing, not sign-up.
    await page.goto("/login");
    const email = await createStudent(page, "Card Trouble");
    await logIn(page, email);
    const since = new Date(Date.now() - 2 * DAY);
    await setPaymentFailing(page, email, "PREMIUM", since);
    await page.goto("/dashboard");
    const banner = page.getByRole("region", { name: "Your last payment for the Premium plan did not go through." });
    await expect(banner).toContainText(`You keep Premium until ${DATE.format(new Date(since.getTime() + 14 * DAY))}`);
    await expect(banner.getByRole("link", { name: "Update your payment details" })).toHaveAttribute("href", "/billing");
    await expect(page.getByRole("banner").getByText("Premium plan", { exact: true })).toBeVisible();
    await logOut(page);

    await logIn(page, "admin@mxp.local");
    await mainNav(page).getByRole("link", { name: "Billing" }).click();
    await expect(page).toHaveURL(/\/dashboard\/admin\/billing$/);
    const row = page.getByTestId("plan-row").filter({ hasText: email });
    await expect(row).toContainText("Premium from the subscription");
    await expect(row).toContainText("past_due");
    await expect(row).toContainText(`Payment failing since: ${DATE.format(since)}`);

    // A refused grant comes back with what was typed and says what to fix.
    await page.getByLabel("Student's e-mail address").fill(email);
    await page.getByLabel("Plan", { exact: true }).selectOption("STARTER");
    await page.getByLabel("Reason", { exact: true }).fill("   ");
    await page.getByRole("button", { name: "Grant plan" }).click();
    await expect(page.getByText("Say why this plan is granted")).toBeVisible();
    await expect(page.getByLabel("Student's e-mail address")).toHaveValue(email);

    await page.getByLabel("Reason", { exact: true }).fill("Scholarship from the partner school");
    await page.getByRole("button", { name: "Grant plan" }).click();
    await expect(page.getByTestId("grant-saved")).toHaveText(`Starter granted to ${email}.`);
    const grant = page.getByTestId("grant-row").filter({ hasText: email });
    await expect(grant).toContainText("Scholarship from the partner school");
    await expect(grant).toContainText("Granted by Ada Admin");

    // Revoking is one keyboard press on the focused button.
    await grant.getByRole("button", { name: "Revoke Starter for Card Trouble" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByText("Grant revoked.")).toBeVisible();
    await expect(page.getByTestId("grant-row").filter({ hasText: email })).toContainText("revoked by Ada Admin");
  });

  test("the page fits a phone", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 740 });
    await logIn(page, "admin@mxp.local");
    await page.goto("/dashboard/admin/billing");
    await expect(page.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});
