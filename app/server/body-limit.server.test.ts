import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { json, type ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignedInUser } from "~/testing/factories";
import { createMission, startProgress } from "~/testing/missions";
import { MAX_BATCH_SIZE } from "~/trpc/batch";
import { MAX_BODY_BYTES } from "./body-limit.server";
import { closeServer, createHttpApp } from "./http.server";
import { createLogger } from "./logger.server";

/**
 * Request bodies over their limit, over real HTTP: the Express app of `createHttpApp` with the
 * APIs and a Remix build of one page route whose action reads its form, as page actions do.
 */
const formsRead: string[] = [];
function pageBuild(): ServerBuild {
  const asset = (id: string, extra: object = {}) => ({
    id,
    module: `/build/${id}.js`,
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
    entry: { module: { default: () => new Response("no pages here", { status: 500 }) } },
    routes: {
      root: { id: "root", path: "", module: {} },
      "routes/form": {
        id: "routes/form",
        parentId: "root",
        path: "form",
        module: {
          action: async ({ request }: { request: Request }) => {
            const form = await request.formData();
            const note = form.get("note");
            formsRead.push(typeof note === "string" ? note.slice(0, 20) : "");
            return json({ ok: true });
          },
        },
      },
    },
    assets: {
      url: "/build/manifest.js",
      version: "TEST",
      entry: { module: "/build/entry.client.js", imports: [] },
      routes: { root: asset("root", { path: "" }), "routes/form": asset("routes/form", { parentId: "root", path: "form", hasAction: true }) },
    },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true } as ServerBuild["future"],
    isSpaMode: false,
  } as unknown as ServerBuild;
}

const logged: { level: number; msg: string }[] = [];
let base = "";
let server: http.Server;
let dataDir: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mxp-body-limit-"));
  process.env.DATA_DIR = dataDir;
  delete process.env.UPLOADTHING_TOKEN;
  const destination = new Writable({ write: (chunk: Buffer, _encoding, done) => (logged.push(JSON.parse(chunk.toString()) as { level: number; msg: string }), done()) });
  const app = createHttpApp({ mode: "production", build: pageBuild(), log: createLogger({ level: "info", destination }) });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await closeServer(server);
  process.env = savedEnv;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * A body of `total` bytes made as it is sent, one chunk each time the connection asks for more,
 * and without a Content-Length (chunked). `sent()` is how much was asked for so far.
 */
function streamedBody(total: number, chunk = Buffer.alloc(64 * 1024, 0x61)) {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= total) return controller.close();
        sent += chunk.length;
        controller.enqueue(new Uint8Array(chunk));
      },
    },
    { highWaterMark: 0 },
  );
  return { body, sent: () => sent };
}

/** A request that announces `declared` bytes and sends only `sent`, answered without waiting for the rest. */
function announce(pathname: string, declared: number, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}${pathname}`, { method: "POST", headers: { ...headers, "Content-Length": String(declared) } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (text: string) => (body += text));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode!, headers: response.headers, body });
      });
    });
    request.on("error", reject);
    request.write(Buffer.alloc(1024, 0x61));
  });
}

const errorsLogged = () => logged.filter((line) => line.level >= 50);

describe("request bodies over the limit", () => {
  it("are refused with 413 JSON from their Content-Length, before the body is sent", async () => {
    const login = await announce("/api/v1/auth/login", 200 * 1024 * 1024, { "Content-Type": "application/json" });
    expect(login.status).toBe(413);
    expect(login.headers.connection).toBe("close");
    expect(JSON.parse(login.body)).toEqual({
      error: { code: "PAYLOAD_TOO_LARGE", message: "The request is too large: send at most 1 MiB.", details: { maxBytes: MAX_BODY_BYTES } },
    });

    const trpc = await announce("/api/trpc/account.logIn", MAX_BODY_BYTES + 1, { "Content-Type": "application/json" });
    expect(trpc.status).toBe(413);
    expect(JSON.parse(trpc.body).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("are refused with 413 as they arrive when sent without a length, and the client's next request works", async () => {
    const total = 50 * 1024 * 1024;
    for (const [method, pathname] of [
      ["POST", "/api/v1/auth/login"],
      ["POST", "/api/trpc/account.logIn"],
      ["PATCH", "/api/v1/mission-progress/some-progress"],
    ] as const) {
      const { body, sent } = streamedBody(total);
      const response = await fetch(`${base}${pathname}`, { method, headers: { "Content-Type": "application/json" }, body, duplex: "half" });
      expect(response.status, pathname).toBe(413);
      // Answered while the client was still sending: the server did not wait for the body.
      expect(sent(), pathname).toBeLessThan(total);
      expect(response.headers.get("Connection")).toBe("close");
      expect((await response.json()).error.code).toBe("PAYLOAD_TOO_LARGE");

      // The same keep-alive client (fetch's connection pool) sends its next request.
      const next = await fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: "nobody@mxp.test", password: "wrong password" }),
      });
      expect(next.status).toBe(401);
    }
  });

  it("leave a body within the limit alone, with or without a length", async () => {
    const note = "a".repeat(MAX_BODY_BYTES - 200);
    const announced = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "nobody@mxp.test", password: "wrong password", note }),
    });
    expect(announced.status).toBe(401);
    const { body } = streamedBody(MAX_BODY_BYTES, Buffer.from(`note=${"b".repeat(64 * 1024 - 5)}`));
    const streamed = await fetch(`${base}/form`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body, duplex: "half" });
    expect(streamed.status).toBe(200);
    expect(formsRead.at(-1)).toBe("b".repeat(20));
  });

  it("refuse a page's form with a short text for the browser, and never hand the action a cut-off form", async () => {
    const before = formsRead.length;
    const announced = await announce("/form", MAX_BODY_BYTES + 1, { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" });
    expect(announced.status).toBe(413);
    expect(announced.headers["content-type"]).toMatch(/^text\/plain/);
    expect(announced.headers.connection).toBe("close");
    expect(announced.body).toBe("The request is too large: send at most 1 MiB.");

    const { body, sent } = streamedBody(4 * MAX_BODY_BYTES, Buffer.from(`note=${"c".repeat(64 * 1024 - 5)}`));
    const streamed = await fetch(`${base}/form`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
      body,
      duplex: "half",
    });
    expect(streamed.status).toBe(413);
    expect(await streamed.text()).toBe("The request is too large: send at most 1 MiB.");
    expect(sent()).toBeLessThan(4 * MAX_BODY_BYTES);
    expect(formsRead.length).toBe(before);
    expect((await fetch(`${base}/api/v1/openapi.json`)).status).toBe(200);
  });

  it("give the evidence upload its own limit, the upload limit plus the form around the file", async () => {
    const { user, token } = await createSignedInUser();
    const mission = await createMission();
    const progress = await startProgress(user.id, mission.id);
    process.env.UPLOAD_MAX_BYTES = String(100 * 1024);
    try {
      const files = `/api/v1/mission-progress/${progress.id}/files`;
      const headers = { Authorization: `Bearer ${token}`, "Content-Type": "multipart/form-data; boundary=x" };
      const refused = await announce(files, 300 * 1024, headers);
      expect(refused.status).toBe(413);
      expect(refused.headers.connection).toBe("close");
      expect(JSON.parse(refused.body)).toEqual({
        error: { code: "FILE_TOO_LARGE", message: "This file is too large: evidence files can be at most 100 KiB.", details: { maxBytes: 100 * 1024 } },
      });

      // A 300 KB upload from fetch, then the same client's next request.
      const form = new FormData();
      form.append("subtaskId", mission.subtasks[0]!.id);
      form.append("file", new Blob([new Uint8Array(300 * 1024)]), "capture.log");
      const upload = await fetch(`${base}${files}`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: form });
      expect(upload.status).toBe(413);
      expect(upload.headers.get("Connection")).toBe("close");
      expect((await fetch(`${base}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);

      // More than JSON's limit is fine for an upload within its own.
      process.env.UPLOAD_MAX_BYTES = String(4 * MAX_BODY_BYTES);
      const large = await announce(files, 2 * MAX_BODY_BYTES, { Authorization: `Bearer ${token}` });
      expect(large.status).not.toBe(413);
    } finally {
      delete process.env.UPLOAD_MAX_BYTES;
    }
  });

  it("log nothing as a failure", () => {
    expect(errorsLogged()).toEqual([]);
  });
});

describe("tRPC batches", () => {
  const batch = (size: number) => `${base}/api/trpc/${Array.from({ length: size }, () => "account.me").join(",")}?batch=1&input=${encodeURIComponent("{}")}`;

  it("carry at most MAX_BATCH_SIZE calls, as many as the pages' client puts in one", async () => {
    const full = await fetch(batch(MAX_BATCH_SIZE));
    expect(full.status).toBe(200);
    expect(await full.json()).toHaveLength(MAX_BATCH_SIZE);
    const over = await fetch(batch(MAX_BATCH_SIZE + 1));
    expect(over.status).toBe(400);
  });
});
