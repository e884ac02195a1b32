import type { AddressInfo } from "node:net";
import http from "node:http";
import type Stripe from "stripe";

/** One request the fake received: what the SDK sent, form-encoded params as Stripe reads them. */
export interface FakeStripeRequest {
  method: string;
  path: string;
  params: URLSearchParams;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
}

export interface FakeStripe {
  /** host/port/protocol for the SDK's options. */
  readonly options: { host: string; port: number; protocol: "http" };
  /** Every request, in arrival order. */
  readonly requests: FakeStripeRequest[];
  /** Subscriptions GET /v1/subscriptions/:id answers with; tests put them here. */
  readonly subscriptions: Map<string, Stripe.Subscription>;
  /** Requests to one path (and method), in arrival order. */
  requestsTo(method: string, path: string): FakeStripeRequest[];
  /** Makes the next `count` requests to a path fail with a Stripe API error of this HTTP status. */
  failNext(path: string, status: number, count?: number): void;
  close(): Promise<void>;
}

function stripeError(response: http.ServerResponse, status: number, message: string, code?: string): void {
  response.writeHead(status, { "Content-Type": "application/json", "Request-Id": "req_fake" });
  response.end(JSON.stringify({ error: { type: status === 404 || status === 400 ? "invalid_request_error" : "api_error", message, ...(code ? { code } : {}) } }));
}

/**
 * A local stand-in for the few Stripe API endpoints the Stripe adapter calls (customers, Checkout
 * Sessions, billing-portal sessions, subscriptions), for the real SDK pointed at it with its
 * host/port/protocol options. It answers with Stripe-shaped objects, records every request, and
 * honours idempotency keys the way Stripe does (the same key answers with the first response).
 */
export async function startFakeStripe(): Promise<FakeStripe> {
  const requests: FakeStripeRequest[] = [];
  const subscriptions = new Map<string, Stripe.Subscription>();
  const idempotent = new Map<string, { status: number; body: string }>();
  const failures = new Map<string, { status: number; count: number }>();
  let sequence = 0;
  const nextId = (prefix: string) => `${prefix}_fake${String((sequence += 1)).padStart(6, "0")}`;

  function answer(request: FakeStripeRequest): { status: number; body: unknown } {
    const created = Math.floor(Date.now() / 1000);
    const p = request.params;
    if (request.method === "POST" && request.path === "/v1/customers") {
      return {
        status: 200,
        body: { id: nextId("cus"), object: "customer", created, email: p.get("email"), name: p.get("name"), metadata: { userId: p.get("metadata[userId]") }, livemode: false },
      };
    }
    if (request.method === "POST" && request.path === "/v1/checkout/sessions") {
      const id = nextId("cs_test");
      return {
        status: 200,
        body: {
          id,
          object: "checkout.session",
          created,
          mode: p.get("mode"),
          customer: p.get("customer"),
          client_reference_id: p.get("client_reference_id"),
          success_url: p.get("success_url"),
          cancel_url: p.get("cancel_url"),
          status: "open",
          url: `https://checkout.stripe.test/c/pay/${id}`,
          livemode: false,
        },
      };
    }
    if (request.method === "POST" && request.path === "/v1/billing_portal/sessions") {
      const id = nextId("bps");
      return {
        status: 200,
        body: {
          id,
          object: "billing_portal.session",
          created,
          customer: p.get("customer"),
          return_url: p.get("return_url"),
          url: `https://billing.stripe.test/p/session/${id}`,
          livemode: false,
        },
      };
    }
    const subscription = /^\/v1\/subscriptions\/([^/]+)$/.exec(request.path);
    if (request.method === "GET" && subscription) {
      const found = subscriptions.get(decodeURIComponent(subscription[1]!));
      return found ? { status: 200, body: found } : { status: 404, body: undefined };
    }
    return { status: 404, body: undefined };
  }

  const server = http.createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const url = new URL(incoming.url ?? "/", "http://fake-stripe.invalid");
      const body = Buffer.concat(chunks).toString("utf8");
      const header = (name: string) => {
        const value = incoming.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const request: FakeStripeRequest = {
        method: incoming.method ?? "GET",
        path: url.pathname,
        params: new URLSearchParams(incoming.method === "GET" ? url.search : body),
        idempotencyKey: header("idempotency-key"),
        authorization: header("authorization"),
      };
      requests.push(request);
      const failure = failures.get(request.path);
      if (failure && failure.count > 0) {
        failure.count -= 1;
        stripeError(response, failure.status, "The fake Stripe API was told to fail this request.");
        return;
      }
      const key = request.idempotencyKey ? `${request.path}\u0000${request.idempotencyKey}` : undefined;
      const replay = key ? idempotent.get(key) : undefined;
      if (replay) {
        response.writeHead(replay.status, { "Content-Type": "application/json", "Idempotent-Replayed": "true" });
        response.end(replay.body);
        return;
      }
      const { status, body: result } = answer(request);
      if (status === 404) {
        stripeError(response, 404, `No such resource: ${request.method} ${request.path}`, "resource_missing");
        return;
      }
      const text = JSON.stringify(result);
      if (key) idempotent.set(key, { status, body: text });
      response.writeHead(status, { "Content-Type": "application/json", "Request-Id": "req_fake" });
      response.end(text);
    });
  });
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    options: { host: "127.0.0.1", port, protocol: "http" },
    requests,
    subscriptions,
    requestsTo: (method, path) => requests.filter((request) => request.method === method && request.path === path),
    failNext: (path, status, count = 1) => failures.set(path, { status, count }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
