import { expect, test, type Page } from "@playwright/test";
import { logIn, logOut, signUpStudent, startThisMission } from "./helpers";

// Offline reloads (docs/decisions/031): the service worker keeps the mission pages a student has
// open, the autosave keeps what they type offline, and both meet on a reload without a network.

const SLUG = "def-first-shift-auth-log";
const MISSION = `/dashboard/student/missions/${SLUG}`;
const TITLE = "First Shift: Reading the Jump Host's Auth Log";
const SAVED = /^Saved \d\d:\d\d$/;
const NO_THROTTLING = { latency: 0, downloadThroughput: -1, uploadThroughput: -1 };

const notes = (page: Page, step: number) => page.getByLabel(`Notes for step ${step}`, { exact: true });
const saveState = (page: Page) => page.getByTestId("save-state");

/** Whether the worker holds a copy of this page (in any of its page caches). */
async function pageIsKept(page: Page, pathname: string): Promise<boolean> {
  return await page.evaluate(async (path) => {
    for (const name of await caches.keys()) {
      if (name.startsWith("mxp-pages-") && (await (await caches.open(name)).match(`${location.origin}${path}`))) return true;
    }
    return false;
  }, pathname);
}

/** Waits until the worker controls the page and has kept the mission page as it is now. */
async function expectKeptForOffline(page: Page, pathname = MISSION): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => pageIsKept(page, pathname)).toBe(true);
}

async function notesOnServer(page: Page): Promise<string[]> {
  const response = await page.request.get(`/api/v1/missions/${SLUG}`);
  const body = (await response.json()) as { progress: { subtasks: Record<string, { notes: string }> } };
  return Object.values(body.progress.subtasks).map((subtask) => subtask.notes);
}

test.describe("offline reloads", () => {
  // The suite blocks service workers (playwright.config.ts); this is the worker's own spec.
  test.use({ serviceWorkers: "allow" });

  test("a mission page reloaded offline shows the notes typed offline, and they are saved once back online", async ({ page, context }) => {
    await signUpStudent(page, "Offline Reload Student");
    await page.goto(MISSION);
    await startThisMission(page);
    await expect(page.getByTestId("progress-status")).toHaveText("In progress");
    await expect(saveState(page)).toHaveText("All changes saved");
    await expectKeptForOffline(page);

    await context.setOffline(true);
    await notes(page, 1).fill("typed on the train, before the tunnel");
    await expect(saveState(page)).toHaveText("Offline — 1 change kept on this device");

    // The browser would show its own offline error here without the worker.
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
    await expect(notes(page, 1)).toHaveValue("typed on the train, before the tunnel");
    // Chromium's emulated offline state blocks the reloaded document's requests but does not
    // reach its navigator.onLine (true there, unlike on a device that is really offline): say it
    // to the new document as well, so the page knows it is offline as a student's would.
    const network = await context.newCDPSession(page);
    await network.send("Network.emulateNetworkConditions", { offline: true, ...NO_THROTTLING });
    await expect(saveState(page)).toHaveText("Offline — 1 change kept on this device");
    // The page is alive after the offline reload: typing goes on being kept.
    await notes(page, 2).fill("and after it, still offline");
    await expect(saveState(page)).toHaveText("Offline — 2 changes kept on this device");

    await network.send("Network.emulateNetworkConditions", { offline: false, ...NO_THROTTLING });
    await context.setOffline(false);
    await expect(saveState(page)).toHaveText(SAVED);
    await expect.poll(() => notesOnServer(page)).toEqual(expect.arrayContaining(["typed on the train, before the tunnel", "and after it, still offline"]));

    // Online, the page comes from the server, not the copy kept before the notes were typed:
    // with nothing kept in this browser, the notes still show.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expect(notes(page, 1)).toHaveValue("typed on the train, before the tunnel");
    await expect(notes(page, 2)).toHaveValue("and after it, still offline");
  });

  test("log-out drops the kept pages: an offline reload no longer shows them", async ({ page, context }) => {
    await logIn(page, "student@mxp.local");
    await page.goto(MISSION);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
    await expectKeptForOffline(page);

    await page.goto("/dashboard");
    await logOut(page);
    expect(await pageIsKept(page, MISSION)).toBe(false);

    await context.setOffline(true);
    await expect(page.goto(MISSION)).rejects.toThrow(/net::ERR_/);
    await context.setOffline(false);
  });

  test("another person signing in on the same browser drops the pages kept for the one before", async ({ page, context }) => {
    await logIn(page, "starter@mxp.local");
    await page.goto(MISSION);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(TITLE);
    await expectKeptForOffline(page);

    // The session ends without a log-out (it expired, the cookie was removed)…
    await context.clearCookies();
    // …and someone else signs in.
    await logIn(page, "premium@mxp.local");
    await expect.poll(() => pageIsKept(page, MISSION)).toBe(false);
  });
});
