import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { createStudent } from "./database";
import { logIn } from "./helpers";

// The back office: an administrator finds a person, makes them a mentor, and reads it in the audit log.

test("an administrator finds a student, makes them a mentor, and the audit log says who did it", async ({ page }) => {
  await page.goto("/");
  const email = await createStudent(page, "Future Mentor");
  await logIn(page, "admin@mxp.local");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await page.getByLabel("E-mail or name starts with").fill(email.slice(0, 20));
  await page.getByRole("button", { name: "Find" }).click();
  await page.getByRole("link", { name: "Future Mentor" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Future Mentor" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Missions (read-only)" })).toBeVisible();
  await expectNoAxeViolations(page, "a student's page in the back office");

  await page.getByLabel("Role of Future Mentor").selectOption("MENTOR");
  await page.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByRole("status")).toContainText("Future Mentor is now mentor");

  await page.getByRole("link", { name: "Changes to this account" }).click();
  const entry = page.getByRole("listitem").filter({ hasText: "Role changed" }).first();
  await expect(entry).toContainText(email);
  await expect(entry).toContainText("by Ada Admin (admin@mxp.local)");
  await expect(entry).toContainText("role: STUDENT");
  await expect(entry).toContainText("role: MENTOR");
  await expectNoAxeViolations(page, "the audit log");
});
