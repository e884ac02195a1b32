import { expect, test } from "@playwright/test";
import { logOut, mainNav, signUpStudent, submitLogIn } from "./helpers";

test("a student changes their password from the account page, and logs in with the new one", async ({ page }) => {
  const email = await signUpStudent(page, "Careful Student");
  await mainNav(page).getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");

  await page.getByLabel("Current password").fill("not what I signed up with");
  await page.getByLabel("New password").fill("a fresher long passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password")).toBeVisible();

  await page.getByLabel("Current password").fill("a long enough passphrase");
  await page.getByLabel("New password").fill("a fresher long passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");

  await logOut(page);
  await page.goto("/login");
  await submitLogIn(page, email, "a fresher long passphrase");
  await expect(page).toHaveURL(/\/dashboard$/);
});
