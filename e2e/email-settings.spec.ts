import { expect, test } from "@playwright/test";
import { mainNav, signUpStudent } from "./helpers";

test("a student switches one kind of e-mail off with the keyboard alone, and the choice stays", async ({ page }) => {
  await signUpStudent(page, "Quiet Student");
  await mainNav(page).getByRole("link", { name: "Account" }).click();
  await page.getByRole("link", { name: "E-mail settings" }).click();
  await expect(page).toHaveURL(/\/dashboard\/account\/email$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("E-mail settings");

  const reviewReady = page.getByRole("checkbox", { name: /Review ready/ });
  const approved = page.getByRole("checkbox", { name: /Mission approved/ });
  await expect(reviewReady).toBeChecked();
  await expect(approved).toBeChecked();

  // Keyboard only: focus the first box, untick it with Space, move on to the button and press Enter.
  await reviewReady.focus();
  await page.keyboard.press("Space");
  await expect(reviewReady).not.toBeChecked();
  const save = page.getByRole("button", { name: "Save e-mail settings" });
  for (let i = 0; i < 10 && !(await save.evaluate((button) => button === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(save).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText("Saved.");

  await page.reload();
  await expect(page.getByRole("checkbox", { name: /Review ready/ })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: /Mission approved/ })).toBeChecked();
});
