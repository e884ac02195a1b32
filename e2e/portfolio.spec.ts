import { expect, test, type Page } from "@playwright/test";
import { approveLatestAttempt } from "./database";
import { logIn, signUpStudent, startThisMission } from "./helpers";

// What an approval earns, as the student and the world see it: the portfolio item, the choice of
// what is public (without JavaScript too), the handle, the public page with only the chosen
// files, unpublishing at once, and the skills heat-map.

// The first Defender mission: FREE, Novice, no prerequisites; step 1 needs no evidence, 2–4 do.
const SLUG = "def-first-shift-auth-log";
const TITLE = "First Shift: Reading the Jump Host's Auth Log";
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const SECRET_NOTE = "private-note-the-public-must-never-read";

/** A brand-new student who submits the mission with evidence on steps 2–4; returns their e-mail. */
async function submitWork(page: Page, name: string): Promise<string> {
  const email = await signUpStudent(page, name);
  await page.goto(`/dashboard/student/missions/${SLUG}`);
  await startThisMission(page);
  await expect(page.getByTestId("progress-status")).toHaveText("In progress");
  const steps = page.getByTestId("subtask");
  for (let step = 1; step <= 4; step += 1) {
    await page.getByLabel(`Notes for step ${step}`, { exact: true }).fill(`Step ${step}: ${SECRET_NOTE}. I read auth.log and counted failures per source.`);
    await page.getByLabel(`Step ${step} is complete`, { exact: true }).check();
    if (step === 1) continue;
    const card = steps.nth(step - 1);
    await card.locator('input[type="file"]').setInputFiles({ name: `evidence-step-${step}.png`, mimeType: "image/png", buffer: PNG });
    await expect(card.getByRole("list", { name: "Attached evidence" })).toContainText(`evidence-step-${step}.png`);
  }
  await page.getByLabel("Reflection").fill("I learned to count failed logins per source and to tie the one accepted login to the brute force before it.");
  await expect(page.getByTestId("save-state")).toHaveText(/^Saved \d\d:\d\d$/);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByTestId("review-panel")).toHaveAttribute("data-review-state", "completed");
  return email;
}

test.describe("the portfolio", () => {
  test("an approved mission becomes a private item the student publishes, with chosen files, on a public page that forgets it at once", async ({ page, browser }) => {
    test.setTimeout(180_000);
    const email = await submitWork(page, "Portfolio Owner");
    await approveLatestAttempt(page, { email, missionSlug: SLUG, score: 84.5 });

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Portfolio" }).click();
    await expect(page).toHaveURL(/\/dashboard\/student\/portfolio$/);
    const item = page.getByRole("article", { name: TITLE });
    await expect(async () => {
      await page.reload();
      await expect(item).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(item).toContainText("84.5 / 100");
    await expect(item).toContainText("Private");
    await expect(item.getByRole("checkbox")).toHaveCount(3);

    // The handle: a malformed one is refused beside the field, a good one is taken.
    const handle = `e2e-${Date.now().toString(36)}`;
    await page.getByLabel("Handle").fill("Not OK!");
    await page.getByRole("button", { name: "Change handle" }).click();
    await expect(page.locator("#field-handle-error")).toContainText("lowercase letters");
    await page.getByLabel("Handle").fill(handle);
    await page.getByRole("button", { name: "Change handle" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Your handle is now ${handle}.` })).toBeVisible();
    await expect(page.getByLabel("Address of your public page")).toHaveValue(new RegExp(`/u/${handle}$`));

    // With the keyboard: show the item, choose one file.
    await item.getByRole("button", { name: "Show on my public page" }).focus();
    await page.keyboard.press("Enter");
    await expect(item).toContainText("On your public page");
    await item.getByRole("checkbox", { name: "Show evidence-step-3.png" }).focus();
    await page.keyboard.press("Space");
    await item.getByRole("button", { name: "Save file choices" }).click();
    await expect(item.getByRole("status")).toHaveText("Saved.");

    // The world, without a session.
    const visitor = await browser.newContext();
    const publicPage = await visitor.newPage();
    await publicPage.goto(`/u/${handle}`);
    await expect(publicPage.getByRole("heading", { level: 1 })).toHaveText("Portfolio Owner");
    await expect(publicPage.getByRole("heading", { name: TITLE })).toBeVisible();
    await expect(publicPage.getByRole("link", { name: "evidence-step-3.png" })).toBeVisible();
    const html = await publicPage.content();
    for (const secret of [email, SECRET_NOTE, "evidence-step-2.png", "evidence-step-4.png"]) expect(html).not.toContain(secret);
    await expect(publicPage.locator('meta[property="og:title"]')).toHaveAttribute("content", "Portfolio Owner's portfolio");
    await expect(publicPage.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary");
    const fileHref = (await publicPage.getByRole("link", { name: "evidence-step-3.png" }).getAttribute("href"))!;
    expect((await visitor.request.get(fileHref)).status()).toBe(200);

    // Unpublished: gone at once, the file too.
    await item.getByRole("button", { name: "Hide from my public page" }).click();
    await expect(item).toContainText("Private");
    await publicPage.reload();
    await expect(publicPage.getByText("Nothing is shown here yet.")).toBeVisible();
    await expect(publicPage.getByRole("heading", { name: TITLE })).toHaveCount(0);
    expect((await visitor.request.get(fileHref)).status()).toBe(404);
    expect((await visitor.request.get(`/u/no-such-handle-${Date.now()}`)).status()).toBe(404);
    await visitor.close();

    // The skills the approval moved: a heat-map, its values as text, confidence in a word and a number.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Skills" }).click();
    await expect(page.getByTestId("heat-map")).toBeVisible();
    const signals = page.getByRole("table").filter({ hasText: "Confidence" });
    await expect(signals.getByRole("row")).not.toHaveCount(1);
    await expect(signals).toContainText(/(Low|Moderate|High) \(0\.\d\d\)/);
  });

  test("works without JavaScript", async ({ page, browser }) => {
    test.setTimeout(180_000);
    const email = await submitWork(page, "No Script Owner");
    await approveLatestAttempt(page, { email, missionSlug: SLUG, score: 77 });
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await logIn(noScript, email, "a long enough passphrase");
    await noScript.goto("/dashboard/student/portfolio");
    const item = noScript.getByRole("article", { name: TITLE });
    await expect(async () => {
      await noScript.reload();
      await expect(item).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(noScript.getByRole("button", { name: "Copy address" })).toHaveCount(0);
    await item.getByRole("button", { name: "Show on my public page" }).click();
    await expect(item).toContainText("On your public page");
    await item.getByRole("checkbox", { name: "Show evidence-step-2.png" }).check();
    await item.getByRole("button", { name: "Save file choices" }).click();
    await expect(item.getByRole("checkbox", { name: "Show evidence-step-2.png" })).toBeChecked();
    const handle = (await noScript.getByLabel("Handle").inputValue()).trim();
    await noScript.goto(`/u/${handle}`);
    await expect(noScript.getByRole("heading", { name: TITLE })).toBeVisible();
    await expect(noScript.getByRole("link", { name: "evidence-step-2.png" })).toBeVisible();
    await plain.close();
  });
});
