import type { AddressInfo } from "node:net";
import type http from "node:http";
import { afterAll, beforeAll } from "vitest";
import { createHttpApp } from "~/server/http.server";
import { createLogger } from "~/server/logger.server";

/**
 * The real HTTP server (Express with the APIs mounted, behind the same middleware as in
 * production) listening on a free port, for tests that speak HTTP to the API. Remix is not
 * built in unit tests: a request that would reach a page fails loudly.
 */
export async function startApiServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = createHttpApp({
    mode: "production",
    build: () => Promise.reject(new Error("No Remix build in API tests: this request should have been answered by the API.")),
    log: createLogger({ level: "silent" }),
  });
  const server: http.Server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Starts the server for a test file; `api.url` is its address once the file's tests run. */
export function serveApiForTests(): { url: string } {
  const api = { url: "" };
  let close: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const started = await startApiServer();
    api.url = started.url;
    close = started.close;
  });
  afterAll(() => close());
  return api;
}
