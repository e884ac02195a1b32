import { getProgress, saveProgress } from "~/services/progress.server";
import { allowMethods, apiHandler, json, readJson } from "~/utils/api.server";
import { requireApiUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const loader = apiHandler(async ({ request, params }) => {
  allowMethods(request, ["GET"]);
  const { user } = await requireApiUser(request);
  return json(await getProgress(getDb(), user, params.id));
});

/** PATCH {version, subtasks: {<subtaskId>: {notes?, completed?}}} → the new progress; 409 on a stale version. */
export const action = apiHandler(async ({ request, params }) => {
  allowMethods(request, ["PATCH"]);
  const { user } = await requireApiUser(request);
  return json(await saveProgress(getDb(), user, params.id, await readJson(request)));
});
