import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getAuth } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { pageAction, pageLoader } from "~/utils/page.server";
import { isSecureRequest } from "~/utils/request.server";
import { clearSessionCookie, destroySession } from "~/features/accounts/session.server";
import { clearPlanIntentCookie } from "~/features/billing/plan-intent.server";

export { ErrorBoundary } from "~/components/error-page";

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async () => redirect("/"));
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request }) => {
    const auth = await getAuth(request);
    if (auth) await destroySession(getDb(), auth.token);
    // The plan a visitor chose before signing up belongs to that visitor: the next person at this browser starts afresh.
    const headers = new Headers();
    headers.append("Set-Cookie", clearSessionCookie(isSecureRequest(request)));
    headers.append("Set-Cookie", clearPlanIntentCookie(isSecureRequest(request)));
    return redirect("/", { headers });
  });
}
