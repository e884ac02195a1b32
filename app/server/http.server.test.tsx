import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type http from "node:http";
import { json, type ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadThingIngestOrigins } from "~/adapters/storage/uploadthing-hosts.server";
import { evidenceStorageFor } from "~/adapters/storage/storage.server";
import * as entryServer from "~/entry.server";
import { uploadEvidence } from "~/features/evidence/service.server";
import * as root from "~/root";
import * as evidenceDownload from "~/routes/evidence.$fileId";
import { cookieHeader, createSignedInUser, createUser, TEST_PASSWORD } from "~/testing/factories";
import { createMission, startProgress } from "~/testing/missions";
import { getDb } from "~/utils/db.server";
import type { TrustProxy } from "~/utils/env.server";
import { Writable } from "node:stream";
import { closeServer, createHttpApp } from "./http.server";
import { createLogger } from "./logger.server";
import { PERMISSIONS_POLICY } from "./security-headers.server";

/**
 * The HTTP answers as browsers get them: the Express app of `createHttpApp` in front of a small
 * Remix build made of the real document entry, the real root layout and the real evidence
 * download route, plus two resource routes.
 */
function testBuild(): ServerBuild {
  const asset = (id: string, extra: object = {}) => ({
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
  return {
    mode: "production",
    entry: { module: entryServer },
    routes: {
      root: { id: "root", path: "", module: root },
      "routes/_index": { id: "routes/_index", parentId: "root", index: true, module: { default: () => <h1>Welcome</h1> } },
      "routes/evidence.$fileId": { id: "routes/evidence.$fileId", parentId: "root", path: "evidence/:fileId", module: evidenceDownload },
      "routes/data": { id: "routes/data", parentId: "root", path: "data", module: { loader: () => json({ ok: true }) } },
      "routes/large": {
        id: "routes/large",
        parentId: "root",
        path: "large",
        module: { loader: () => json({ rows: Array.from({ length: 200 }, (_, index) => ({ index, text: "a row of a long answer" })) }) },
      },
      "routes/events": { id: "routes/events", parentId: "root", path: "events", module: { loader: eventStream } },
      "routes/cached": {
        id: "routes/cached",
        parentId: "root",
        path: "cached",
        module: { loader: () => new Response("cached", { headers: { "Content-Type": "text/plain", "Cache-Control": "public, max-age=60" } }) },
      },
    },
    assets: {
      url: "/build/manifest-TEST.js",
      version: "TEST",
      entry: { module: "/build/entry.client-TEST.js", imports: [] },
      routes: {
        root: asset("root", { path: "", hasLoader: true, hasErrorBoundary: true }),
        "routes/_index": asset("routes/_index", { parentId: "root", index: true }),
        "routes/evidence.$fileId": asset("routes/evidence.$fileId", { parentId: "root", path: "evidence/:fileId", hasLoader: true }),
        "routes/data": asset("routes/data", { parentId: "root", path: "data", hasLoader: true }),
        "routes/large": asset("routes/large", { parentId: "root", path: "large", hasLoader: true }),
        "routes/events": asset("routes/events", { parentId: "root", path: "events", hasLoader: true }),
        "routes/cached": asset("routes/cached", { parentId: "root", path: "cached", hasLoader: true }),
      },
    },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true } as ServerBuild["future"],
    isSpaMode: false,
  } as unknown as ServerBuild;
}

/** A stream that sends one small event and stays open, like the live review channel. */
function eventStream({ request }: { request: Request }): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("data: first\n\n"));
      request.signal.addEventListener("abort", () => controller.close());
    },
  });
  return new Response(body, { headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store" } });
}

const servers: http.Server[] = [];
async function serve(
  mode: "development" | "production",
  options: { build?: Parameters<typeof createHttpApp>[0]["build"]; log?: ReturnType<typeof createLogger>; trustProxy?: TrustProxy } = {},
): Promise<string> {
  const app = createHttpApp({ mode, build: options.build ?? testBuild(), log: options.log ?? createLogger({ level: "silent" }), trustProxy: options.trustProxy });
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let dataDir: string;
const savedEnv = { ...process.env };
beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mxp-http-"));
  process.env.DATA_DIR = dataDir;
  delete process.env.UPLOADTHING_TOKEN;
});
afterAll(async () => {
  await Promise.all(servers.map((server) => closeServer(server)));
  process.env = savedEnv;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The directives of a Content-Security-Policy, by name. */
function directives(policy: string | null): Map<string, string[]> {
  expect(policy).toBeTruthy();
  return new Map(
    policy!
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name ?? "", values]),
  );
}

describe("security headers", () => {
  it("gives a page a Content-Security-Policy whose nonce is on every inline script, and no unsafe-inline script", async () => {
    const base = await serve("production");
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<h1>Welcome</h1>");

    const policy = directives(response.headers.get("Content-Security-Policy"));
    const scriptSrc = policy.get("script-src")!;
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    const nonces = scriptSrc.filter((value) => value.startsWith("'nonce-"));
    expect(nonces).toHaveLength(1);
    const nonce = nonces[0]!.slice("'nonce-".length, -1);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);

    // Every <script> in the page is inline (Remix's context, the module loader, scroll
    // restoration, window.ENV) and carries exactly this nonce.
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
    expect(html).toContain("window.ENV");

    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("script-src-attr")).toEqual(["'none'"]);
    expect(policy.get("connect-src")).toEqual(["'self'"]);
    expect(policy.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);

    // A new nonce for every answer.
    const again = directives((await fetch(`${base}/`)).headers.get("Content-Security-Policy")).get("script-src")!;
    expect(again.find((value) => value.startsWith("'nonce-"))).not.toBe(nonces[0]);
  });

  it("sends each security header once, HSTS only in production, and a Permissions-Policy", async () => {
    const production = await fetch(`${await serve("production")}/`);
    const development = await fetch(`${await serve("development")}/`);
    for (const response of [production, development]) {
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("X-Frame-Options")).toBe("DENY");
      expect(response.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("Permissions-Policy")).toBe(PERMISSIONS_POLICY);
      expect(response.headers.get("Permissions-Policy")).toMatch(/(^|, )camera=\(\)/);
      expect(response.headers.get("Permissions-Policy")).toMatch(/(^|, )microphone=\(\)/);
      expect(response.headers.get("Permissions-Policy")).toMatch(/(^|, )geolocation=\(\)/);
      expect(response.headers.get("X-Powered-By")).toBeNull();
    }
    expect(production.headers.get("Strict-Transport-Security")).toBe("max-age=31536000");
    expect(development.headers.get("Strict-Transport-Security")).toBeNull();
  });

  it("lets a route's own headers replace the defaults instead of doubling them", async () => {
    const base = await serve("production");
    const { token } = await createSignedInUser();
    // Signed-in answers default to `private, no-store`; this route sets its own.
    const cached = await fetch(`${base}/cached`, { headers: { Cookie: cookieHeader(token) } });
    expect(cached.status).toBe(200);
    expect(cached.headers.get("Cache-Control")).toBe("public, max-age=60");
    expect(cached.headers.get("X-Content-Type-Options")).toBe("nosniff");

    // JSON answers work, and carry no page policy.
    const data = await fetch(`${base}/data`);
    expect(data.status).toBe(200);
    expect(await data.json()).toEqual({ ok: true });
    expect(data.headers.get("Content-Security-Policy")).toBeNull();
    expect(data.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("sends one nosniff header and the route's own policy on evidence downloads", async () => {
    const base = await serve("production");
    const { user, token } = await createSignedInUser();
    const mission = await createMission();
    const progress = await startProgress(user.id, mission.id);
    const storage = evidenceStorageFor("LOCAL");
    const store = (data: Buffer, fileName: string) => uploadEvidence(getDb(), storage, user, progress.id, { subtaskId: mission.subtasks[0]!.id, fileName, data });
    const png = await store(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]), "scan.png");
    const pdf = await store(Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"), "report.pdf");
    const headers = { Cookie: cookieHeader(token) };

    const image = await fetch(`${base}/evidence/${png.id}`, { headers });
    expect(image.status).toBe(200);
    expect(image.headers.get("Content-Type")).toBe("image/png");
    // Headers#get joins repeated headers with ", ": one value means one header.
    expect(image.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(image.headers.get("Content-Security-Policy")).toBe("default-src 'none'; sandbox");
    expect(image.headers.get("Cache-Control")).toBe("private, no-store");
    expect(image.headers.get("Cross-Origin-Resource-Policy")).toBe("same-origin");

    // A PDF keeps having no policy at all: the browser's PDF viewer would be blocked by the page's.
    const document = await fetch(`${base}/evidence/${pdf.id}`, { headers });
    expect(document.status).toBe(200);
    expect(document.headers.get("Content-Type")).toBe("application/pdf");
    expect(document.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(document.headers.get("Content-Security-Policy")).toBeNull();
  });

  it("lets pages send evidence to UploadThing's ingest host only when UploadThing stores it", async () => {
    const token = Buffer.from(JSON.stringify({ apiKey: "sk_live_x", appId: "app", regions: ["sea1", "fra1"] })).toString("base64");
    expect(uploadThingIngestOrigins(token)).toEqual(["https://sea1.ingest.uploadthing.com", "https://fra1.ingest.uploadthing.com"]);
    expect(uploadThingIngestOrigins(token, "http://127.0.0.1:4010/ingest")).toEqual(["http://127.0.0.1:4010"]);
    expect(uploadThingIngestOrigins("not a token")).toEqual(["https://*.ingest.uploadthing.com"]);

    process.env.UPLOADTHING_TOKEN = token;
    try {
      const response = await fetch(`${await serve("production")}/`);
      expect(directives(response.headers.get("Content-Security-Policy")).get("connect-src")).toEqual([
        "'self'",
        "https://sea1.ingest.uploadthing.com",
        "https://fra1.ingest.uploadthing.com",
      ]);
    } finally {
      delete process.env.UPLOADTHING_TOKEN;
    }
  });
});

describe("compression", () => {
  it("compresses pages and JSON with brotli or gzip as the browser asks, and leaves small answers alone", async () => {
    const base = await serve("production");
    const brotli = await fetch(`${base}/large`, { headers: { "Accept-Encoding": "br, gzip" } });
    expect(brotli.headers.get("content-encoding")).toBe("br");
    expect(((await brotli.json()) as { rows: unknown[] }).rows).toHaveLength(200);
    const gzip = await fetch(`${base}/large`, { headers: { "Accept-Encoding": "gzip" } });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    const page = await fetch(`${base}/`, { headers: { Accept: "text/html", "Accept-Encoding": "gzip" } });
    expect(page.headers.get("content-encoding")).toBe("gzip");
    expect(await page.text()).toContain("Welcome");
    const identity = await fetch(`${base}/large`, { headers: { "Accept-Encoding": "identity" } });
    expect(identity.headers.get("content-encoding")).toBeNull();
  });

  it("sends event streams uncompressed, so each event arrives at once", async () => {
    const base = await serve("production");
    const abort = new AbortController();
    const answer = await fetch(`${base}/events`, { headers: { Accept: "text/event-stream", "Accept-Encoding": "br, gzip" }, signal: abort.signal });
    expect(answer.headers.get("content-encoding")).toBeNull();
    const reader = answer.body!.getReader();
    // The first event arrives while the stream is still open (a compressor would hold it back).
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe("data: first\n\n");
    abort.abort();
  });
});

describe("errors no route answered", () => {
  it("answer without a stack trace, also in development, and go to the log whole", async () => {
    const lines: string[] = [];
    const log = createLogger({ level: "info", destination: new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }) });
    const failure = new Error("the build could not be imported", { cause: new Error("SyntaxError in build/index.js") });
    const base = await serve("development", { build: () => Promise.reject(failure), log });

    const page = await fetch(`${base}/dashboard`, { headers: { Accept: "text/html" } });
    expect(page.status).toBe(500);
    const text = await page.text();
    expect(text).toBe("Something went wrong on our side. Your work is safe; please try again in a moment.");
    // A resource route asked for JSON (the APIs are mounted before Remix and answer for themselves).
    const api = await fetch(`${base}/healthz`, { headers: { Accept: "application/json" } });
    expect(api.status).toBe(500);
    const body = await api.text();
    expect(JSON.parse(body)).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on our side. Your work is safe; please try again in a moment." } });
    for (const answer of [text, body]) {
      expect(answer).not.toContain("could not be imported");
      expect(answer).not.toMatch(/\bat .+:\d+:\d+/);
    }

    const logged = lines
      .map((line) => JSON.parse(line) as { msg: string; path: string; error: { message: string; stack: string; cause: { message: string } } })
      .filter((line) => line.msg === "request failed");
    expect(logged.map((line) => line.path)).toEqual(["/dashboard", "/healthz"]);
    expect(logged[0]!.error.message).toBe("the build could not be imported");
    expect(logged[0]!.error.stack).toContain("the build could not be imported");
    expect(logged[0]!.error.cause.message).toBe("SyntaxError in build/index.js");
  });
});

describe("the client's address behind a proxy", () => {
  /** Logs in through `base` with an X-Forwarded-For header; the address the session recorded is the one log-in throttling used. */
  async function addressSeen(base: string, forwardedFor: string): Promise<string | null> {
    const user = await createUser();
    const response = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": forwardedFor },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const session = await getDb().session.findFirstOrThrow({ where: { userId: user.id } });
    return session.ipAddress;
  }
  // The client wrote the first address; the proxy in front of the app appended the second.
  const forwarded = "203.0.113.66, 198.51.100.9";

  it("is the address the proxy saw with one trusted hop, never one the client wrote", async () => {
    expect(await addressSeen(await serve("production", { trustProxy: 1 }), forwarded)).toBe("198.51.100.9");
  });

  it("is the first address not among the trusted proxies when they are listed", async () => {
    // The test's own connection comes from loopback: that is the proxy here.
    expect(await addressSeen(await serve("production", { trustProxy: ["loopback"] }), forwarded)).toBe("198.51.100.9");
    expect(await addressSeen(await serve("production", { trustProxy: ["loopback", "198.51.100.0/24"] }), forwarded)).toBe("203.0.113.66");
  });

  it("is the connection's address when no proxy is trusted", async () => {
    expect(await addressSeen(await serve("production"), forwarded)).toMatch(/127\.0\.0\.1$/);
  });
});
