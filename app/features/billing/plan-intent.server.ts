import { readCookie, sessionCookieIsSecure } from "~/features/accounts/session.server";
import type { UpgradeTier } from "./upgrade";

/*
 * A visitor who picks a paid plan before having an account signs up first; the sign-up is
 * finished from a link in an e-mail, possibly hours later. The chosen plan waits in this cookie,
 * in the browser that chose it, so that confirming the address leads on to that plan's checkout
 * instead of the dashboard. Nothing is bought without the student pressing the checkout button;
 * a confirmation opened in another browser simply goes to the dashboard.
 */

export const PLAN_INTENT_COOKIE = "mxp_plan";
const KEPT_FOR_SECONDS = 2 * 24 * 60 * 60;

/** The paid plan named by a form field or query parameter, or null. */
export function paidPlan(value: unknown): UpgradeTier | null {
  return value === "STARTER" || value === "PREMIUM" ? value : null;
}

function cookie(value: string | null, requestIsHttps: boolean): string {
  return [
    `${PLAN_INTENT_COOKIE}=${value ?? ""}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    value === null ? "Max-Age=0" : `Max-Age=${KEPT_FOR_SECONDS}`,
    sessionCookieIsSecure(requestIsHttps) ? "Secure" : "",
  ]
    .filter(Boolean)
    .join("; ");
}

export function planIntentCookie(plan: UpgradeTier, requestIsHttps: boolean): string {
  return cookie(plan, requestIsHttps);
}

export function clearPlanIntentCookie(requestIsHttps: boolean): string {
  return cookie(null, requestIsHttps);
}

/** The plan this browser chose before signing up, if any. */
export function readPlanIntent(request: Request): UpgradeTier | null {
  return paidPlan(readCookie(request.headers.get("Cookie"), PLAN_INTENT_COOKIE));
}
