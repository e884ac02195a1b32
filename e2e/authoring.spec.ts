import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { logIn, logOut, signUpStudent, startThisMission } from "./helpers";

// Authoring: an administrator writes a mission with its rubric, previews it as a Free student,
// publishes it, and a student starts it. Students never see the draft before it is published.

async function describeLevels(page: Page, criterion: number, words: string) {
  for (let score = 0; score <= 3; score += 1) await page.getByLabel(`Criterion ${criterion + 1} Score ${score} description`).fill(`${words}: level ${score}.`);
}

test("an administrator writes a mission with a rubric, previews it as a Free student, publishes it, and a student starts it", async ({ page }) => {
  const slug = `phishing-kit-${Date.now().toString(36)}`;
  const title = `Phishing Kit Teardown ${slug.slice(-5)}`;
  await logIn(page, "admin@mxp.local");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Academy" }).click();
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Address (slug)", { exact: true }).fill(slug);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("mission-status")).toContainText("New mission, never published");

  // A draft is not a mission yet: students get the not-found page.
  const hidden = await page.request.get(`/dashboard/student/missions/${slug}`);
  expect(hidden.status()).not.toBe(200);

  // Publishing too early names every field still missing, at the field.
  await page.getByRole("button", { name: "Publish" }).first().click();
  await expect(page.getByRole("alert")).toContainText("Fix the fields marked below before publishing.");
  await expect(page.getByRole("heading", { name: /Before this can be published/ })).toBeVisible();
  await expect(page.getByLabel("Summary")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-summary-error")).toHaveText("The summary is required");

  await page.getByLabel("Summary").fill("Take apart a phishing kit found on a compromised server and say what it steals.");
  const story = page.getByLabel("Story", { exact: true });
  await story.fill("## The find\n\nA web host reported a **suspicious archive** in a customer's uploads folder.");
  // The preview follows the typing, rendered as students will see it.
  await expect(page.getByRole("region", { name: "Story: preview" }).getByRole("heading", { name: "The find" })).toBeVisible();
  await page.getByLabel("Objectives", { exact: true }).fill("List what the kit collects\nFind where it sends the data");
  await page.getByLabel("Success criteria", { exact: true }).fill("Every exfiltration endpoint is named with its evidence");
  await page.getByLabel("Step 1 title").fill("Unpack the kit safely");
  await page.getByRole("textbox", { name: "Step 1 instructions" }).fill("Unpack the archive in the sandbox and list its files.");

  const field = (name: string) => page.getByLabel(name, { exact: true });
  await field("Criterion 1 Key").fill("exfiltration");
  await field("Criterion 1 Title").fill("Exfiltration found");
  await field("Criterion 1 Description").fill("Where the stolen data goes, with evidence.");
  await describeLevels(page, 0, "Exfiltration");
  await expect(page.getByTestId("weighted-total")).toContainText("Exfiltration found (weight 1 of 1): up to 100 points, 33.3 per level");

  // A skill, then a second criterion: the list buttons save the draft and come back to the new entry.
  await page.getByRole("button", { name: "Add a skill" }).click();
  await expect(page.locator("#skills-item-0")).toBeFocused();
  await field("Skill 1 Skill").selectOption({ index: 1 });
  await field("Skill 1 Weight").fill("0.8");
  await page.getByRole("button", { name: "Add a criterion" }).click();
  await expect(page.locator("#rubric-item-1")).toBeFocused();
  await field("Criterion 2 Key").fill("write-up");
  await field("Criterion 2 Title").fill("Write-up");
  await field("Criterion 2 Description").fill("A report a colleague could act on.");
  await field("Criterion 2 Weight").fill("3");
  await describeLevels(page, 1, "Write-up");
  // The weighted total is explained as the admin types: weights 1 and 3 make 25 and 75 points.
  await expect(page.getByTestId("weighted-total")).toContainText("Exfiltration found (weight 1 of 4): up to 25 points");
  await expect(page.getByTestId("weighted-total")).toContainText("Write-up (weight 3 of 4): up to 75 points, 25 per level");

  // Preview as a Free student.
  await page.getByLabel("Preview as a student on").first().selectOption("FREE");
  await page.getByRole("button", { name: "Preview" }).first().click();
  await expect(page.getByTestId("preview-banner")).toContainText("Preview: what a student on the Free plan sees once this draft is published");
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("heading", { name: "The find" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start this mission" })).toBeDisabled();
  await expectNoAxeViolations(page, "a draft previewed as a Free student");
  await page.getByRole("link", { name: "Back to the editor" }).click();

  await expect(page.getByRole("heading", { name: /Before this can be published/ })).toHaveCount(0);
  await expectNoAxeViolations(page, "the mission editor");
  await page.getByRole("button", { name: "Publish" }).first().click();
  await expect(page.getByRole("status")).toContainText("Published as version 1");
  await expect(page.getByRole("region", { name: "History" }).or(page.locator("section", { has: page.getByRole("heading", { name: "History" }) }))).toContainText(
    "Version 1 · Published",
  );
  await logOut(page);

  // A student starts it.
  await signUpStudent(page, "Kit Analyst");
  await page.goto(`/dashboard/student/missions/${slug}`);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await startThisMission(page);
  await expect(page.getByTestId("progress-status")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Unpack the kit safely/ }).first()).toBeVisible();
});
