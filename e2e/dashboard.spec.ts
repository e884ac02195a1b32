import { expect, test } from "@playwright/test";
import { confirmStartInDialog, nextMonthStart, signUpStudent } from "./helpers";

test.describe("mission dashboard", () => {
  test("a FREE student starts a mission and hits the quota on the second", async ({ page, context }) => {
    await signUpStudent(page, "Quota Student");
    await page.goto("/dashboard/student/missions");
    await expect(page.getByTestId("quota")).toContainText(`0 of 1 mission starts used; resets on ${nextMonthStart()}`);

    // A second tab opened now still offers every Start button.
    const staleTab = await context.newPage();
    await staleTab.goto("/dashboard/student/missions?track=cloud-infrastructure");

    const first = page.getByTestId("mission-card").filter({ hasText: "First Shift: Reading" }).first();
    await first.getByRole("button", { name: /^Start/ }).click();
    await confirmStartInDialog(page);
    await expect(page).toHaveURL(/\/dashboard\/student\/missions\/[^/]+$/);

    // Starting enrolled the student in the Defender track; look at another track.
    await page.goto("/dashboard/student/missions?track=cloud-infrastructure");
    await expect(page.getByTestId("quota")).toContainText(`1 of 1 mission starts used; resets on ${nextMonthStart()}`);
    // every other unstarted mission is locked with the reason and no Start button
    const second = page
      .getByRole("region", { name: /Available/ })
      .getByTestId("mission-card")
      .filter({ hasText: "The Bucket Everyone Could Read" })
      .first();
    await expect(second.getByTestId("lock-reasons")).toContainText("You have used your 1 mission start for this month.");
    await expect(second.getByRole("button", { name: /^Start/ })).toHaveCount(0);
    await page.goto("/dashboard/student/missions");
    await expect(page.getByRole("region", { name: /In progress/ }).getByTestId("mission-card")).toHaveCount(1);

    // The stale tab still shows Start, but the server refuses the second start.
    const staleCard = staleTab.getByTestId("mission-card").filter({ hasText: "The Bucket Everyone Could Read" }).first();
    await staleCard.getByRole("button", { name: /^Start/ }).click();
    await confirmStartInDialog(staleTab);
    await expect(staleTab.getByRole("alert")).toContainText("You have used your 1 mission start for this month.");
  });

  test("signed-in pages are private and never stored; public pages may be cached", async ({ page, request }) => {
    const publicPage = await request.get("/about");
    expect(publicPage.headers()["cache-control"]).toBeUndefined();
    // Pages come compressed, and whole.
    expect(publicPage.headers()["content-encoding"]).toMatch(/^(br|gzip)$/);
    expect((await publicPage.text()).trimEnd()).toMatch(/<\/html>$/);
    for (const file of ["/robots.txt", "/favicon.svg"]) {
      const response = await request.get(file);
      expect(response.status(), file).toBe(200);
      expect(response.headers()["cache-control"]).toBe("public, max-age=3600");
    }

    await signUpStudent(page, "Private Student");
    const dashboard = await page.goto("/dashboard/student/missions");
    expect(dashboard?.status()).toBe(200);
    expect(dashboard?.headers()["cache-control"]).toBe("private, no-store");
    // The shell shows the viewer (from the root loader) on every dashboard page.
    await expect(page.getByTestId("user-name")).toHaveText("Private Student");
    await expect(page.getByText("Free plan")).toBeVisible();
    const data = await page.request.get("/dashboard/student/missions?_data=root");
    expect(data.headers()["cache-control"]).toBe("private, no-store");
    const { viewer, offlineOwner, offlineUntil } = (await data.json()) as {
      viewer: { name: string; role: string; tier: string; unread: number };
      offlineOwner: string | null;
      offlineUntil: string | null;
    };
    expect(viewer).toMatchObject({ name: "Private Student", role: "STUDENT", tier: "FREE" });
    // The offline worker learns whose pages it keeps and until when: at most a week from now, the session's idle limit.
    expect(offlineOwner).toMatch(/\S/);
    const until = Date.parse(offlineUntil ?? "");
    expect(until).toBeGreaterThan(Date.now());
    expect(until).toBeLessThanOrEqual(Date.now() + 7 * 24 * 60 * 60 * 1000 + 60_000);
    // The welcome notice is waiting: the bell shows the root loader's count.
    expect(viewer.unread).toBe(1);
    await expect(page.getByTestId("notification-bell")).toHaveAccessibleName("Notifications, 1 unread");

    // Signed out, the root loader names nobody for the offline worker.
    const anonymous = await page.request.get("/about?_data=root", { headers: { cookie: "" } });
    expect(await anonymous.json()).toMatchObject({ viewer: null, offlineOwner: null, offlineUntil: null });

    // The public pages know the visitor too, from the same root loader.
    await page.goto("/about");
    await page.getByRole("link", { name: "Go to your dashboard" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("filters apply as soon as they change", async ({ page }) => {
    await signUpStudent(page, "Filter Student JS");
    await page.goto("/dashboard/student/missions");
    await page.getByLabel("Track").selectOption("cloud-infrastructure");
    await expect(page).toHaveURL(/\?track=cloud-infrastructure&difficulty=$/);
    await page.getByLabel("Difficulty").selectOption("NOVICE");
    await expect(page).toHaveURL(/\?track=cloud-infrastructure&difficulty=NOVICE$/);
    const cards = page.getByTestId("mission-card");
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText("Novice");
  });

  test("filters by track and difficulty without JavaScript too", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signUpStudent(page, "Filter Student");
    await page.goto("/dashboard/student/missions?track=cloud-infrastructure&difficulty=NOVICE");
    const cards = page.getByTestId("mission-card");
    await expect(cards).toHaveCount(1);
    await expect(cards.first()).toContainText("Novice");
    await expect(cards.first()).toContainText("Cloud");
    await page.getByLabel("Difficulty").selectOption("");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(cards).toHaveCount(6);
    await context.close();
  });

  test("locked missions say why and what to do next", async ({ page }) => {
    await signUpStudent(page, "Locked Student");
    await page.goto("/dashboard/student/missions?track=defender-ops");
    const capstone = page.getByTestId("mission-card").filter({ hasText: "Capstone" }).first();
    await expect(capstone.getByTestId("lock-reasons")).toContainText("Premium plan");
    await expect(capstone.getByRole("button", { name: "Upgrade to Premium" })).toBeVisible();
    const second = page.getByTestId("mission-card").nth(1);
    await expect(second.getByTestId("lock-reasons")).toContainText("first.");
  });

  test("the onboarding profiler sets the level and recommendations", async ({ page }) => {
    await signUpStudent(page, "Profiled Student");
    await page.goto("/dashboard/student/missions");
    await page.getByRole("link", { name: "Take the profiler" }).click();
    await expect(page).toHaveURL(/\/dashboard\/student\/onboarding$/);
    await expect(page.locator("ol fieldset")).toHaveCount(10);
    for (const legend of await page.locator("ol fieldset").all()) {
      await legend.getByLabel("Read about it").check();
    }
    await page
      .getByLabel(/Defensive|Defender|SOC/)
      .first()
      .check();
    await page.getByRole("button", { name: "Save and see where to start" }).click();
    // The dashboard leads with a mission that can be started now; the track picked counts on the checklist.
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText("profiler level Beginner")).toBeVisible();
    await expect(page.getByTestId("first-run-track")).toHaveAttribute("data-done", "true");
    await expect(page.getByTestId("lead-mission").getByRole("button", { name: "Start this mission" })).toBeVisible();
    await page.goto("/dashboard/student/missions");
    await expect(page.getByText("Your profiler level is Beginner")).toBeVisible();
    await expect(page.getByText("Recommended for your level").first()).toBeVisible();
  });
});
