import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { createStudent, submitWithReviewHeld } from "./database";
import { logIn, nextMonthStart, signUpStudent, startThisMission } from "./helpers";

// The first Defender mission: FREE, Novice, no prerequisites; step 1 needs no evidence, 2–4 do.
const SLUG = "def-first-shift-auth-log";
const MISSION = `/dashboard/student/missions/${SLUG}`;
const TITLE = "First Shift: Reading the Jump Host's Auth Log";
const SAVED = /^Saved \d\d:\d\d$/;
/** The month a start counts against (UTC), as the start confirmation names it. */
const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" }).format(new Date());
// A page that finds its changes already on the server (the closing tab's last save got through) has nothing to save.
const SAVED_OR_NOTHING_TO_SAVE = /^(Saved \d\d:\d\d|All changes saved)$/;
// A real 1×1 PNG: the server decides file types by their content.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

const notes = (page: Page, step: number) => page.getByLabel(`Notes for step ${step}`, { exact: true });
const done = (page: Page, step: number) => page.getByLabel(`Step ${step} is complete`, { exact: true });
const saveState = (page: Page) => page.getByTestId("save-state");

/** Opens the mission page and waits until autosave has loaded its draft. */
async function openMission(page: Page): Promise<void> {
  await page.goto(MISSION);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(saveState(page)).toBeVisible();
}

/** A brand-new student (own quota) who starts the mission from its page. */
async function startAsNewStudent(page: Page, name: string): Promise<string> {
  const email = await signUpStudent(page, name);
  await page.goto(MISSION);
  await expect(page.getByTestId("start-panel")).toContainText(`0 of 1 mission starts used; resets on ${nextMonthStart()}`);
  await startThisMission(page);
  await expect(page.getByTestId("progress-status")).toHaveText("In progress");
  await expect(saveState(page)).toHaveText("All changes saved");
  return email;
}

/** What the server has, not this browser: forget every local draft, then reload. */
async function reloadFromServer(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(saveState(page)).toBeVisible();
}

async function expectNotes(page: Page, expected: Record<number, string>): Promise<void> {
  for (const [step, text] of Object.entries(expected)) await expect(notes(page, Number(step))).toHaveValue(text);
}

test.describe("working on a mission", () => {
  test("start a mission from its page, then autosave notes and completed steps", async ({ page }) => {
    await startAsNewStudent(page, "Autosave Student");

    await notes(page, 1).fill("head -3 auth.log; tail -3 auth.log\ncovers 00:00–06:10 UTC");
    await expect(saveState(page)).toHaveText("Saving…");
    await expect(saveState(page)).toHaveText(SAVED);

    await done(page, 1).check();
    await notes(page, 2).fill("198.51.100.23: 4,113 failures");
    await expect(saveState(page)).toHaveText("Saving…");
    await expect(saveState(page)).toHaveText(SAVED);
    await expect(page.getByTestId("completion-percent")).toHaveText("25%");

    // A plain reload shows it…
    await page.reload();
    await expectNotes(page, { 1: "head -3 auth.log; tail -3 auth.log\ncovers 00:00–06:10 UTC", 2: "198.51.100.23: 4,113 failures" });
    await expect(done(page, 1)).toBeChecked();
    // …and so does the server, with nothing kept in this browser.
    await reloadFromServer(page);
    await expectNotes(page, { 1: "head -3 auth.log; tail -3 auth.log\ncovers 00:00–06:10 UTC", 2: "198.51.100.23: 4,113 failures" });
    await expect(done(page, 1)).toBeChecked();
    await expect(done(page, 2)).not.toBeChecked();
    await expect(page.getByTestId("completion-percent")).toHaveText("25%");
  });

  test("the work comes first: the briefing folds away once started, the steps stay in view on a desktop and on a phone", async ({ page }) => {
    await signUpStudent(page, "Layout Student");
    await page.goto(MISSION);
    // Before starting, the briefing is what the student reads.
    await expect(page.getByTestId("mission-briefing")).toHaveJSProperty("open", true);
    await startThisMission(page);
    await expect(page.getByTestId("progress-status")).toHaveText("In progress");
    await expect(saveState(page)).toHaveText("All changes saved");

    // Desktop: the briefing is folded (a click away), the first notes box is on the first screen.
    const briefing = page.getByTestId("mission-briefing");
    await expect(briefing).toHaveJSProperty("open", false);
    await expect(page.getByRole("heading", { name: "How your work is judged" })).toBeHidden();
    const top = (locator: ReturnType<typeof notes>) => locator.evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
    expect(await top(notes(page, 1)), "the first notes box within the first 800 px").toBeLessThan(800);
    // The step list beside the work marks the current step and stays in view while the work scrolls.
    const tracker = page.getByTestId("progress-tracker");
    await expect(tracker.getByRole("link", { name: /Get oriented in the log/ })).toHaveAttribute("aria-current", "step");
    await notes(page, 4).scrollIntoViewIfNeeded();
    await expect(tracker).toBeInViewport();
    await expect(page.getByTestId("step-navigator")).toBeHidden();
    await briefing.getByText("Mission briefing").click();
    await expect(page.getByRole("heading", { name: "How your work is judged" })).toBeVisible();

    // Coming back with step 1 done, the page opens at step 2, where the work continues.
    await done(page, 1).check();
    await expect(saveState(page)).toHaveText(SAVED);
    // (From the top of the page: a reload where the student had scrolled keeps their place.)
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.goto(MISSION);
    await expect(tracker.getByRole("link", { name: /Count failures by source and by user/ })).toHaveAttribute("aria-current", "step");
    await expect(notes(page, 2)).toBeInViewport();

    // Phone: a compact step navigator stays under the header; the first step starts on the first screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${MISSION}#top`);
    const navigator = page.getByTestId("step-navigator");
    await expect(navigator).toContainText("Step 2 of 4");
    await expect(navigator.getByRole("link", { name: /Step 2: Count failures by source and by user \(current\)/ })).toHaveAttribute("aria-current", "step");
    const firstStep = page.getByTestId("subtask").first();
    expect(await firstStep.evaluate((element) => element.getBoundingClientRect().top + window.scrollY), "step 1 starts on the first screen").toBeLessThan(844);
    // Step 1's instructions alone are about 560 px tall at this width: its notes follow them, within the second screen.
    expect(await top(notes(page, 1))).toBeLessThan(844 * 1.5);
    await navigator.getByRole("link", { name: /Step 4:/ }).click();
    await expect(page.getByRole("heading", { name: "Step 4: Write the triage note" })).toBeInViewport();
    await expect(navigator).toBeInViewport();
    // Long commands scroll inside their block; the page itself never gets wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const code = page.getByTestId("subtask").first().locator("pre").first();
    expect(await code.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    await expect(code).toHaveAttribute("tabindex", "0");
  });

  test("offline: changes are kept on the device and sent when the connection returns", async ({ page, context }) => {
    await startAsNewStudent(page, "Offline Student");

    await context.setOffline(true);
    await notes(page, 1).fill("typed on the train");
    await notes(page, 3).fill("no success after failure from the top sources");
    await done(page, 3).check();
    await expect(saveState(page)).toHaveText("Offline — 2 changes kept on this device");

    await context.setOffline(false);
    await expect(saveState(page)).toHaveText(SAVED);
    await reloadFromServer(page);
    await expectNotes(page, { 1: "typed on the train", 3: "no success after failure from the top sources" });
    await expect(done(page, 3)).toBeChecked();
  });

  test("offline: changes typed before the page was closed are saved when it is opened again", async ({ page, context }) => {
    await startAsNewStudent(page, "Closed Tab Student");

    await context.setOffline(true);
    await notes(page, 1).fill("written offline, then the tab was closed");
    await notes(page, 2).fill("second step, also offline");
    await done(page, 2).check();
    await expect(saveState(page)).toHaveText("Offline — 2 changes kept on this device");
    await page.close();

    await context.setOffline(false);
    const reopened = await context.newPage();
    await openMission(reopened);
    await expectNotes(reopened, { 1: "written offline, then the tab was closed", 2: "second step, also offline" });
    await expect(saveState(reopened)).toHaveText(SAVED_OR_NOTHING_TO_SAVE);

    // The server has every change: reload from it twice, with nothing left in this browser.
    for (let round = 0; round < 2; round += 1) {
      await reloadFromServer(reopened);
      await expectNotes(reopened, { 1: "written offline, then the tab was closed", 2: "second step, also offline" });
      await expect(done(reopened, 2)).toBeChecked();
    }
  });

  test("offline: a queued save is kept across pages and resumes on whatever page opens next", async ({ page, context }) => {
    await startAsNewStudent(page, "Queued Save Student");
    await context.setOffline(true);
    await notes(page, 4).fill("Verdict: password spraying, one success from 203.0.113.7");
    await expect(saveState(page)).toHaveText("Offline — 1 change kept on this device");
    // The paused save is persisted by TanStack Query's persister…
    await expect.poll(() => page.evaluate(() => localStorage.getItem("mxp.query-cache.v1") ?? "")).toContain('"progress.save"');
    await page.close();

    // …and resumes on the next page opened, even one that is not the mission.
    await context.setOffline(false);
    const dashboard = await context.newPage();
    await dashboard.goto("/dashboard");
    await expect
      .poll(async () => {
        const response = await dashboard.request.get(`/api/v1/missions/${SLUG}`);
        const body = (await response.json()) as { progress: { subtasks: Record<string, { notes: string }> } };
        return Object.values(body.progress.subtasks).map((subtask) => subtask.notes);
      })
      .toContain("Verdict: password spraying, one success from 203.0.113.7");
  });

  test("two tabs: a conflict is resolved at the step it concerns — keep mine, keep theirs, keep both — and the server stores the choice", async ({ page, context }) => {
    await startAsNewStudent(page, "Two Tabs Student");
    const second = await context.newPage();
    await openMission(second);

    // Both tabs edit the same steps at the same time; the second tab's save reaches the server last.
    let firstTabSaved!: () => void;
    const firstTabSavedPromise = new Promise<void>((resolve) => (firstTabSaved = resolve));
    await second.route("**/api/v1/mission-progress/*", async (route) => {
      if (route.request().method() === "PATCH") await firstTabSavedPromise;
      await route.continue();
    });
    await notes(second, 1).fill("Step one from the second tab");
    await notes(second, 2).fill("Step two from the second tab");
    await notes(second, 3).fill("Three: one success after the spray");
    await expect(saveState(second)).toHaveText("Saving…");

    await notes(page, 1).fill("Step one from the first tab");
    await notes(page, 2).fill("Step two from the first tab");
    await notes(page, 3).fill("Three: no success at all");
    await expect(saveState(page)).toHaveText(SAVED);
    firstTabSaved();
    await expect(saveState(second)).toContainText("Conflict");

    // Each conflict sits in its own step, above that step's notes, with both versions and what differs highlighted.
    const steps = second.getByTestId("subtask");
    await expect(second.getByTestId("step-conflict")).toHaveCount(3);
    await expect(second.getByTestId("conflict-notice")).toContainText("Step 1: Get oriented in the log");
    const conflictOf = (step: number) => steps.nth(step - 1).getByTestId("step-conflict");
    await expect(conflictOf(3)).toContainText("Three: one success after the spray");
    await expect(conflictOf(3)).toContainText("Three: no success at all");
    const [yours, theirs] = [conflictOf(3).getByTestId("conflict-version").first(), conflictOf(3).getByTestId("conflict-version").last()];
    await expect(yours.locator("mark")).toContainText(["one", "after the spray"]);
    await expect(theirs.locator("mark")).toContainText(["no", "at all"]);
    await expect(conflictOf(3).locator("mark", { hasText: "success" })).toHaveCount(0);
    await expectNoAxeViolations(second, "a mission page with save conflicts in three steps");
    const conflictTop = await conflictOf(2).evaluate((element) => element.getBoundingClientRect().top);
    const notesTop = await notes(second, 2).evaluate((element) => element.getBoundingClientRect().top);
    expect(notesTop - conflictTop, "the choice sits right above the step's notes").toBeLessThan(600);

    // Nothing is saved while a step still waits for a choice.
    await conflictOf(1).getByRole("button", { name: "Keep mine" }).click();
    await expect(conflictOf(1)).toHaveCount(0);
    await expect(notes(second, 1)).toBeFocused();
    await expect(saveState(second)).toContainText("Conflict");
    await conflictOf(2).getByRole("button", { name: "Keep theirs" }).click();
    await expect(notes(second, 2)).toHaveValue("Step two from the first tab");
    await conflictOf(3).getByRole("button", { name: "Keep both" }).click();
    await expect(second.getByTestId("step-conflict")).toHaveCount(0);
    await expect(second.getByTestId("conflict-notice")).toHaveCount(0);
    await expect(saveState(second)).toHaveText(SAVED);
    const chosen = { 1: "Step one from the second tab", 2: "Step two from the first tab", 3: "Three: no success at all\n\nThree: one success after the spray" };
    await expectNotes(second, chosen);

    // What the server stores, read from it directly and from both tabs.
    const response = await second.request.get(`/api/v1/missions/${SLUG}`);
    const body = (await response.json()) as { progress: { subtasks: Record<string, { notes: string }> } };
    expect(Object.values(body.progress.subtasks).map((subtask) => subtask.notes)).toEqual(expect.arrayContaining(Object.values(chosen)));
    await page.reload();
    await expectNotes(page, chosen);
    await reloadFromServer(second);
    await expectNotes(second, chosen);
  });

  test("the reflection is kept on this device with the notes: across a reload and from a closed tab", async ({ page, context }) => {
    await startAsNewStudent(page, "Reflection Student");
    const reflection = "Half a reflection, typed just before the laptop lid closed.";
    await page.getByLabel("Reflection").fill(reflection);
    await expect(page.getByTestId("reflection-count")).toContainText(`${reflection.length} / 50 characters`);
    // The server stores a reflection only with a submission: nothing is sent or counted for it.
    await expect(saveState(page)).toHaveText("All changes saved");

    await page.reload();
    await expect(saveState(page)).toBeVisible();
    await expect(page.getByLabel("Reflection")).toHaveValue(reflection);

    // A closed tab's draft is adopted by the next page of the mission, reflection included.
    await page.close();
    const reopened = await context.newPage();
    await openMission(reopened);
    await expect(reopened.getByLabel("Reflection")).toHaveValue(reflection);
    await expect(saveState(reopened)).toHaveText("All changes saved");
  });

  test("submitting: complete every step with its evidence, reflect, submit, and the attempt stays readable", async ({ page }) => {
    const email = await startAsNewStudent(page, "Submitting Student");
    const checklist = page.getByTestId("submission-checklist");
    await expect(checklist.getByTestId("missing-item")).toHaveCount(8); // 4 steps incomplete, 3 without evidence, the reflection

    // Slow the uploads down a little so their progress bars can be seen.
    await page.route("**/api/v1/mission-progress/*/files", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await route.continue();
    });

    const steps = page.getByTestId("subtask");
    for (let step = 1; step <= 4; step += 1) {
      await notes(page, step).fill(`Notes for step ${step}: what I ran and what it showed.`);
      await done(page, step).check();
      if (step === 1) continue; // step 1 needs no evidence
      const card = steps.nth(step - 1);
      const name = `evidence-step-${step}.png`;
      await card.locator('input[type="file"]').setInputFiles({ name, mimeType: "image/png", buffer: PNG });
      await expect(card.getByRole("progressbar", { name: `Uploading ${name}` })).toBeVisible();
      await expect(card.getByRole("list", { name: "Attached evidence" })).toContainText(name);
      await expect(card.getByRole("progressbar", { name: `Uploading ${name}` })).toHaveCount(0);
    }
    await expect(page.getByTestId("completion-percent")).toHaveText("100%");
    await expect(checklist).toContainText("Your reflection needs at least 50 characters");

    const reflection = "I counted failures per source, found one success after a spray, and would automate the counts next time.";
    await page.getByLabel("Reflection").fill(reflection);
    await expect(page.getByTestId("reflection-count")).toContainText(`${reflection.length} / 50 characters`);
    await expect(checklist).toHaveText("Everything is ready to submit.");
    await expect(saveState(page)).toHaveText(SAVED);

    // The review is held back while the submitted state is checked: the built-in reviewer would
    // otherwise answer (and open the work again) within a second.
    const held = await submitWithReviewHeld(page, { email, missionSlug: SLUG }, () => page.getByRole("button", { name: "Submit for review" }).click());
    try {
      await expect(page.getByTestId("progress-status")).toHaveText("Submitted — waiting for the AI review");
      await expect(page.getByTestId("progress-status")).toHaveAttribute("data-status", "SUBMITTED");
      await expect(page.getByTestId("submit-panel")).toHaveCount(0);
      for (let step = 1; step <= 4; step += 1) await expect(notes(page, step)).toHaveAttribute("readonly", "");
    } finally {
      await held.release();
    }

    const attempt = page.getByTestId("attempt");
    await expect(attempt).toHaveCount(1);
    await expect(attempt).toContainText("Attempt 1");
    await expect(attempt).toContainText(reflection);
    await attempt.getByText("What you submitted in attempt 1").click();
    await expect(attempt).toContainText("Notes for step 3: what I ran and what it showed.");
    await expect(attempt).toContainText("evidence-step-4.png");
    // The submitted reflection no longer waits in this browser's drafts.
    const keptReflections = () =>
      page.evaluate(() =>
        Object.keys(localStorage)
          .filter((key) => key.startsWith("mxp.autosave.v1.") || key.startsWith("mxp.reflection."))
          .map((key) => (JSON.parse(localStorage.getItem(key) ?? "{}") as { reflection?: string }).reflection ?? ""),
      );
    await expect.poll(keptReflections).not.toContain(reflection);
    expect((await keptReflections()).length).toBeGreaterThan(0);

    // The review of these short, generic notes asks for changes: the work opens again for editing…
    await expect(page.getByTestId("review-panel")).toHaveAttribute("data-review-state", "completed");
    await expect(page.getByTestId("review-verdict")).toHaveText("Not passed");
    await expect(page.getByTestId("progress-status")).toHaveAttribute("data-status", "CHANGES_REQUESTED");
    await expect(page.getByTestId("submit-panel")).toBeVisible();
    await expect(notes(page, 3)).not.toHaveAttribute("readonly", "");
    await expect(page.getByTestId("attempt")).toContainText("AI review:");
    // …while attempt 1 stays as it was submitted.
    await notes(page, 3).fill("Rewritten after the review.");
    await expect(saveState(page)).toHaveText(SAVED);
    await reloadFromServer(page);
    await expect(notes(page, 3)).toHaveValue("Rewritten after the review.");
    await page.getByTestId("attempt").getByText("What you submitted in attempt 1").click();
    await expect(page.getByTestId("attempt")).toContainText("Notes for step 3: what I ran and what it showed.");
    await expect(page.getByTestId("attempt")).not.toContainText("Rewritten after the review.");
    await expect(page.getByTestId("attempt")).toContainText(reflection);
  });
});

test.describe("locks and reading", () => {
  test("a locked mission says why and what to do next", async ({ page }) => {
    await signUpStudent(page, "Locked Mission Student");
    await page.goto("/dashboard/student/missions/def-beacon-at-three-am");
    const locks = page.getByTestId("lock-reasons");
    await expect(locks).toContainText("Finish “First Shift: Reading the Jump Host's Auth Log” first.");
    await expect(locks.getByRole("link", { name: TITLE })).toHaveAttribute("href", MISSION);
    await expect(page.getByRole("button", { name: "Start this mission" })).toHaveCount(0);

    await page.goto("/dashboard/student/missions/def-phish-to-powershell");
    await expect(page.getByTestId("lock-reasons").getByRole("button", { name: "Upgrade to Starter to start it" })).toBeVisible();

    // A tab opened before the month's one start still offers Start; the server refuses it.
    const staleTab = await page.context().newPage();
    await staleTab.goto("/dashboard/student/missions/off-scope-and-recon");
    await page.goto("/dashboard/student/missions/cloud-open-bucket");
    await startThisMission(page);
    await expect(page.getByTestId("progress-status")).toHaveText("In progress");
    await startThisMission(staleTab);
    await expect(staleTab.getByTestId("start-panel").getByRole("alert")).toContainText("You have used your 1 mission start for this month.");
    await expect(staleTab.getByTestId("quota-message")).toHaveText(`1 of 1 mission starts used; resets on ${nextMonthStart()}.`);

    // After the month's one start, every other mission shows the quota.
    await page.goto(MISSION);
    await expect(page.getByTestId("quota-message")).toHaveText(`1 of 1 mission starts used; resets on ${nextMonthStart()}.`);
    await expect(page.getByTestId("lock-reasons").getByRole("button", { name: "Upgrade to Starter and start it now" })).toBeVisible();
  });

  test("a start that uses the month's quota asks first in a dialog; Escape or Not now keeps the start", async ({ page }) => {
    await page.goto("/");
    await logIn(page, await createStudent(page, "Dialog Student"));
    await page.goto(MISSION);
    await page.getByRole("button", { name: "Start this mission" }).click();
    const dialog = page.getByRole("dialog", { name: `Start “${TITLE}”?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(`This uses your 1 start for ${MONTH}.`);
    await expectNoAxeViolations(page, "the start confirmation dialog");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await page.getByRole("button", { name: "Start this mission" }).click();
    await dialog.getByRole("button", { name: "Not now" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("start-panel")).toContainText("0 of 1 mission starts used");

    // From the mission list, the same question; confirming starts it and opens it.
    await page.goto("/dashboard/student/missions?track=defender-ops");
    await page.getByRole("button", { name: `Start ${TITLE}` }).click();
    await expect(dialog).toContainText(`This uses your 1 start for ${MONTH}.`);
    await dialog.getByRole("button", { name: "Start the mission" }).click();
    await expect(page).toHaveURL(MISSION);
    await expect(page.getByTestId("progress-status")).toHaveText("In progress");
  });

  test("reading, starting, saving and a refused submission work without JavaScript", async ({ browser }) => {
    const context: BrowserContext = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signUpStudent(page, "No Script Student");
    await page.goto(MISSION);
    await expect(page.getByRole("heading", { name: "The story", level: 2 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "How your work is judged", level: 2 })).toBeVisible();
    await expect(page.getByTestId("rubric")).toContainText("Counts and findings are accurate");
    await expect(page.getByTestId("recipes").getByRole("link").first()).toHaveAttribute("href", /^https:\/\//);

    // Without JavaScript the question before a start that uses the month's quota is a page of its own.
    await page.getByRole("button", { name: "Start this mission" }).click();
    await expect(page).toHaveURL(`${MISSION}/start`);
    await expect(page.getByTestId("start-question")).toHaveText(`This uses your 1 start for ${MONTH}.`);
    await page.getByRole("button", { name: "Start the mission" }).click();
    await expect(page).toHaveURL(MISSION);
    await expect(page.getByTestId("progress-status")).toHaveText("In progress");
    await notes(page, 1).fill("saved with the button");
    await done(page, 1).check();
    await page.getByRole("button", { name: "Save step 1" }).click();
    await page.goto(MISSION);
    await expect(notes(page, 1)).toHaveValue("saved with the button");
    await expect(done(page, 1)).toBeChecked();

    // Submitting too early: the server says what is missing.
    await page.getByLabel("Reflection").fill("Too short.");
    await page.getByRole("button", { name: "Submit for review" }).click();
    const refusal = page.getByTestId("submit-error");
    await expect(refusal).toContainText("Not ready to submit yet: 7 items to finish. Each one is listed under “Still to do before you can submit”.");
    // Each missing item is said once, on the checklist, not repeated in the refusal.
    const checklist = page.getByTestId("submission-checklist");
    await expect(checklist).toContainText("Step 2, “Count failures by source and by user” needs at least one evidence file.");
    await expect(checklist).toContainText("Your reflection needs at least 50 characters");
    await expect(page.getByText("Step 2, “Count failures by source and by user” needs at least one evidence file.")).toHaveCount(1);
    await expect(page.getByLabel("Reflection")).toHaveValue("Too short.");
    await expect(page.getByTestId("progress-status")).toHaveText("In progress");
    await context.close();
  });
});
