import { expect, test, type Locator, type Page } from "@playwright/test";
import { createStudent, submitWithReviewHeld } from "./database";

// The paths a student takes, with the keyboard alone: every control is reached with Tab (never
// clicked or focused by the test) and used with Enter, Space or typing. Students of their own,
// so the demo accounts stay as the other specs expect them.

const SLUG = "def-first-shift-auth-log";
const TITLE = "First Shift: Reading the Jump Host's Auth Log";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
/** More Tab presses than any page of ours needs to reach any control on it. */
const MAX_TABS = 250;

/** Presses Tab until `target` has the focus (and fails if it never does), as a keyboard user moves. */
async function tabTo(page: Page, target: Locator, what: string): Promise<void> {
  for (let presses = 0; presses < MAX_TABS; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`${what} cannot be reached with Tab`);
}

async function logInByKeyboard(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await tabTo(page, page.getByLabel("E-mail"), "the e-mail field");
  await page.keyboard.type(email);
  await tabTo(page, page.getByLabel("Password"), "the password field");
  await page.keyboard.type("mxp-dev-password");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Starts the mission whose page is open, answering the start confirmation if the page asks. */
async function startByKeyboard(page: Page): Promise<void> {
  await tabTo(page, page.getByRole("button", { name: "Start this mission" }), "Start this mission");
  await page.keyboard.press("Enter");
  const confirm = page.getByRole("dialog").getByRole("button", { name: /^Start/ });
  if (await confirm.isVisible().catch(() => false)) {
    await tabTo(page, confirm, "the start confirmation");
    await page.keyboard.press("Enter");
  }
  await expect(page.getByTestId("progress-status")).toHaveText("In progress");
}

test.describe("with the keyboard alone", () => {
  test("a student finds a mission, starts it, works every step with evidence, submits and reads the review", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/");
    const email = await createStudent(page, "Keyboard Student");
    await logInByKeyboard(page, email);

    await tabTo(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Missions" }), "the Missions link");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/dashboard\/student\/missions$/);
    await tabTo(page, page.getByRole("link", { name: TITLE }).first(), "the mission's card");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
    await startByKeyboard(page);

    const steps = page.getByTestId("subtask");
    for (let step = 1; step <= 4; step += 1) {
      await tabTo(page, page.getByLabel(`Notes for step ${step}`, { exact: true }), `the notes of step ${step}`);
      await page.keyboard.type(`Step ${step}: what I found, with the commands I ran.`);
      if (step > 1) {
        const input = steps.nth(step - 1).locator('input[type="file"]');
        await tabTo(page, input, `the evidence picker of step ${step}`);
        const chooser = page.waitForEvent("filechooser");
        await page.keyboard.press("Space");
        await (await chooser).setFiles({ name: `step-${step}.png`, mimeType: "image/png", buffer: PNG });
        await expect(steps.nth(step - 1).getByRole("list", { name: "Attached evidence" })).toContainText(`step-${step}.png`);
      }
      await tabTo(page, page.getByLabel(`Step ${step} is complete`, { exact: true }), `step ${step}'s checkbox`);
      await page.keyboard.press("Space");
      await expect(page.getByLabel(`Step ${step} is complete`, { exact: true })).toBeChecked();
    }
    await tabTo(page, page.getByLabel("Reflection"), "the reflection");
    await page.keyboard.type("I read the log end to end, counted the failures per address and wrote down what I would check next.");
    await expect(page.getByTestId("save-state")).toHaveText(/^Saved \d\d:\d\d$/);

    const submit = page.getByRole("button", { name: "Submit for review" });
    await tabTo(page, submit, "Submit for review");
    const held = await submitWithReviewHeld(page, { email, missionSlug: SLUG }, () => page.keyboard.press("Enter"));
    await held.release();
    const review = page.getByTestId("review-panel");
    await expect(review).toHaveAttribute("data-review-state", "completed");
    // The review's breakdown is reachable and readable: its first link or control takes the focus.
    const reviewControl = review.locator("a, button, [tabindex='0'], summary").first();
    if ((await reviewControl.count()) > 0) await tabTo(page, reviewControl, "the review's first control");
  });

  test("a Free student upgrades from the pricing page and pays in the test checkout", async ({ page }) => {
    await page.goto("/");
    const email = await createStudent(page, "Keyboard Upgrader");
    await logInByKeyboard(page, email);
    await page.goto("/pricing");
    await tabTo(page, page.getByRole("button", { name: "Upgrade to Starter" }), "the Starter plan's button");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/billing\/test-checkout\//);
    await tabTo(page, page.getByRole("button", { name: "Confirm test payment for Starter" }), "the payment button");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "You are on the Starter plan" })).toBeVisible();
  });
});
