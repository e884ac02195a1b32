import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe";
import { linkMailedTo } from "./database";
import { uniqueEmail } from "./helpers";

/**
 * The public pages as a visitor meets them: the landing page shows the product (a real mission,
 * a sample review, a sample heat-map), track cards lead to indexable track pages, and every plan
 * card has its button, through sign-up to checkout.
 */

/** Strings that survive minification in the client code public pages must not load. */
const HEAVY_CLIENT_CODE: Record<string, string> = {
  "tRPC client": "TRPCClientError",
  "React Query": "No QueryClient set",
  zod: "ZodError",
  marked: "marked(): input parameter",
};

/** Records the body of every script the page loads. */
function collectScripts(page: Page): Map<string, string> {
  const scripts = new Map<string, string>();
  page.on("response", async (response) => {
    if (response.request().resourceType() !== "script") return;
    scripts.set(response.url(), await response.text().catch(() => ""));
  });
  return scripts;
}

function expectLightClient(scripts: Map<string, string>, where: string) {
  expect(scripts.size, `${where} loads its scripts`).toBeGreaterThan(0);
  for (const [url, body] of scripts) {
    for (const [library, marker] of Object.entries(HEAVY_CLIENT_CODE)) expect(body.includes(marker), `${where} loads ${library} in ${url}`).toBe(false);
  }
}

async function meta(page: Page, selector: string): Promise<string | null> {
  return await page.locator(selector).first().getAttribute("content");
}

test("the landing page shows a real mission, a sample review and a sample heat-map, counts from the catalogue, and loads no heavy client code", async ({ page }) => {
  const scripts = collectScripts(page);
  await page.goto("/");
  await page.waitForLoadState("networkidle");

  const featured = page.getByTestId("featured-mission");
  await expect(featured.getByRole("heading", { level: 2 })).not.toBeEmpty();
  await expect(featured.getByTestId("mission-excerpt")).toContainText(/\w{3,}/);
  const title = (await featured.getByRole("heading", { level: 2 }).textContent())!;
  const excerpt = (await featured.getByTestId("mission-excerpt").textContent())!.trim();

  const review = page.getByTestId("sample-review");
  await expect(review.getByText("Sample", { exact: true })).toBeVisible();
  await expect(review).toContainText(`real rubric of “${title}”`);
  await expect(review.getByTestId("sample-review-total")).toHaveText(/^\d{1,3}(\.\d)?\/100$/);
  expect(await review.getByTestId("sample-review-criterion").count()).toBeGreaterThan(1);

  const heatMap = page.getByTestId("sample-heat-map");
  await expect(heatMap.getByText("Sample", { exact: true })).toBeVisible();
  await expect(heatMap.getByTestId("heat-map")).toBeVisible();
  // The picture's values are there for screen readers too, as a table.
  expect(await heatMap.getByRole("table").getByRole("row").count()).toBeGreaterThan(1);

  // The numbers add up to what the tracks hold.
  const numbers = page.getByTestId("catalogue-numbers");
  const tracks = page.getByTestId("track-card");
  await expect(numbers).toContainText(`Tracks${await tracks.count()}`);
  let missions = 0;
  for (const text of await tracks.allTextContents()) missions += Number(/(\d+) missions/.exec(text)![1]);
  await expect(numbers).toContainText(`Missions${missions}`);

  expectLightClient(scripts, "the landing page");
  await expectNoAxeViolations(page, "the landing page");

  // The excerpt is the mission's own story: its track page opens with the same words.
  await featured.getByRole("link", { name: /^See every mission in / }).click();
  await expect(page).toHaveURL(/\/tracks\/[a-z0-9-]+$/);
  await expect(
    page
      .getByTestId("mission-preview")
      .filter({ has: page.getByRole("heading", { name: title, exact: true }) })
      .getByTestId("mission-excerpt"),
  ).toContainText(excerpt.slice(0, 60));
});

test("a track card leads to the track's page, indexable with its meta tags; an unknown track is a friendly 404", async ({ page, request }) => {
  const scripts = collectScripts(page);
  await page.goto("/");
  const card = page.getByTestId("track-card").first();
  const trackTitle = (await card.getByRole("heading").textContent())!;
  // By keyboard: the card's title is its link.
  await card.getByRole("link", { name: trackTitle }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/tracks\/[a-z0-9-]+$/);
  const url = page.url();
  const slug = new URL(url).pathname.split("/").pop()!;

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(trackTitle);
  await expect(page).toHaveTitle(`${trackTitle} · MXP`);
  expect(await meta(page, 'meta[name="description"]')).toMatch(/\d+ missions/);
  expect(await meta(page, 'meta[property="og:title"]')).toBe(trackTitle);
  expect(await meta(page, 'meta[property="og:description"]')).toBeTruthy();
  expect(await meta(page, 'meta[property="og:url"]')).toMatch(new RegExp(`/tracks/${slug}$`));
  expect(await page.locator('link[rel="canonical"]').getAttribute("href")).toMatch(new RegExp(`/tracks/${slug}$`));

  const previews = page.getByTestId("mission-preview");
  expect(await previews.count()).toBeGreaterThanOrEqual(5);
  const first = previews.first();
  await expect(first).toContainText(/Novice|Beginner|Intermediate|Advanced|Elite/);
  await expect(first).toContainText(/about \d/);
  await expect(first).toContainText(/Free plan|Starter plan|Premium plan/);
  await expect(first.getByTestId("mission-excerpt")).toContainText(/\w{3,}/);
  // Rubrics and step instructions are for accounts.
  await expect(page.getByText("Exemplary")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Sign up free to start" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expectLightClient(scripts, "a track page");
  await expectNoAxeViolations(page, "a track page");

  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.status()).toBe(200);
  expect(await sitemap.text()).toContain(`/tracks/${slug}</loc>`);
  expect(await (await request.get("/robots.txt")).text()).not.toMatch(/Disallow: \/tracks/);

  const missing = await page.goto("/tracks/no-such-track");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("We couldn't find that");
  await expect(page.getByText("There is no published track at this address.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" })).toBeVisible();
  await expectNoAxeViolations(page, "an unknown track");
});

test("every plan card has its button: sign up for Free, sign up then checkout for a paid plan, upgrade when signed in", async ({ page }) => {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
  for (const path of ["/", "/pricing"]) {
    await page.goto(path);
    await expect(page.getByTestId("plan-FREE").getByRole("link", { name: "Sign up for Free" })).toHaveAttribute("href", "/signup");
    await expect(page.getByTestId("plan-STARTER").getByRole("link", { name: "Sign up for Starter" })).toHaveAttribute("href", "/signup?plan=STARTER");
    await expect(page.getByTestId("plan-PREMIUM").getByRole("link", { name: "Log in to choose Premium" })).toHaveAttribute(
      "href",
      `/login?redirectTo=${encodeURIComponent("/pricing?plan=PREMIUM")}`,
    );
  }

  // A visitor picks Premium on the landing page, signs up, confirms the address and is taken to its checkout.
  await page.goto("/");
  await page.getByTestId("plan-PREMIUM").getByRole("link", { name: "Sign up for Premium" }).click();
  await expect(page).toHaveURL(/\/signup\?plan=PREMIUM$/);
  await expect(page.getByText("You chose Premium.")).toBeVisible();
  const email = uniqueEmail("plan");
  await page.getByLabel("Your name").fill("Plan Chooser");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signup-sent")).toBeVisible();
  await expect(page.getByText("the Premium checkout is next")).toBeVisible();
  await page.goto(await linkMailedTo(page, email, "/verify-email"));
  await page.getByRole("button", { name: "Confirm my address and log in" }).click();
  await expect(page).toHaveURL(/\/pricing\?plan=PREMIUM$/);
  await expectNoAxeViolations(page, "the plans page with a chosen plan");
  await page.getByTestId("chosen-plan").getByRole("button", { name: "Continue to Premium checkout" }).click();
  await expect(page).toHaveURL(/\/billing\/test-checkout\//);
  await page.getByRole("button", { name: "Confirm test payment for Premium" }).click();
  await expect(page.getByRole("heading", { name: "You are on the Premium plan" })).toBeVisible();

  // Signed in, the landing page's cards say where the student stands and change the plan at checkout.
  await page.goto("/");
  await expect(page.getByTestId("plan-PREMIUM")).toContainText("You are on this plan.");
  await expect(page.getByTestId("plan-STARTER").getByRole("button", { name: "Change to Starter" })).toBeVisible();
  await expect(page.getByTestId("plan-FREE").getByRole("link", { name: "Cancel on your billing page" })).toHaveAttribute("href", "/billing");
});

test("a signed-in Free student upgrades from the landing page's plan card", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill("student@mxp.local");
  await page.getByLabel("Password").fill("mxp-dev-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto("/");
  await expect(page.getByTestId("plan-FREE")).toContainText("You are on this plan.");
  await expect(page.getByTestId("plan-PREMIUM").getByRole("button", { name: "Upgrade to Premium" })).toBeVisible();
  await page.getByTestId("plan-STARTER").getByRole("button", { name: "Upgrade to Starter" }).click();
  await expect(page).toHaveURL(/\/billing\/test-checkout\//);
  await expect(page.getByRole("button", { name: "Confirm test payment for Starter" })).toBeVisible();
});

test("the public pages fit a phone's width", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const path of ["/pricing", "/about", "/"]) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }
  await page.getByTestId("track-card").first().getByRole("link").click();
  await expect(page).toHaveURL(/\/tracks\//);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});
