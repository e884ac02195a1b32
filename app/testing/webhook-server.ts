import type http from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import * as entryServer from "~/entry.server";
import * as webhookRoute from "~/routes/api.webhooks.stripe";
import { closeServer, createHttpApp } from "~/server/http.server";
import { createLogger } from "~/server/logger.server";

// A Remix build of one route, the Stripe webhook, behind the whole HTTP stack (security headers,
// body limits, the cross-site check): unit tests have no Remix build, and the local checkout
// emulator must reach this route the way Stripe does.
function webhookBuild(): ServerBuild {
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

/** The webhook route served over HTTP on a free port; `url` is its site address. */
export async function startWebhookServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: http.Server = createHttpApp({ mode: "production", build: webhookBuild(), log: createLogger({ level: "silent" }) }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => closeServer(server) };
}
