import type http from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, describe, expect, it } from "vitest";
import * as entryServer from "~/entry.server";
import { priceIdFor } from "~/features/billing/prices.server";
import { signStripePayload, stripeId, stripeSubscription, subscriptionEvent } from "~/features/billing/stripe-events";
import { closeServer, createHttpApp } from "~/server/http.server";
import { createLogger } from "~/server/logger.server";
import { createUser } from "~/testing/factories";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import * as webhookRoute from "./api.webhooks.stripe";

// The webhook as Stripe reaches it: through the whole HTTP stack (security headers, body limits,
// the cross-site check), a server-to-server POST with no cookie and no Origin.
function build(): ServerBuild {
  const asset = (id: string, extra: object) => ({
    id,
    module: `/build/${id}-TEST.js`,
    hasAction: false,
    hasLoader: false,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: false,
    imports: [],
    ...extra,
  });
  const route = { id: "routes/api.webhooks.stripe", parentId: "root", path: "api/webhooks/stripe" };
  return {
    mode: "production",
    entry: { module: entryServer },
    routes: { root: { id: "root", path: "", module: { default: () => null } }, [route.id]: { ...route, module: webhookRoute } },
    assets: {
      url: "/build/manifest-TEST.js",
      version: "TEST",
      entry: { module: "/build/entry.client-TEST.js", imports: [] },
      routes: { root: asset("root", { path: "" }), [route.id]: asset(route.id, { ...route, hasAction: true, hasLoader: true }) },
    },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true } as ServerBuild["future"],
    isSpaMode: false,
  } as unknown as ServerBuild;
}

let server: http.Server | undefined;
afterAll(async () => {
  if (server) await closeServer(server);
});

describe("POST /api/webhooks/stripe over HTTP", () => {
  it("reaches the route with its body untouched: no cross-site refusal, and the signature checks out", async () => {
    server = createHttpApp({ mode: "production", build: build(), log: createLogger({ level: "silent" }) }).listen(0);
    await new Promise((resolve) => server!.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const user = await createUser();
    const event = subscriptionEvent(
      "customer.subscription.created",
      stripeSubscription({ customerId: stripeId("cus"), userId: user.id, priceId: priceIdFor("STARTER"), status: "active" }),
    );
    // Pretty-printed: a body re-serialised on the way would no longer match its signature.
    const payload = JSON.stringify(event, null, 2);
    const response = await fetch(`${base}/api/webhooks/stripe`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Stripe-Signature": signStripePayload(payload, getEnv().STRIPE_WEBHOOK_SECRET),
        "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
      },
      body: payload,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: true, outcome: "applied" });
    expect(await getDb().subscription.findUnique({ where: { userId: user.id } })).toMatchObject({ tier: "STARTER", status: "active" });

    const get = await fetch(`${base}/api/webhooks/stripe`);
    expect(get.status).toBe(405);
  });
});
