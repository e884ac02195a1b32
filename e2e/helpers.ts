import { expect, type Page } from "@playwright/test";
import type { Role } from "~/domain/roles";
import { linkMailedTo } from "./database";

/** The password of every demo account seeded on an empty development/test database. */
export const DEMO_PASSWORD = "mxp-dev-password";

export type DemoRole = Role;

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; name: string; role: DemoRole; tier?: string }> = [
  { email: "student@mxp.local", name: "Sam Student", role: "STUDENT", tier: "FREE" },
  { email: "starter@mxp.local", name: "Stella Starter", role: "STUDENT", tier: "STARTER" },
  { email: "premium@mxp.local", name: "Priya Premium", role: "STUDENT", tier: "PREMIUM" },
  { email: "mentor@mxp.local", name: "Marcus Mentor", role: "MENTOR" },
  { email: "admin@mxp.local", name: "Ada Admin", role: "ADMIN" },
];

/** The links of the dashboard's main navigation, in order, for each role. */
export const NAV_LINKS: Record<DemoRole, string[]> = {
  STUDENT: ["Overview", "Missions", "Skills", "Portfolio", "Plan and billing", "Notifications", "Account"],
  MENTOR: ["Overview", "Review queue", "Notifications", "Account"],
  ADMIN: ["Overview", "Academy", "People", "Review queue", "Operations", "AI agreement", "Mentors", "Billing", "E-mail outbox", "Audit log", "Notifications", "Account"],
};

/** An e-mail address no other test (or earlier run against the same server) uses. */
export function uniqueEmail(prefix = "e2e"): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

/** Fills in and submits the log-in form on the current page (which must be /login). */
export async function submitLogIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** Opens /login, logs in and waits for the dashboard. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await submitLogIn(page, email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Clicks "Log out" in the dashboard header and waits for the home page. */
export async function logOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/^https?:\/\/[^/]+\/$/);
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Log in" })).toBeVisible();
}

export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

/** Opens the confirmation link e-mailed to `email` and confirms, which logs in; a new student's first run opens on the profiler. */
export async function confirmEmail(page: Page, email: string): Promise<void> {
  await page.goto(await linkMailedTo(page, email, "/verify-email"));
  await page.getByRole("button", { name: "Confirm my address and log in" }).click();
  await expect(page).toHaveURL(/\/dashboard\/student\/onboarding\?welcome$/);
}

/** An address in 198.18.0.0/15, the range set aside for tests (RFC 2544). */
function visitorAddress(): string {
  const n = Math.floor(Math.random() * 2 ** 17);
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}

/**
 * Signs up a brand-new FREE student (so tests that start missions never share a quota), confirms
 * the address with the e-mailed link, skips the profiler and waits for the dashboard.
 */
export async function signUpStudent(page: Page, name = "Fresh Student"): Promise<string> {
  const email = uniqueEmail("student");
  // Each student signs up from an address of their own, as real students do, so the suite never
  // meets the sign-up limit per network (its own tests cover it) however many tests sign up.
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": visitorAddress() });
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signup-sent")).toBeVisible();
  await confirmEmail(page, email);
  await page.getByRole("link", { name: "Skip for now" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return email;
}

const RESET_DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: "UTC" });

/** "1 December": the day this month's mission-start quota resets (the first of next month, UTC). */
export function nextMonthStart(): string {
  const now = new Date();
  return RESET_DAY.format(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)));
}

/**
 * Presses "Start this mission" on the open mission page and, where the page asks first (a start
 * that uses the month's quota: a dialog with JavaScript, a page without), confirms.
 */
export async function startThisMission(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Start this mission" }).click();
  const dialog = page.getByRole("dialog", { name: /^Start “/ });
  const confirmPage = page.getByTestId("start-question");
  const outcome = page.getByTestId("progress-status").or(page.getByTestId("start-panel").getByRole("alert"));
  await expect(dialog.or(confirmPage).or(outcome).first()).toBeVisible();
  if (await dialog.isVisible()) await dialog.getByRole("button", { name: "Start the mission" }).click();
  else if (await confirmPage.isVisible()) await page.getByRole("button", { name: "Start the mission" }).click();
}

/** Confirms the question asked before a start that uses the month's quota (the dialog, with JavaScript). */
export async function confirmStartInDialog(page: Page): Promise<void> {
  await page
    .getByRole("dialog", { name: /^Start “/ })
    .getByRole("button", { name: "Start the mission" })
    .click();
}
