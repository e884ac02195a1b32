import { allowMethods, apiHandler, json } from "~/utils/api.server";
import { requireApiUser } from "~/features/accounts/auth.server";

export const loader = apiHandler(async ({ request }) => {
  allowMethods(request, ["GET"]);
  const { user } = await requireApiUser(request);
  return json({ user });
});
