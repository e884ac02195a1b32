import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getAuth } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { isSecureRequest } from "~/utils/request.server";
import { clearSessionCookie, destroySession } from "~/features/accounts/session.server";

export { ErrorBoundary } from "~/components/error-page";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await getAuth(request);
  if (auth) await destroySession(getDb(), auth.token);
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(isSecureRequest(request)) } });
}
