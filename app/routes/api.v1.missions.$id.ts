import { getMissionDetail } from "~/features/missions/service.server";
import { allowMethods, apiHandler, json } from "~/utils/api.server";
import { requireApiUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";

export const loader = apiHandler(async ({ request, params }) => {
  allowMethods(request, ["GET"]);
  const { user } = await requireApiUser(request);
  return json(await getMissionDetail(getDb(), user, params.id));
});

export const action = loader;
