import { expect, test, type Page } from "@playwright/test";
import { signUpStudent, startThisMission } from "./helpers";

// A Content-Security-Policy that blocks one of the page's own scripts breaks hydration without
// failing a request: these tests listen for what Chromium reports and check that pages hydrate.

const MISSION = "/dashboard/student/missions/def-first-shift-auth-log";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

/** Everything the browser says about blocked content or failed scripts on this page. */
function watchForBlockedContent(page: Page): string[] {
  const reports: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Content-Security-Policy|Permissions-Policy|Refused to/i.test(text)) reports.push(`${message.type()}: ${text}`);
  });
  page.on("pageerror", (error) => reports.push(`page error: ${error.message}`));
  // Also the violation events themselves (reported even when the console says nothing).
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  return reports;
}

async function expectHydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => "__remixRouter" in window);
}

test.describe("Content-Security-Policy in the browser", () => {
  test("public pages hydrate with their nonce and nothing is blocked", async ({ page }) => {
    const reports = watchForBlockedContent(page);
    for (const path of ["/", "/about", "/login", "/signup"]) {
      const response = await page.goto(path);
      const policy = response!.headers()["content-security-policy"];
      expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(policy, path).not.toContain("'unsafe-inline' 'nonce");
      await expectHydrated(page);
    }
    expect(reports).toEqual([]);
  });

  test("a student's pages hydrate, navigate, autosave and upload evidence with nothing blocked", async ({ page }) => {
    const reports = watchForBlockedContent(page);
    await signUpStudent(page, "Policy Student");
    await expectHydrated(page);

    // A client-side navigation: the page is not loaded again, so the marker survives.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Missions" }).click();
    await expect(page).toHaveURL(/\/dashboard\/student\/missions$/);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

    await page.goto(MISSION);
    await expectHydrated(page);
    await startThisMission(page);
    await expect(page.getByTestId("progress-status")).toHaveText("In progress");

    await page.getByLabel("Notes for step 1", { exact: true }).fill("Autosaved through the API under the policy.");
    await expect(page.getByTestId("save-state")).toHaveText(/^Saved \d\d:\d\d$/);

    const card = page.getByTestId("subtask").nth(1);
    await card.locator('input[type="file"]').setInputFiles({ name: "policy.png", mimeType: "image/png", buffer: PNG });
    await expect(card.getByRole("list", { name: "Attached evidence" })).toContainText("policy.png");

    expect(reports).toEqual([]);
  });
});
