import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/features/accounts/auth.server";
import { reviewEventsResponse } from "~/features/reviews/review-events.server";
import { getDb } from "~/utils/db.server";
import { databaseUrl } from "~/utils/env.server";
import { pageLoader } from "~/utils/page.server";

/** The mission page's live review channel (server-sent events); the page falls back to polling without it. */
export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request, params }) => {
    const user = await requireUser(request);
    return reviewEventsResponse(getDb(), user, params.id, request.signal, databaseUrl());
  });
}
