import { generateTOTP } from "@epic-web/totp";
import { expect, test } from "@playwright/test";
import { setRole } from "./database";
import { logOut, signUpStudent, submitLogIn } from "./helpers";

/**
 * The code an authenticator app shows for `secret`, `steps` periods of 30 s from now. The library
 * reads the clock with `new Date()`, so the clock is moved for the one call.
 */
async function totpCode(secret: string, steps = 0): Promise<string> {
  const RealDate = Date;
  const shifted = RealDate.now() + steps * 30_000;
  class ShiftedDate extends RealDate {
    constructor(...args: ConstructorParameters<typeof Date> | []) {
      if (args.length === 0) super(shifted);
      else super(...args);
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
  try {
    return (await generateTOTP({ secret, period: 30 })).otp;
  } finally {
    globalThis.Date = RealDate;
  }
}

test("a mentor turns on two-step log-in, keeps the recovery codes, and logs in with the password and a code", async ({ page }) => {
  const email = await signUpStudent(page, "Tess Twostep");
  await setRole(page, email, "MENTOR");

  await page.goto("/dashboard/account");
  await expect(page.getByRole("heading", { name: "Two-step log-in" })).toBeVisible();
  await page.getByRole("button", { name: "Set up two-step log-in" }).click();
  await expect(page.getByRole("img", { name: "QR code of the key below" })).toBeVisible();
  const key = (await page.getByTestId("totp-key").innerText()).replace(/\s+/g, "");

  await page.getByLabel("Code from your app").fill("000000" === (await totpCode(key)) ? "111111" : "000000");
  await page.getByRole("button", { name: "Turn on two-step log-in" }).click();
  await expect(page.getByText("That code is not right")).toBeVisible();
  // The previous period's code (phones' clocks drift), so that this period's is still unused below.
  await page.getByLabel("Code from your app").fill(await totpCode(key, -1));
  await page.getByRole("button", { name: "Turn on two-step log-in" }).click();
  await expect(page.getByTestId("recovery-codes")).toContainText("Two-step log-in is on");
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await page.reload();
  await expect(page.getByTestId("recovery-codes")).toHaveCount(0); // shown once
  await expect(page.getByText("Recovery codes left: 10")).toBeVisible();

  await logOut(page);
  await page.goto("/login");
  await submitLogIn(page, email, "a long enough passphrase");
  await expect(page.getByRole("heading", { name: "Enter your code" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/); // no session before the code

  await submitLogIn(page, email, "a long enough passphrase");
  await page.getByLabel("Code").fill(await totpCode(key));
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("user-name")).toHaveText("Tess Twostep");
});
