import { expect, test, type Page } from "@playwright/test";
import { logIn, logOut } from "./helpers";

// A Premium student disputes a review; a mentor claims it, reads what changed since the last
// attempt, scores the rubric and approves; the student sees the mentor's decision.

const SLUG = "def-first-shift-auth-log";
const MISSION = `/dashboard/student/missions/${SLUG}`;
const TITLE = "First Shift: Reading the Jump Host's Auth Log";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

const notes = (page: Page, step: number) => page.getByLabel(`Notes for step ${step}`, { exact: true });
const done = (page: Page, step: number) => page.getByLabel(`Step ${step} is complete`, { exact: true });

async function submitAndAwaitReview(page: Page, attempt: number): Promise<void> {
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("heading", { name: `Review of attempt ${attempt}` })).toBeVisible();
  await expect(page.getByTestId("review-panel")).toHaveAttribute("data-review-state", "completed");
}

test("a Premium student disputes a criterion, a mentor claims, compares, scores and approves, and the student reads the decision", async ({ page }) => {
  test.setTimeout(180_000);
  // The demo accounts (sign-ups from one network are limited, and the suite makes many).
  const student = "premium@mxp.local";
  await logIn(page, student);

  // Attempt 1: thin work, which the built-in reviewer sends back.
  await page.goto(MISSION);
  await page.getByRole("button", { name: "Start this mission" }).click();
  const steps = page.getByTestId("subtask");
  for (let step = 1; step <= 4; step += 1) {
    await notes(page, step).fill(`Step ${step} done.`);
    await done(page, step).check();
    if (step === 1) continue;
    await steps
      .nth(step - 1)
      .locator('input[type="file"]')
      .setInputFiles({ name: `step-${step}.png`, mimeType: "image/png", buffer: PNG });
    await expect(steps.nth(step - 1).getByRole("list", { name: "Attached evidence" })).toContainText(`step-${step}.png`);
  }
  await page.getByLabel("Reflection").fill("I did the steps and looked at the log, it went fine and I learned some things about logs.");
  await expect(page.getByTestId("save-state")).toHaveText(/^Saved \d\d:\d\d$/);
  await submitAndAwaitReview(page, 1);
  await expect(page.getByTestId("progress-status")).toHaveAttribute("data-status", "CHANGES_REQUESTED");

  // Attempt 2: the first step's notes grow; the student asks a mentor, disputing one criterion.
  await notes(page, 1).fill("Step 1 done. Counted 412 failed root logins from 203.0.113.7 between 02:10 and 02:19, then one accepted password.");
  await page.getByLabel("Reflection").fill("I counted the failures per source this time and found the one accepted password after the spray.");
  await expect(page.getByTestId("save-state")).toHaveText(/^Saved \d\d:\d\d$/);
  await submitAndAwaitReview(page, 2);
  const request = page.getByTestId("mentor-request");
  await expect(request.getByRole("heading", { name: "Ask a mentor" })).toBeVisible();
  const disputed = request.getByRole("checkbox").first();
  const disputedTitle = (await disputed.locator("xpath=..").innerText()).trim();
  await disputed.check();
  await request.getByLabel("Why? (optional)").fill("My first step names the source and the count.");
  await request.getByRole("button", { name: "Ask a mentor to review" }).click();
  await expect(page.getByTestId("mentor-review")).toHaveAttribute("data-mentor-state", "waiting");
  await expect(page.getByTestId("mentor-review")).toContainText(`disputing ${disputedTitle}`);
  await logOut(page);

  // A mentor finds it in the queue, claims it with the keyboard and reads the diff.
  await logIn(page, "mentor@mxp.local");
  await page.goto("/dashboard/mentor/reviews?regrade=yes");
  const row = page.getByTestId("queue-item").filter({ hasText: "Priya Premium" });
  await expect(row).toContainText(`regrade`);
  await row.getByRole("button", { name: `Claim ${TITLE}, attempt 2` }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: `${TITLE}, attempt 2` })).toBeVisible();
  await expect(page.getByText("My first step names the source and the count.")).toBeVisible();
  await expect(page.getByText(/Yours until/)).toBeVisible();
  await expect(page.getByTestId("diff").first().locator("ins")).toContainText("412 failed root logins");

  // Scores: the top level of every criterion, a comment, approve.
  for (const fieldset of await page.locator('fieldset[data-testid^="criterion-"]').all()) {
    await fieldset.getByRole("radio").last().check();
  }
  await page.getByLabel("Overall comment").fill("The count and the source are right there in step 1.");
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your review is saved" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Mentor review: approved/ })).toBeVisible();
  await logOut(page);

  // The student reads the decision.
  await logIn(page, student);
  await page.goto(MISSION);
  await expect(page.getByTestId("progress-status")).toHaveAttribute("data-status", "APPROVED");
  const decision = page.getByTestId("mentor-review");
  await expect(decision).toHaveAttribute("data-mentor-state", "completed");
  await expect(decision).toContainText("100/100");
  await expect(decision).toContainText("Approved by a mentor");
  await expect(decision).toContainText("The count and the source are right there in step 1.");
});
