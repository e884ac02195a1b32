import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action as uploadthingAction } from "~/routes/api.uploadthing";
import { loader as downloadLoader } from "~/routes/evidence.$fileId";
import { serveApiForTests } from "~/testing/api-server";
import { startFakeUploadThing, type FakeUploadThing } from "~/testing/fake-uploadthing";
import { cookieHeader, createSignedInUser } from "~/testing/factories";
import { createMission, startProgress } from "~/testing/missions";
import { getDb } from "~/utils/db.server";
import { EVIDENCE_UPLOADS_PER_MINUTE, MAX_FILES_PER_SUBTASK } from "./service.server";

// REST v1's evidence endpoints over real HTTP (app/features/evidence/rest.server.ts); the page's
// download link and UploadThing's callback are Remix routes, called as such.
const api = serveApiForTests();
const BASE = "http://mxp.test";
const context = { clientAddress: "192.0.2.10", requestId: "test" };
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(300)]);
const HTML = Buffer.from("<!doctype html><html><script>alert(1)</script></html>");

let dataDir: string;
const savedEnv = { ...process.env };

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mxp-evidence-routes-"));
  process.env.DATA_DIR = dataDir;
  delete process.env.UPLOADTHING_TOKEN;
});

afterAll(() => {
  process.env = savedEnv;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function student() {
  const { user, token } = await createSignedInUser();
  const mission = await createMission();
  const progress = await startProgress(user.id, mission.id);
  return { user, token, mission, progress, subtaskId: mission.subtasks[0]!.id };
}

function form(fields: Record<string, string>, file?: { data: Buffer; name: string; type?: string }) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  if (file) body.append("file", new Blob([new Uint8Array(file.data)], { type: file.type ?? "application/octet-stream" }), file.name);
  return body;
}

/** POST …/files; `streamed` sends the body chunked, without a Content-Length. */
async function postFiles(progressId: string, body: FormData | string | Buffer, headers: Record<string, string>, options: { streamed?: boolean } = {}) {
  let payload = body as BodyInit;
  if (options.streamed) {
    const encoded = new Response(body as BodyInit);
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    headers = { "Content-Type": encoded.headers.get("Content-Type")!, ...headers };
    payload = new ReadableStream({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 64 * 1024) controller.enqueue(bytes.subarray(offset, offset + 64 * 1024));
        controller.close();
      },
    });
  }
  return await fetch(`${api.url}/api/v1/mission-progress/${progressId}/files`, { method: "POST", body: payload, headers, duplex: "half" });
}

const fileUrl = (progressId: string, fileId: string) => `${api.url}/api/v1/mission-progress/${progressId}/files/${fileId}`;

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe("POST /api/v1/mission-progress/:id/files", () => {
  it("answers 201 with the file record", async () => {
    const { token, progress, subtaskId } = await student();
    const response = await postFiles(progress.id, form({ subtaskId }, { data: PNG, name: "scan.png", type: "image/png" }), bearer(token));
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ subtaskId, originalName: "scan.png", contentType: "image/png", sizeBytes: PNG.length, locked: false, url: `/evidence/${body.id}` });
    expect(response.headers.get("Location")).toBe(`/api/v1/mission-progress/${progress.id}/files/${body.id}`);
  });

  it("answers 400 for a body that is not multipart, without a file or without a valid subtask", async () => {
    const { token, progress, subtaskId } = await student();
    const notMultipart = await postFiles(progress.id, JSON.stringify({ subtaskId }), { ...bearer(token), "Content-Type": "application/json" });
    expect(notMultipart.status).toBe(400);
    expect((await notMultipart.json()).error.code).toBe("VALIDATION_FAILED");

    const noFile = await postFiles(progress.id, form({ subtaskId }), bearer(token));
    expect(noFile.status).toBe(400);
    expect((await noFile.json()).error.details.fieldErrors).toHaveProperty("file");

    const noSubtask = await postFiles(progress.id, form({}, { data: PNG, name: "a.png" }), bearer(token));
    expect(noSubtask.status).toBe(400);
    expect((await noSubtask.json()).error.details.fieldErrors).toHaveProperty("subtaskId");

    const truncated = await postFiles(progress.id, '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc', {
      ...bearer(token),
      "Content-Type": "multipart/form-data; boundary=xyz",
    });
    expect(truncated.status).toBe(400);

    // A part typed as a file but without a file name (an empty file input): a clear 400, and the server keeps serving.
    const nameless = await postFiles(
      progress.id,
      `--xyz\r\nContent-Disposition: form-data; name="subtaskId"\r\n\r\n${subtaskId}\r\n--xyz\r\nContent-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--xyz--\r\n`,
      { ...bearer(token), "Content-Type": "multipart/form-data; boundary=xyz" },
    );
    expect(nameless.status).toBe(400);
    expect((await postFiles(progress.id, form({ subtaskId }, { data: PNG, name: "after.png" }), bearer(token))).status).toBe(201);
  });

  it("accepts any file name, `;` and `=` included, and stores a name whose extension fits the content", async () => {
    const { token, progress, subtaskId } = await student();
    const upload = async (name: string, data: Buffer) => {
      const response = await postFiles(progress.id, form({ subtaskId }, { data, name }), bearer(token));
      expect(response.status, name).toBe(201);
      return ((await response.json()) as { originalName: string }).originalName;
    };
    expect(await upload("scan;v=2 final.png", PNG)).toBe("scan;v=2 final.png");
    expect(await upload("a=b;c.log", Buffer.from("Nov 25 06:10 sshd: Failed password\n"))).toBe("a=b;c.log");
    // Text is stored as text whatever it is called: nothing a mentor downloads runs or renders.
    expect(await upload("notes.bat", Buffer.from("echo pwned\r\n"))).toBe("notes.bat.txt");
    expect(await upload("report.html", Buffer.from("Findings: weak passwords on three hosts.\n"))).toBe("report.html.txt");
    expect(await upload("k.svg", Buffer.from("a diagram described in words\n"))).toBe("k.svg.txt");
    expect(await upload("photo.txt", PNG)).toBe("photo.txt.png");
  });

  it("holds at most 10 files per step and answers 429 past the uploads allowed per minute", async () => {
    const { token, progress, subtaskId, mission } = await student();
    for (let i = 0; i < MAX_FILES_PER_SUBTASK; i++) {
      expect((await postFiles(progress.id, form({ subtaskId }, { data: PNG, name: `shot-${i}.png` }), bearer(token))).status).toBe(201);
    }
    const eleventh = await postFiles(progress.id, form({ subtaskId }, { data: PNG, name: "one-more.png" }), bearer(token));
    expect(eleventh.status).toBe(400);
    expect((await eleventh.json()).error.message).toContain(`at most ${MAX_FILES_PER_SUBTASK} files`);

    const otherStep = mission.subtasks[1]!.id;
    let limited: Response | undefined;
    for (let i = 0; i < EVIDENCE_UPLOADS_PER_MINUTE && !limited; i++) {
      const response = await postFiles(progress.id, form({ subtaskId: otherStep }, { data: PNG, name: `burst-${i}.png` }), bearer(token));
      if (response.status === 429) limited = response;
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await limited!.json()).error.code).toBe("RATE_LIMITED");
  });

  it("answers 404 for another student's progress and 401 without credentials", async () => {
    const { progress, subtaskId } = await student();
    const other = await createSignedInUser();
    const foreign = await postFiles(progress.id, form({ subtaskId }, { data: PNG, name: "a.png" }), bearer(other.token));
    expect(foreign.status).toBe(404);
    expect((await foreign.json()).error.code).toBe("NOT_FOUND");
    const anonymous = await postFiles(progress.id, form({ subtaskId }, { data: PNG, name: "a.png" }), {});
    expect(anonymous.status).toBe(401);
  });

  it("answers 413 JSON for a file over UPLOAD_MAX_BYTES, whether or not Content-Length announces it", async () => {
    const { token, progress, subtaskId } = await student();
    process.env.UPLOAD_MAX_BYTES = String(1024 * 1024);
    try {
      const big = Buffer.alloc(1024 * 1024 + 10, 0x61);
      const streamed = await postFiles(progress.id, form({ subtaskId }, { data: big, name: "big.log" }), bearer(token), { streamed: true });
      expect(streamed.status).toBe(413);
      const body = await streamed.json();
      expect(body.error.code).toBe("FILE_TOO_LARGE");
      expect(body.error.message).toContain("1 MiB");

      const encoded = new Response(form({ subtaskId }, { data: Buffer.alloc(2 * 1024 * 1024, 0x61), name: "bigger.log" }));
      const bytes = Buffer.from(await encoded.arrayBuffer());
      // fetch announces the length of a byte body in Content-Length.
      const announced = await postFiles(progress.id, bytes, { ...bearer(token), "Content-Type": encoded.headers.get("Content-Type")! });
      expect(announced.status).toBe(413);
      expect((await announced.json()).error.code).toBe("FILE_TOO_LARGE");
    } finally {
      delete process.env.UPLOAD_MAX_BYTES;
    }
  });

  it("answers 415 for an HTML page that claims to be a PNG", async () => {
    const { token, progress, subtaskId } = await student();
    const response = await postFiles(progress.id, form({ subtaskId }, { data: HTML, name: "report.png", type: "image/png" }), bearer(token));
    expect(response.status).toBe(415);
    const body = await response.json();
    expect(body.error.code).toBe("UNSUPPORTED_FILE_TYPE");
    expect(body.error.message).toMatch(/PNG/);
  });

  it("answers 409 once the work is submitted, and 405 for GET", async () => {
    const { token, progress, subtaskId } = await student();
    await getDb().missionProgress.update({ where: { id: progress.id }, data: { status: "SUBMITTED" } });
    const response = await postFiles(progress.id, form({ subtaskId }, { data: PNG, name: "a.png" }), bearer(token));
    expect(response.status).toBe(409);
    expect((await response.json()).error.code).toBe("INVALID_STATE");

    const get = await fetch(`${api.url}/api/v1/mission-progress/${progress.id}/files`, { headers: bearer(token) });
    expect(get.status).toBe(405);
    expect((await get.json()).error.code).toBe("METHOD_NOT_ALLOWED");
  });
});

describe("GET and DELETE /api/v1/mission-progress/:id/files/:fileId", () => {
  it("serves the file to its student and deletes it with 204", async () => {
    const { token, progress, subtaskId } = await student();
    const created = await (await postFiles(progress.id, form({ subtaskId }, { data: PNG, name: "a.png" }), bearer(token))).json();
    const url = fileUrl(progress.id, created.id);

    const get = await fetch(url, { headers: bearer(token) });
    expect(get.status).toBe(200);
    expect(get.headers.get("Content-Type")).toBe("image/png");
    expect(get.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(get.headers.get("Content-Disposition")).toMatch(/^inline; filename="a\.png"/);
    expect(Buffer.from(await get.arrayBuffer()).equals(PNG)).toBe(true);

    const wrongProgress = await fetch(fileUrl("other", created.id), { headers: bearer(token) });
    expect(wrongProgress.status).toBe(404);
    expect((await wrongProgress.json()).error.code).toBe("NOT_FOUND");

    const other = await createSignedInUser();
    const foreignRead = await fetch(url, { headers: bearer(other.token) });
    expect(foreignRead.status).toBe(404);
    const foreignDelete = await fetch(url, { method: "DELETE", headers: bearer(other.token) });
    expect(foreignDelete.status).toBe(404);
    expect((await fetch(url)).status).toBe(401);

    const deleted = await fetch(url, { method: "DELETE", headers: bearer(token) });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get("Cache-Control")).toBe("no-store");
    expect(await deleted.text()).toBe("");
    const after = await fetch(url, { headers: bearer(token) });
    expect(after.status).toBe(404);
  });

  it("refuses to delete a locked file with 409", async () => {
    const { token, progress, subtaskId } = await student();
    const created = await (await postFiles(progress.id, form({ subtaskId }, { data: PNG, name: "a.png" }), bearer(token))).json();
    await getDb().evidenceFile.update({ where: { id: created.id }, data: { lockedAt: new Date() } });
    const response = await fetch(fileUrl(progress.id, created.id), { method: "DELETE", headers: bearer(token) });
    expect(response.status).toBe(409);
    expect((await response.json()).error.message).toMatch(/submitted attempt/);
  });
});

describe("GET /evidence/:fileId (page download)", () => {
  async function upload(token: string, progressId: string, subtaskId: string, data: Buffer, name: string) {
    const response = await postFiles(progressId, form({ subtaskId }, { data, name }), bearer(token));
    expect(response.status).toBe(201);
    return (await response.json()).id as string;
  }

  const download = (fileId: string, headers: Record<string, string> = {}) =>
    downloadLoader({ request: new Request(`${BASE}/evidence/${fileId}`, { headers }), params: { fileId }, context });

  it("shows images and PDFs inline and downloads everything else, with safe headers", async () => {
    const { token, progress, subtaskId } = await student();
    const imageId = await upload(token, progress.id, subtaskId, PNG, 'Übersicht "final".png');
    const image = await download(imageId, { Cookie: cookieHeader(token) });
    expect(image.status).toBe(200);
    expect(image.headers.get("Content-Type")).toBe("image/png");
    expect(image.headers.get("Content-Disposition")).toBe(`inline; filename="Ubersicht _final_.png"; filename*=UTF-8''%C3%9Cbersicht%20%22final%22.png`);
    expect(image.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(image.headers.get("Cache-Control")).toBe("private, no-store");
    expect(image.headers.get("Content-Security-Policy")).toBe("default-src 'none'; sandbox");
    expect(image.headers.get("Content-Length")).toBe(String(PNG.length));
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);

    // A PDF is shown too, without the sandbox policy: browsers' PDF viewers refuse to run under it.
    const pdfId = await upload(token, progress.id, subtaskId, Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"), "report.pdf");
    const pdf = await download(pdfId, { Cookie: cookieHeader(token) });
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(pdf.headers.get("Content-Disposition")).toMatch(/^inline; filename="report\.pdf"/);
    expect(pdf.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(pdf.headers.get("Content-Security-Policy")).toBeNull();

    const logId = await upload(token, progress.id, subtaskId, Buffer.from("GET /admin 403\n"), "access.log");
    const log = await download(logId, { Cookie: cookieHeader(token) });
    expect(log.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(log.headers.get("Content-Disposition")).toMatch(/^attachment; filename="access\.log"; filename\*=UTF-8''access\.log$/);
    expect(log.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(log.headers.get("Content-Security-Policy")).toBe("default-src 'none'; sandbox");
    expect(await log.text()).toBe("GET /admin 403\n");
  });

  it("sends anonymous visitors to log in and hides files from other students", async () => {
    const { token, progress, subtaskId } = await student();
    const fileId = await upload(token, progress.id, subtaskId, PNG, "a.png");
    const anonymous = await download(fileId).then(
      (response) => response,
      (thrown: unknown) => thrown as Response,
    );
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/evidence/${fileId}`)}`);

    const other = await createSignedInUser();
    // Refusals are thrown (pageLoader), which Remix answers as they are for a resource route.
    const foreign = await download(fileId, { Cookie: cookieHeader(other.token) }).then(
      (response) => response,
      (thrown: unknown) => thrown as Response,
    );
    expect(foreign).toBeInstanceOf(Response);
    expect(foreign.status).toBe(404);
    expect((await foreign.json()).error.code).toBe("NOT_FOUND");
  });
});

describe("POST …/files with the session cookie (the page's uploader)", () => {
  const post = (body: FormData, token: string | null, headers: Record<string, string> = {}, progressId?: string) =>
    fetch(`${api.url}/api/v1/mission-progress/${progressId}/files`, {
      method: "POST",
      body,
      headers: { ...(token ? { Cookie: cookieHeader(token), Origin: api.url } : {}), ...headers },
    });

  it("records the file with the session cookie, same rules and answer shape as with a bearer token", async () => {
    const { token, progress, subtaskId } = await student();
    const created = await post(form({ subtaskId }, { data: PNG, name: "a.png" }), token, {}, progress.id);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ subtaskId, contentType: "image/png" });

    const sameProgress = await post(form({ progressId: progress.id, subtaskId }, { data: PNG, name: "b.png" }), token, {}, progress.id);
    expect(sameProgress.status).toBe(201);

    const wrongType = await post(form({ subtaskId }, { data: HTML, name: "x.png" }), token, {}, progress.id);
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toEqual({ error: { code: "UNSUPPORTED_FILE_TYPE", message: expect.any(String), details: expect.any(Object) } });

    const otherProgress = await post(form({ progressId: "another-progress", subtaskId }, { data: PNG, name: "a.png" }), token, {}, progress.id);
    expect(otherProgress.status).toBe(400);
    expect((await otherProgress.json()).error.details.fieldErrors).toHaveProperty("progressId");

    const anonymous = await post(form({ subtaskId }, { data: PNG, name: "a.png" }), null, {}, progress.id);
    expect(anonymous.status).toBe(401);

    const crossSite = await post(form({ subtaskId }, { data: PNG, name: "a.png" }), token, { Origin: "https://evil.example" }, progress.id);
    expect(crossSite.status).toBe(403);
    expect(await getDb().evidenceFile.count({ where: { progressId: progress.id } })).toBe(2);
  });
});

describe("UploadThing mode (the real SDK against a local fake)", () => {
  let fake: FakeUploadThing;

  beforeAll(async () => {
    fake = await startFakeUploadThing({
      // UploadThing's callback goes straight into our route's action.
      deliverCallback: (request) => uploadthingAction({ request, params: {}, context }),
    });
    process.env.UPLOADTHING_TOKEN = fake.token;
    process.env.UPLOADTHING_API_URL = fake.url;
    process.env.UPLOADTHING_INGEST_URL = fake.url;
    process.env.UPLOADTHING_LOG_LEVEL = "None";
  });

  afterAll(async () => {
    delete process.env.UPLOADTHING_TOKEN;
    delete process.env.UPLOADTHING_API_URL;
    delete process.env.UPLOADTHING_INGEST_URL;
    delete process.env.UPLOADTHING_LOG_LEVEL;
    await fake.close();
  });

  async function requestPresigned(token: string, input: { progressId: string; subtaskId: string }, file: { name: string; size: number; type: string }) {
    return await uploadthingAction({
      request: new Request(`${BASE}/api/uploadthing?actionType=upload&slug=evidence`, {
        method: "POST",
        headers: { Cookie: cookieHeader(token), "Content-Type": "application/json", "x-uploadthing-package": "@uploadthing/react" },
        body: JSON.stringify({ files: [{ ...file, lastModified: Date.now() }], input }),
      }),
      params: {},
      context,
    });
  }

  async function putToUploadThing(url: string, data: Buffer, name: string) {
    const body = new FormData();
    body.append("file", new Blob([new Uint8Array(data)]), name);
    const response = await fetch(url, { method: "PUT", body, headers: { Range: "bytes=0-" } });
    if (response.status !== 200) throw new Error(`PUT failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as { ufsUrl: string; serverData: { ok: boolean; file?: { id: string }; error?: { code: string } } };
  }

  it("records a browser upload through the signed callback, and serves it back", async () => {
    const { token, progress, subtaskId } = await student();
    const presigned = await requestPresigned(token, { progressId: progress.id, subtaskId }, { name: "shot.png", size: PNG.length, type: "image/png" });
    expect(presigned.status).toBe(200);
    const [target] = (await presigned.json()) as { url: string; key: string; customId: string }[];
    expect(target!.customId).toMatch(/^[0-9a-f]{32}$/);

    const result = await putToUploadThing(target!.url, PNG, "shot.png");
    expect(result.serverData.ok).toBe(true);
    const row = await getDb().evidenceFile.findUniqueOrThrow({ where: { id: result.serverData.file!.id } });
    expect(row).toMatchObject({ storage: "UPLOADTHING", storageKey: target!.customId, contentType: "image/png", sizeBytes: PNG.length, progressId: progress.id });

    const download = await downloadLoader({
      request: new Request(`${BASE}/evidence/${row.id}`, { headers: { Cookie: cookieHeader(token) } }),
      params: { fileId: row.id },
      context,
    });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it("deletes a stored file that fails the content check and reports why", async () => {
    const { token, progress, subtaskId } = await student();
    const presigned = await requestPresigned(token, { progressId: progress.id, subtaskId }, { name: "report.png", size: HTML.length, type: "image/png" });
    const [target] = (await presigned.json()) as { url: string; customId: string }[];
    const result = await putToUploadThing(target!.url, HTML, "report.png");
    expect(result.serverData).toMatchObject({ ok: false, error: { code: "UNSUPPORTED_FILE_TYPE" } });
    expect(fake.findByCustomId(target!.customId)).toBeUndefined();
    expect(await getDb().evidenceFile.count({ where: { progressId: progress.id } })).toBe(0);
  });

  it("refuses presigned URLs for foreign progress, oversize files and anonymous visitors", async () => {
    const { progress, subtaskId } = await student();
    const other = await createSignedInUser();
    const foreign = await requestPresigned(other.token, { progressId: progress.id, subtaskId }, { name: "a.png", size: 10, type: "image/png" });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ code: "NOT_FOUND" });

    const mine = await student();
    const tooLarge = await requestPresigned(
      mine.token,
      { progressId: mine.progress.id, subtaskId: mine.subtaskId },
      { name: "a.pcap", size: 26 * 1024 * 1024, type: "application/octet-stream" },
    );
    expect(tooLarge.status).toBe(413);

    const anonymous = await uploadthingAction({
      request: new Request(`${BASE}/api/uploadthing?actionType=upload&slug=evidence`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ files: [{ name: "a.png", size: 10, type: "image/png" }], input: { progressId: progress.id, subtaskId } }),
      }),
      params: {},
      context,
    });
    expect(anonymous.status).toBe(403);

    const forged = await uploadthingAction({
      request: new Request(`${BASE}/api/uploadthing?slug=evidence`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "uploadthing-hook": "callback", "x-uploadthing-signature": "hmac-sha256=00" },
        body: JSON.stringify({ status: "uploaded", file: {}, origin: fake.url, metadata: {} }),
      }),
      params: {},
      context,
    });
    expect(forged.status).toBe(400);
  });
});
