import { startMission } from "~/features/missions/service.server";
import { allowMethods, apiHandler, json } from "~/utils/api.server";
import { requireApiUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";

/** 201 with the new progress record; 200 with the existing one if the mission was already started. */
export const action = apiHandler(async ({ request, params }) => {
  allowMethods(request, ["POST"]);
  const { user } = await requireApiUser(request);
  const { created, progress } = await startMission(getDb(), user, params.id);
  return json(progress, { status: created ? 201 : 200 });
});

export const loader = action;
