import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeWebhook, localSubscriptionSource, type SubscriptionSource } from "~/features/billing/webhook.server";
import { getDb } from "~/utils/db.server";
import { AppError, errorResponse } from "~/utils/errors";

/**
 * POST /api/webhooks/stripe — Stripe's (and the local checkout's) signed events. The signature is
 * checked on the body exactly as it arrived, so it is read as text and handed on untouched.
 * Not part of REST v1: only Stripe calls it.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return notAllowed();
  const answer = await handleStripeWebhook({ db: getDb(), provider: webhookSubscriptionSource() }, await request.text(), request.headers.get("Stripe-Signature"));
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });
}

export function loader() {
  return notAllowed();
}

function notAllowed(): Response {
  return errorResponse(new AppError("METHOD_NOT_ALLOWED", "Stripe delivers events here with POST."), { headers: { Allow: "POST" } });
}

// Where the webhook re-reads a subscription from: the billing provider in use.
function webhookSubscriptionSource(): SubscriptionSource {
  return localSubscriptionSource;
}
