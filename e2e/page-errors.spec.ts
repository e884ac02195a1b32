import { expect, test } from "@playwright/test";
import { logIn, mainNav } from "./helpers";

test.describe("error pages", () => {
  test("a bad filter in the address gives a 400 page that says what was wrong, with a way back", async ({ page }) => {
    await logIn(page, "student@mxp.local");
    const response = await page.goto("/dashboard/student/missions?track=nope&difficulty=x");
    expect(response?.status()).toBe(400);

    const alert = page.getByRole("alert");
    await expect(alert.getByText("Error 400")).toBeVisible();
    await expect(alert.getByRole("heading", { level: 1 })).toHaveText("Something in this address isn't right");
    await expect(alert).toContainText("Some of the filters in this address are not valid.");
    const problems = page.getByTestId("error-problems");
    await expect(problems).toContainText("Track: There is no track “nope”. Use one of:");
    await expect(problems).toContainText("defender-ops");
    await expect(problems).toContainText("Difficulty: Use one of NOVICE, BEGINNER, INTERMEDIATE, ADVANCED, ELITE");
    // Never a stack trace or an internal error name.
    expect(await page.content()).not.toMatch(/\bat [\w$.]+ \(|stack|ZodError|AppError/);
    // The shell stays: the person can move on from here.
    await expect(mainNav(page).getByRole("link", { name: "Missions" })).toBeVisible();

    await alert.getByRole("link", { name: "Clear the filters" }).click();
    await expect(page).toHaveURL(/\/dashboard\/student\/missions$/);
    await expect(page.getByRole("heading", { level: 1, name: "Missions" })).toBeVisible();
  });

  test("an unknown ?show= is a 400 too, not a 500", async ({ page }) => {
    await logIn(page, "student@mxp.local");
    const response = await page.goto("/dashboard/student/missions?show=everything");
    expect(response?.status()).toBe(400);
    await expect(page.getByTestId("error-problems")).toContainText("Show: Use show=all, or leave it out");
  });

  test("an address that leads nowhere is a plain-words 404, with no developer text", async ({ page }) => {
    const response = await page.goto("/no-such-page/at-all");
    expect(response?.status()).toBe(404);
    const alert = page.getByRole("alert");
    await expect(alert.getByRole("heading", { level: 1 })).toHaveText("We couldn't find that");
    await expect(alert).toContainText("doesn't exist");
    expect(await page.locator("body").innerText()).not.toMatch(/No route matches|Error: /);
    await expect(alert.getByRole("link", { name: "Home" })).toBeVisible();
    // Signed out: the way on is to log in, not a dashboard that would send them there anyway.
    await expect(alert.getByRole("link", { name: "Log in" })).toBeVisible();
    await expect(alert.getByRole("link", { name: "Your dashboard" })).toHaveCount(0);
  });
});
