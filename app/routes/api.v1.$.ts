import { apiHandler } from "~/utils/api.server";
import { AppError } from "~/utils/errors";

// Unknown API paths answer in the API's JSON shape, not with an HTML page.
const notFound = apiHandler(async ({ request }) => {
  throw new AppError("NOT_FOUND", `There is no endpoint ${request.method} ${new URL(request.url).pathname}.`);
});

export const loader = notFound;
export const action = notFound;
