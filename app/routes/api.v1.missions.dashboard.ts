import { getMissionDashboard } from "~/features/missions/service.server";
import { allowMethods, apiHandler, json } from "~/utils/api.server";
import { requireApiUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";

export const loader = apiHandler(async ({ request }) => {
  allowMethods(request, ["GET"]);
  const { user } = await requireApiUser(request);
  const url = new URL(request.url);
  const filters = { track: url.searchParams.get("track") ?? undefined, difficulty: url.searchParams.get("difficulty") ?? undefined };
  return json(await getMissionDashboard(getDb(), user, filters));
});

export const action = loader;
