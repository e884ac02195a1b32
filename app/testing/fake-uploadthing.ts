import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for UploadThing that speaks the HTTP the `uploadthing` SDK (v7) uses, so
 * the real SDK can be pointed at it (`apiUrl` / `ingestUrl`, or UPLOADTHING_API_URL /
 * UPLOADTHING_INGEST_URL) in tests:
 *
 * ingest (presigned URLs made by the SDK, HMAC-signed with the API key)
 *   HEAD /<fileKey>?…&signature=…   resumable-upload probe (x-ut-range-start)
 *   PUT  /<fileKey>?…&signature=…   multipart `file` → {url, appUrl, ufsUrl, fileHash, serverData?}
 *   POST /route-metadata            a file route registers metadata + callback URL for file keys
 *   POST /callback-result           the app's route handler reports onUploadComplete's result
 * API (x-uploadthing-api-key)
 *   POST /v6/deleteFiles            {fileKeys} | {customIds}
 *   POST /v6/requestFileAccess      {fileKey} | {customId} → a signed /f/<key> URL
 *   POST /v6/listFiles
 * CDN
 *   GET  /f/<fileKey>?expires=…&signature=…
 *
 * After a PUT for a key registered through /route-metadata it calls the app back exactly as
 * UploadThing does (signed `uploadthing-hook: callback` POST) and answers the PUT with the
 * `serverData` the app returned. Tests can route that callback straight into a Remix action
 * with `deliverCallback`.
 */
export interface FakeUploadThingFile {
  key: string;
  customId: string | null;
  name: string;
  type: string;
  size: number;
  data: Buffer;
  contentDisposition: string | null;
  acl: string | null;
  uploadedAt: number;
}

interface Registration {
  metadata: unknown;
  callbackUrl: string;
  callbackSlug: string;
  awaitServerData: boolean;
}

export interface FakeUploadThing {
  /** Origin of the fake, used as API, ingest and CDN host. */
  url: string;
  token: string;
  apiKey: string;
  appId: string;
  files: Map<string, FakeUploadThingFile>;
  /** Every request seen, e.g. to assert which calls the SDK made. */
  requests: { method: string; path: string }[];
  callbackResults: Map<string, unknown>;
  /** Replace to deliver callbacks somewhere other than with `fetch(callbackUrl)`. */
  deliverCallback: (request: Request) => Promise<Response>;
  findByCustomId(customId: string): FakeUploadThingFile | undefined;
  close(): Promise<void>;
}

const SIGNATURE_PREFIX = "hmac-sha256=";

function hmac(secret: string, payload: string): string {
  return SIGNATURE_PREFIX + crypto.createHmac("sha256", secret).update(payload).digest("hex");
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

export async function startFakeUploadThing(options: { appId?: string; apiKey?: string; deliverCallback?: (request: Request) => Promise<Response> } = {}): Promise<FakeUploadThing> {
  const appId = options.appId ?? "fakeapp123";
  const apiKey = options.apiKey ?? `sk_test_${crypto.randomBytes(16).toString("hex")}`;
  const token = Buffer.from(JSON.stringify({ apiKey, appId, regions: ["fake-region"] })).toString("base64");
  const files = new Map<string, FakeUploadThingFile>();
  const registrations = new Map<string, Registration>();
  const callbackResults = new Map<string, unknown>();
  const requests: { method: string; path: string }[] = [];
  let origin = "";

  const fake: FakeUploadThing = {
    url: "",
    token,
    apiKey,
    appId,
    files,
    requests,
    callbackResults,
    deliverCallback: options.deliverCallback ?? ((request) => fetch(request)),
    findByCustomId: (customId) => [...files.values()].find((file) => file.customId === customId),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };

  /** Checks `…&signature=hmac-sha256%3D…` (appended last by the SDK) and `expires`. */
  function verifySignedUrl(fullUrl: string): URL | null {
    const marker = fullUrl.lastIndexOf("&signature=");
    if (marker < 0) return null;
    const signed = fullUrl.slice(0, marker);
    const signature = decodeURIComponent(fullUrl.slice(marker + "&signature=".length));
    if (!safeEqual(signature, hmac(apiKey, signed))) return null;
    const url = new URL(fullUrl);
    const expires = Number(url.searchParams.get("expires"));
    if (!Number.isFinite(expires) || expires < Date.now()) return null;
    return url;
  }

  /** The SDK encodes values once more before URLSearchParams does. */
  function param(url: URL, name: string): string | null {
    const value = url.searchParams.get(name);
    return value === null ? null : decodeURIComponent(value);
  }

  function signedFileUrl(key: string, ttlSeconds = 3600): string {
    const url = new URL(`${origin}/f/${key}`);
    url.searchParams.append("expires", String(Date.now() + ttlSeconds * 1000));
    const signature = hmac(apiKey, url.toString());
    url.searchParams.append("signature", signature);
    return url.href;
  }

  function fileUrls(key: string) {
    return { url: `${origin}/f/${key}`, appUrl: `${origin}/a/${appId}/${key}`, ufsUrl: `${origin}/f/${key}` };
  }

  function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  async function readBody(req: http.IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  function authorised(req: http.IncomingMessage): boolean {
    return req.headers["x-uploadthing-api-key"] === apiKey;
  }

  function lookup(body: { fileKey?: string; customId?: string }): FakeUploadThingFile | undefined {
    if (body.fileKey) return files.get(body.fileKey);
    if (body.customId) return fake.findByCustomId(body.customId);
    return undefined;
  }

  async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, key: string) {
    if (param(url, "x-ut-identifier") !== appId) return send(res, 403, { error: "Wrong app" });
    const body = await readBody(req);
    const form = await new Response(new Uint8Array(body), { headers: { "Content-Type": String(req.headers["content-type"] ?? "") } }).formData().catch(() => null);
    const part = form?.get("file");
    if (!part || typeof part === "string") return send(res, 400, { error: "Expected a multipart `file` field" });
    const data = Buffer.from(await part.arrayBuffer());
    const declaredSize = Number(param(url, "x-ut-file-size"));
    if (Number.isFinite(declaredSize) && declaredSize !== data.length) return send(res, 400, { error: "File size does not match the presigned URL" });
    const customId = param(url, "x-ut-custom-id");
    if (customId && [...files.values()].some((file) => file.customId === customId && file.key !== key)) {
      return send(res, 400, { error: "customId must be unique" });
    }
    const stored: FakeUploadThingFile = {
      key,
      customId,
      name: param(url, "x-ut-file-name") ?? key,
      type: param(url, "x-ut-file-type") ?? "application/octet-stream",
      size: data.length,
      data,
      contentDisposition: param(url, "x-ut-content-disposition"),
      acl: param(url, "x-ut-acl"),
      uploadedAt: Date.now(),
    };
    files.set(key, stored);
    const fileHash = crypto.createHash("md5").update(data).digest("hex");
    const registration = registrations.get(key);
    let serverData: unknown = undefined;
    if (registration) {
      const payload = JSON.stringify({
        status: "uploaded",
        file: { name: stored.name, size: stored.size, type: stored.type, customId: stored.customId, lastModified: stored.uploadedAt, key, ...fileUrls(key), fileHash },
        origin,
        metadata: registration.metadata,
      });
      // UploadThing calls back the registered URL with the route's slug as a query parameter.
      const callbackUrl = new URL(registration.callbackUrl);
      if (!callbackUrl.searchParams.has("slug")) callbackUrl.searchParams.set("slug", registration.callbackSlug);
      const callback = new Request(callbackUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", "uploadthing-hook": "callback", "x-uploadthing-signature": hmac(apiKey, payload) },
        body: payload,
      });
      const answer = await fake.deliverCallback(callback);
      const answerText = await answer.text().catch(() => "");
      if (!answer.ok) return send(res, 500, { error: `Callback to the app failed with status ${answer.status}: ${answerText.slice(0, 500)}` });
      serverData = registration.awaitServerData ? (callbackResults.get(key) ?? null) : undefined;
    }
    send(res, 200, { ...fileUrls(key), fileHash, ...(serverData !== undefined ? { serverData } : {}) });
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      const fullUrl = `http://${req.headers.host}${req.url}`;
      const url = new URL(fullUrl);
      requests.push({ method: req.method ?? "GET", path: url.pathname });
      const method = req.method ?? "GET";
      try {
        if (method === "POST" && url.pathname.startsWith("/v6/")) {
          if (!authorised(req)) return send(res, 401, { error: "Invalid API key" });
          const body = JSON.parse((await readBody(req)).toString("utf8") || "{}");
          switch (url.pathname) {
            case "/v6/deleteFiles": {
              const keys: string[] = body.fileKeys ?? [];
              const customIds: string[] = body.customIds ?? [];
              let deletedCount = 0;
              for (const file of [...files.values()]) {
                if (keys.includes(file.key) || (file.customId && customIds.includes(file.customId))) {
                  files.delete(file.key);
                  deletedCount++;
                }
              }
              return send(res, 200, { success: true, deletedCount });
            }
            case "/v6/requestFileAccess": {
              const file = lookup(body);
              if (!file) return send(res, 404, { error: "File not found" });
              const signed = signedFileUrl(file.key, typeof body.expiresIn === "number" ? body.expiresIn : 3600);
              return send(res, 200, { url: signed, ufsUrl: signed });
            }
            case "/v6/listFiles":
              return send(res, 200, {
                hasMore: false,
                files: [...files.values()].map((file) => ({
                  id: file.key,
                  customId: file.customId,
                  key: file.key,
                  name: file.name,
                  size: file.size,
                  status: "Uploaded",
                  uploadedAt: file.uploadedAt,
                })),
              });
            default:
              return send(res, 404, { error: `Unknown endpoint ${url.pathname}` });
          }
        }
        if (method === "POST" && url.pathname === "/route-metadata") {
          if (!authorised(req)) return send(res, 401, { error: "Invalid API key" });
          const body = JSON.parse((await readBody(req)).toString("utf8"));
          for (const fileKey of body.fileKeys as string[]) {
            registrations.set(fileKey, {
              metadata: body.metadata,
              callbackUrl: body.callbackUrl,
              callbackSlug: body.callbackSlug,
              awaitServerData: body.awaitServerData !== false,
            });
          }
          return send(res, 200, { ok: true });
        }
        if (method === "POST" && url.pathname === "/callback-result") {
          if (!authorised(req)) return send(res, 401, { error: "Invalid API key" });
          const body = JSON.parse((await readBody(req)).toString("utf8"));
          callbackResults.set(body.fileKey, body.callbackData ?? null);
          return send(res, 200, { ok: true });
        }
        if (method === "GET" && url.pathname.startsWith("/f/")) {
          if (!verifySignedUrl(fullUrl)) return send(res, 403, { error: "Invalid or expired signature" });
          const file = files.get(decodeURIComponent(url.pathname.slice(3)));
          if (!file) return send(res, 404, { error: "File not found" });
          res.writeHead(200, { "Content-Type": file.type, "Content-Length": String(file.size) });
          return res.end(file.data);
        }
        const key = decodeURIComponent(url.pathname.slice(1));
        if ((method === "PUT" || method === "HEAD") && key && !key.includes("/")) {
          const signed = verifySignedUrl(fullUrl);
          if (!signed) {
            await readBody(req);
            return send(res, 403, { error: "Invalid or expired signature" });
          }
          if (method === "HEAD") {
            res.writeHead(200, { "x-ut-range-start": "0" });
            return res.end();
          }
          return await handleUpload(req, res, signed, key);
        }
        send(res, 404, { error: `Unknown endpoint ${method} ${url.pathname}` });
      } catch (error) {
        send(res, 500, { error: String(error) });
      }
    })();
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = origin;
  return fake;
}
