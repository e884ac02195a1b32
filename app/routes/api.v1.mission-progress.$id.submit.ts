import { submitProgress } from "~/features/submissions/service.server";
import { allowMethods, apiHandler, json, readJson } from "~/utils/api.server";
import { requireApiUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";

/** {reflection} → 202 with the submission; the AI review is queued. */
export const action = apiHandler(async ({ request, params }) => {
  allowMethods(request, ["POST"]);
  const { user } = await requireApiUser(request);
  return json(await submitProgress(getDb(), user, params.id, await readJson(request)), { status: 202 });
});

export const loader = action;
