import { expect, test, type Page } from "@playwright/test";
import { createStudent } from "./database";
import { logIn, startThisMission } from "./helpers";

// Billing through the local checkout emulator (the test server has no Stripe key): its events go
// to the real webhook route, so the plan changes the way it does with Stripe.

const FIRST = "/dashboard/student/missions/cloud-open-bucket";
const NEXT = "/dashboard/student/missions/off-scope-and-recon";

async function newStudent(page: Page, name: string): Promise<string> {
  await page.goto("/");
  const email = await createStudent(page, name);
  await logIn(page, email);
  return email;
}

async function startHere(page: Page): Promise<void> {
  await startThisMission(page);
  await expect(page.getByTestId("progress-status")).toHaveText("In progress");
}

async function confirmTestCheckout(page: Page, plan: string): Promise<void> {
  await expect(page).toHaveURL(/\/billing\/test-checkout\//);
  await expect(page.getByRole("note")).toContainText("This is a test checkout: no real payment is taken.");
  await page.getByRole("button", { name: `Confirm test payment for ${plan}` }).click();
  await expect(page.getByRole("heading", { name: `You are on the ${plan} plan` })).toBeVisible();
}

test("a Free student who used the month's start upgrades from the quota message and starts the next mission at once", async ({ page }) => {
  await newStudent(page, "Quota Student");
  await page.goto(FIRST);
  await startHere(page);

  await page.goto(NEXT);
  await expect(page.getByTestId("quota-message")).toContainText("1 of 1 mission starts used");
  await page.getByRole("button", { name: "Upgrade to Starter and start it now" }).click();
  await confirmTestCheckout(page, "Starter");
  await expect(page.getByTestId("checkout-success")).toContainText("3 mission starts a month");

  await page.getByRole("link", { name: "Continue where you were" }).click();
  await expect(page).toHaveURL(NEXT);
  await startHere(page);
  await page.goto("/dashboard/student/missions");
  await expect(page.getByTestId("quota")).toContainText("2 of 3 mission starts used");
});

test("a Premium student cancels at period end, keeps Premium until the period ends, then is on Free with their work still there", async ({ page }) => {
  await newStudent(page, "Cancelling Student");
  await page.goto("/pricing");
  await page.getByTestId("plan-PREMIUM").getByRole("button", { name: "Upgrade to Premium" }).click();
  await confirmTestCheckout(page, "Premium");
  await expect(page.getByTestId("checkout-success")).toContainText("Mentor reviews");
  await page.goto(FIRST);
  await startHere(page);

  await page.goto("/billing");
  await expect(page.getByTestId("current-plan")).toHaveText("Premium plan");
  await expect(page.getByTestId("subscription-state")).toContainText("Premium renews on");
  await page.getByRole("button", { name: "Cancel at the end of the period" }).click();
  await expect(page.getByRole("status")).toContainText("Your plan will end at the end of the current period.");
  await expect(page.getByTestId("subscription-state")).toContainText("Cancelled: you keep Premium until");
  await expect(page.getByTestId("current-plan")).toHaveText("Premium plan");
  await page.goto("/dashboard/student/missions");
  await expect(page.getByTestId("quota")).toContainText("Premium plan: unlimited mission starts.");

  await page.goto("/billing");
  await page.getByRole("button", { name: "End the current period now" }).click();
  await expect(page.getByTestId("current-plan")).toHaveText("Free plan");
  await expect(page.getByTestId("subscription-state")).toContainText("Your Premium subscription has ended");
  await expect(page.getByTestId("test-controls")).toHaveCount(0);

  // The downgrade deleted nothing: the mission started on Premium is still open.
  await page.goto(FIRST);
  await expect(page.getByTestId("progress-status")).toHaveText("In progress");
  await page.goto("/dashboard/student/missions");
  await expect(page.getByTestId("quota")).toContainText("1 of 1 mission starts used");
});

test("the pricing page, checkout and billing page work without JavaScript and at phone width", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  try {
    await page.goto("/pricing");
    await expect(page.getByTestId("plan-STARTER")).toContainText("$3");
    await expect(page.getByTestId("plan-PREMIUM")).toContainText("$7");
    await newStudent(page, "Phone Student");
    await page.goto("/pricing");
    await expect(page.getByTestId("plan-FREE")).toContainText("Your plan");
    await page.getByTestId("plan-STARTER").getByRole("button", { name: "Upgrade to Starter" }).click();
    await confirmTestCheckout(page, "Starter");
    await page.goto("/billing");
    await expect(page.getByTestId("current-plan")).toHaveText("Starter plan");
    await page.getByRole("button", { name: "Simulate a failed payment" }).click();
    await expect(page.getByTestId("payment-problem")).toContainText("Your last payment failed.");
    await expect(page.getByTestId("current-plan")).toHaveText("Starter plan");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  } finally {
    await context.close();
  }
});
