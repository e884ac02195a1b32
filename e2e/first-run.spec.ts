import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { confirmEmail, uniqueEmail } from "./helpers";

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(new Date());

/** Signs a new student up from an address of their own (the sign-up limit is per network) and confirms the address. */
async function signUp(page: Page, name: string): Promise<void> {
  const n = Math.floor(Math.random() * 2 ** 16);
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": `198.19.${n >> 8}.${n & 255}` });
  const email = uniqueEmail("first-run");
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signup-sent")).toBeVisible();
  await confirmEmail(page, email);
}

const step = (page: Page, id: "track" | "start" | "submit") => page.getByTestId(`first-run-${id}`);

test.describe("a new student's first run", () => {
  test("sign-up leads to the profiler, which can be skipped, then a welcome with a checklist and one mission to start, asked before the start", async ({ page }) => {
    await signUp(page, "Nova Firstrun");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to MXP: find your starting point");
    await expectNoAxeViolations(page, "the profiler after sign-up");
    await page.getByRole("link", { name: "Skip for now" }).click();

    // Welcomed, not welcomed back, and no row of zeros: the checklist and the mission to start instead.
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Nova");
    await expect(page.getByText("Welcome back")).toHaveCount(0);
    await expect(page.getByRole("term")).toHaveCount(0);
    await expect(page.getByTestId("first-run")).toContainText("0 of 3 done");
    await expect(step(page, "track")).toHaveAttribute("data-done", "false");
    await expect(page.getByTestId("quota")).toContainText("0 of 1 mission starts used");
    const lead = page.getByTestId("lead-mission");
    await expect(lead.getByRole("heading", { name: "Start here" })).toBeVisible();
    await expectNoAxeViolations(page, "a new student's dashboard");

    // Pick a track: the step is ticked from the enrolment, and the mission to start is from it.
    await page.getByLabel("Track").selectOption({ label: "Cloud & Infrastructure Security" });
    await page.getByRole("button", { name: "Follow this track" }).click();
    await expect(step(page, "track")).toHaveAttribute("data-done", "true");
    await expect(page.getByTestId("first-run")).toContainText("1 of 3 done");
    await expect(lead).toContainText("Cloud & Infrastructure Security");
    const title = (await lead.getByRole("link").first().innerText()).trim();

    // The start uses the month's only start, so it asks first; Escape keeps it.
    const start = lead.getByRole("button", { name: "Start this mission" });
    await start.click();
    const dialog = page.getByRole("dialog", { name: `Start “${title}”?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`This uses your 1 start for ${MONTH}.`);
    await expectNoAxeViolations(page, "the start dialog on the dashboard");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(start).toBeFocused();
    await start.click();
    await dialog.getByRole("button", { name: "Start the mission" }).click();
    await expect(page).toHaveURL(/\/dashboard\/student\/missions\/[a-z0-9-]+$/);
    await expect(page.getByTestId("progress-status")).toHaveText("In progress");

    // Back on the dashboard: welcomed back, the start ticked, the work to carry on with leads.
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome back, Nova");
    await expect(step(page, "start")).toHaveAttribute("data-done", "true");
    await expect(step(page, "submit")).toHaveAttribute("data-done", "false");
    await expect(step(page, "submit").getByRole("link", { name: title })).toBeVisible();
    await expect(lead.getByRole("heading", { name: "Pick up where you left off" })).toBeVisible();
    await expect(lead.getByRole("link", { name: `Continue ${title}` })).toBeVisible();
    // Only the numbers that are not zero.
    await expect(page.getByRole("term")).toHaveText(["This month", "In progress"]);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the profiler is skipped, a track followed, and the start asked on a page of its own", async ({ page }) => {
      await signUp(page, "Plain Firstrun");
      await page.getByRole("link", { name: "Skip for now" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Plain");
      await page.getByLabel("Track").selectOption({ label: "Cloud & Infrastructure Security" });
      await page.getByRole("button", { name: "Follow this track" }).click();
      await expect(step(page, "track")).toHaveAttribute("data-done", "true");

      await page.getByTestId("lead-mission").getByRole("button", { name: "Start this mission" }).click();
      await expect(page).toHaveURL(/\/dashboard\/student\/missions\/[a-z0-9-]+\/start$/);
      await expect(page.getByTestId("start-question")).toHaveText(`This uses your 1 start for ${MONTH}.`);
      await page.getByRole("button", { name: "Start the mission" }).click();
      await expect(page.getByTestId("progress-status")).toHaveText("In progress");
      await page.goto("/dashboard");
      await expect(step(page, "start")).toHaveAttribute("data-done", "true");
    });
  });
});
