import type { ActionFunctionArgs } from "@remix-run/node";
import { logIn } from "~/features/accounts/service.server";
import { allowMethods, apiHandler, json, readJson } from "~/utils/api.server";
import { isSecureRequest, sessionMeta } from "~/utils/request.server";
import { sessionCookie } from "~/features/accounts/session.server";
import { getDb } from "~/utils/db.server";

export const loader = apiHandler(async ({ request }) => {
  allowMethods(request, ["POST"]);
  return json({});
});

export const action = apiHandler(async ({ request, context }: ActionFunctionArgs) => {
  allowMethods(request, ["POST"]);
  const body = await readJson(request);
  const { user, token, expiresAt } = await logIn(getDb(), body, sessionMeta(request, context.clientAddress));
  return json(
    { token, expiresAt: expiresAt.toISOString(), user },
    { headers: { "Set-Cookie": sessionCookie(token, expiresAt, isSecureRequest(request)) } },
  );
});
