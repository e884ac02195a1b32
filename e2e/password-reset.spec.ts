import { expect, test } from "@playwright/test";
import { logIn, logOut, signUpStudent, submitLogIn } from "./helpers";

const NEW_PASSWORD = "a different long passphrase";

test("a student who forgot their password gets a link by e-mail, chooses a new one and logs in with it", async ({ page, browser }) => {
  const email = await signUpStudent(page, "Forgetful Student");
  await logOut(page);

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByTestId("reset-requested")).toContainText("If an account uses this address");

  // No mail server in tests: the e-mail waits in the outbox an admin can read.
  const admin = await browser.newPage();
  await logIn(admin, "admin@mxp.local");
  await admin.goto("/dashboard/admin/outbox");
  const message = admin
    .getByRole("listitem")
    .filter({ hasText: `To ${email}` })
    .filter({ hasText: "Choose a new MXP password" });
  await expect(message).toHaveCount(1);
  const link = /https?:\/\/\S+\/reset-password\?token=\S+/.exec(await message.innerText())?.[0];
  expect(link).toBeTruthy();
  const target = new URL(link!);
  await admin.close();

  await page.goto(`${target.pathname}${target.search}`);
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page).toHaveURL(/\/login\?reset=done$/);
  await expect(page.getByRole("status")).toContainText("Your password is changed");
  await submitLogIn(page, email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);

  // The link worked once.
  await page.goto(`${target.pathname}${target.search}`);
  await page.getByLabel("New password").fill("yet another long passphrase");
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page.getByRole("alert")).toContainText("expired or has already been used");
});
