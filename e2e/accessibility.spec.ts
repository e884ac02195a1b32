import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { createStudent, submitWithReviewHeld } from "./database";
import { logIn, startThisMission } from "./helpers";

// axe-core on every page and main state, for every role: the suite fails on any WCAG 2.2 A/AA
// violation. Flows that change data use students of their own, so the demo accounts stay as
// the other specs expect them.

const SLUG = "def-first-shift-auth-log";
const MISSION = `/dashboard/student/missions/${SLUG}`;
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const PHONE = { width: 390, height: 844 };

const notes = (page: Page, step: number) => page.getByLabel(`Notes for step ${step}`, { exact: true });
const done = (page: Page, step: number) => page.getByLabel(`Step ${step} is complete`, { exact: true });

async function checkPages(page: Page, paths: string[], who: string): Promise<void> {
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), `${path} for ${who}`).toBeLessThan(500);
    await expectNoAxeViolations(page, `${path} (${who}, ${page.viewportSize()?.width}px)`);
  }
}

const PUBLIC_PAGES = ["/", "/pricing", "/about", "/login", "/signup", "/forgot-password", "/no-such-page"];

test.describe("accessibility: WCAG 2.2 A and AA", () => {
  test("public pages, signed out, at desktop and phone widths, and a form with errors", async ({ page }) => {
    test.setTimeout(120_000);
    await checkPages(page, PUBLIC_PAGES, "a visitor");
    // Every public track page the landing page links to.
    await page.goto("/");
    const tracks = [...new Set(await page.locator('a[href^="/tracks/"]').evaluateAll((links) => links.map((link) => link.getAttribute("href")!)))];
    await checkPages(page, tracks, "a visitor");

    await page.goto("/login");
    await page.getByLabel("E-mail").fill("nobody@example.test");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert").first()).toBeVisible();
    await expectNoAxeViolations(page, "the log-in form with an error");

    await page.setViewportSize(PHONE);
    await checkPages(page, ["/", "/pricing", "/login", "/signup"], "a visitor");
  });

  test("a student's mission: not started, in progress, submitted and waiting, reviewed; and their other pages", async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto("/");
    const email = await createStudent(page, "Axe Student");
    await logIn(page, email);
    await checkPages(
      page,
      [
        "/dashboard",
        "/dashboard/student/missions",
        "/dashboard/student/skills",
        "/dashboard/student/portfolio",
        "/billing",
        "/dashboard/notifications",
        "/dashboard/account",
        "/dashboard/account/email",
      ],
      "a new student",
    );

    await page.goto(MISSION);
    await expectNoAxeViolations(page, "a mission not started");
    await startThisMission(page);
    await expect(page.getByTestId("progress-status")).toHaveText("In progress");
    await expectNoAxeViolations(page, "a mission just started");

    const steps = page.getByTestId("subtask");
    for (let step = 1; step <= 4; step += 1) {
      await notes(page, step).fill(`Step ${step}: what I found and how, in my own words.`);
      await done(page, step).check();
      if (step === 1) continue;
      await steps
        .nth(step - 1)
        .locator('input[type="file"]')
        .setInputFiles({ name: `step-${step}.png`, mimeType: "image/png", buffer: PNG });
      await expect(steps.nth(step - 1).getByRole("list", { name: "Attached evidence" })).toContainText(`step-${step}.png`);
    }
    await page.getByLabel("Reflection").fill("I read the log end to end, counted the failures per address and wrote down what I would check next.");
    await expect(page.getByTestId("save-state")).toHaveText(/^Saved \d\d:\d\d$/);
    await expectNoAxeViolations(page, "a mission in progress, ready to submit");

    const held = await submitWithReviewHeld(page, { email, missionSlug: SLUG }, () => page.getByRole("button", { name: "Submit for review" }).click());
    await expect(page.getByTestId("review-panel")).toBeVisible();
    await expectNoAxeViolations(page, "a mission submitted, its review waiting");
    await held.release();
    await expect(page.getByTestId("review-panel")).toHaveAttribute("data-review-state", "completed");
    await expectNoAxeViolations(page, "a mission reviewed");
    // Work that is decided is viewed from the mission list; work sent back for changes is continued.
    await page.goto("/dashboard/student/missions");
    const card = page.getByTestId("mission-card").filter({ hasText: "First Shift: Reading the Jump Host's Auth Log" });
    const changesRequested = (await card.locator(".mission-card-status").innerText()).startsWith("Changes requested");
    await expect(card.getByRole("link", { name: changesRequested ? "Continue" : "View", exact: true })).toBeVisible();

    await page.setViewportSize(PHONE);
    await checkPages(page, [MISSION, "/dashboard", "/dashboard/student/missions"], "a student");
  });

  test("code blocks in instructions scroll with the keyboard and copy with one press", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await logIn(page, "mentor@mxp.local");
    await page.goto(MISSION);
    const block = page.getByRole("group", { name: /^Code/ }).first();
    await block.focus();
    await expect(block).toBeFocused();
    const wide = await block.evaluate((element) => element.scrollWidth > element.clientWidth);
    if (wide) {
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => block.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    }
    const copy = page.locator(".code-block").first().getByRole("button", { name: "Copy" });
    await copy.press("Enter");
    await expect(page.locator(".code-block").first().getByRole("status")).toHaveText("Copied to the clipboard");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await block.textContent());
  });

  test("a Premium student's reviewed mission with a mentor review requested", async ({ page }) => {
    await logIn(page, "premium@mxp.local");
    await checkPages(page, ["/dashboard/student/missions/off-scope-and-recon", "/dashboard/student/missions", "/billing"], "the demo Premium student");
  });

  test("a mentor's queue and review screen", async ({ page }) => {
    await logIn(page, "mentor@mxp.local");
    await checkPages(page, ["/dashboard", "/dashboard/mentor/reviews", "/dashboard/student/missions", MISSION, "/dashboard/student/skills"], "a mentor");
    await page.goto("/dashboard/mentor/reviews");
    const review = page.locator('a[href^="/dashboard/mentor/reviews/"]').first();
    if ((await review.count()) > 0) {
      await review.click();
      await expect(page).toHaveURL(/\/dashboard\/mentor\/reviews\/[^/]+$/);
      await expectNoAxeViolations(page, "the mentor's review screen");
    }
  });

  test("an administrator's pages", async ({ page }) => {
    test.setTimeout(120_000);
    await logIn(page, "admin@mxp.local");
    await checkPages(
      page,
      [
        "/dashboard",
        "/dashboard/admin/academy",
        "/dashboard/admin/users",
        "/dashboard/admin/users?q=student",
        "/dashboard/admin/audit",
        "/dashboard/admin/operations",
        "/dashboard/admin/agreement",
        "/dashboard/admin/mentors",
        "/dashboard/admin/billing",
        "/dashboard/admin/outbox",
        "/dashboard/mentor/reviews",
      ],
      "an administrator",
    );
  });
});
