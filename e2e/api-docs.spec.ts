import { expect, test } from "@playwright/test";

test("the API reference renders the OpenAPI document from this origin alone, under its Content-Security-Policy", async ({ page, baseURL }) => {
  const foreign: string[] = [];
  const problems: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["http:", "https:"].includes(url.protocol)) return;
    if (url.origin !== new URL(baseURL!).origin) foreign.push(request.url());
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));

  const response = await page.goto("/docs/api");
  expect(response!.status()).toBe(200);
  expect(response!.headers()["content-security-policy"]).toContain("script-src 'self'");
  await expect(page.getByRole("heading", { name: "MXP API", level: 1 })).toBeVisible({ timeout: 30_000 });
  const sidebar = page.getByRole("complementary");
  for (const operation of [
    "Log in",
    "The caller's mission dashboard",
    "Start a mission",
    "Save subtask notes and completion (autosave)",
    "Upload an evidence file",
    "Submit the work for review",
  ]) {
    await expect(sidebar.getByRole("link", { name: new RegExp(`^${operation.replace(/[()]/g, "\\$&")}`) })).toBeVisible();
  }
  await sidebar.getByRole("link", { name: /^Save subtask notes/ }).click();
  await expect(page.getByText("VERSION_CONFLICT").first()).toBeVisible();
  // None of Scalar's hosted extras.
  await expect(page.getByRole("button", { name: "Ask AI" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Generate SDKs & MCP" })).toBeHidden();
  expect(foreign).toEqual([]);
  expect(problems.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
});
