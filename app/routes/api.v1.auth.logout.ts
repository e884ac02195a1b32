import { allowMethods, apiHandler, json } from "~/utils/api.server";
import { requireApiUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { isSecureRequest } from "~/utils/request.server";
import { clearSessionCookie, destroySession } from "~/features/accounts/session.server";

export const loader = apiHandler(async ({ request }) => {
  allowMethods(request, ["POST"]);
  return json({});
});

/** Ends the session behind the cookie or bearer token used for this request. */
export const action = apiHandler(async ({ request }) => {
  allowMethods(request, ["POST"]);
  const auth = await requireApiUser(request);
  await destroySession(getDb(), auth.token);
  return json({ ok: true }, { headers: { "Set-Cookie": clearSessionCookie(isSecureRequest(request)) } });
});
