import { getProgress } from "~/features/progress/service.server";
import { allowMethods, apiHandler, json } from "~/utils/api.server";
import { requireApiUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";

export const loader = apiHandler(async ({ request, params }) => {
  allowMethods(request, ["GET"]);
  const { user } = await requireApiUser(request);
  return json(await getProgress(getDb(), user, params.id));
});

/**
 * PATCH (the autosave) is served before Remix by app/server/autosave-route.server.ts; any other
 * method that reaches this route is not allowed.
 */
export const action = apiHandler(async ({ request }) => {
  allowMethods(request, ["GET", "PATCH"]);
  return json({});
});
