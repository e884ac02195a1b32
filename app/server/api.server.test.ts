import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getMissionDashboard, getMissionDetail } from "~/features/missions/service.server";
import { getProgress } from "~/features/progress/service.server";
import { publicProcedure, router } from "~/trpc/init.server";
import { createLogger } from "./logger.server";
import { buildRestRoutes, restHandler } from "./rest.server";
import { createContext } from "~/trpc/init.server";
import { createCaller } from "~/trpc/root.server";
import { serveApiForTests } from "~/testing/api-server";
import { cookieHeader, createSignedInUser, createUser, TEST_PASSWORD } from "~/testing/factories";
import { createMission } from "~/testing/missions";
import { getDb } from "~/utils/db.server";

// REST v1 over real HTTP: the Express app with the API mounted (app/server/api.server.ts).
const api = serveApiForTests();

async function patch(token: string | null, progressId: string, body: unknown, headers: Record<string, string> = {}) {
  return await fetch(`${api.url}/api/v1/mission-progress/${progressId}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
const BASE = "http://mxp.test";

function call(token: string | null, path: string, init: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(`${api.url}${path}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
}

const dashboardOf = (token: string | null, query = "") => call(token, `/api/v1/missions/dashboard${query}`);
const missionOf = (token: string | null, id: string) => call(token, `/api/v1/missions/${id}`);
const start = (token: string | null, id: string) => call(token, `/api/v1/missions/${id}/start`, { method: "POST" });
const progressOf = (token: string | null, id: string) => call(token, `/api/v1/mission-progress/${id}`);
const submit = (token: string | null, id: string, body: unknown) => call(token, `/api/v1/mission-progress/${id}/submit`, { method: "POST", body });

describe("REST v1 missions and progress", () => {
  it("walks the whole flow with the documented statuses", async () => {
    const { user, token } = await createSignedInUser();
    const mission = await createMission();
    const [a, b, c] = mission.subtasks.map((s) => s.id) as [string, string, string];

    const dashboard = await dashboardOf(token);
    expect(dashboard.status).toBe(200);
    const body = await dashboard.json();
    expect(Object.keys(body)).toEqual(expect.arrayContaining(["available", "inProgress", "completed", "quota"]));

    const detail = await missionOf(token, mission.id);
    expect(detail.status).toBe(200);
    const detailBody = await detail.json();
    expect(detailBody.mission).toMatchObject({ story: mission.story, objectives: mission.objectives, successCriteria: mission.successCriteria });
    expect(detailBody.mission.subtasks).toHaveLength(3);
    expect(detailBody.mission.rubric).toHaveLength(3);
    expect(detailBody.mission).toHaveProperty("recipes");

    const started = await start(token, mission.id);
    expect(started.status).toBe(201);
    const progress = await started.json();
    const again = await start(token, mission.id);
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(progress.id);

    const read = await progressOf(token, progress.id);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: progress.id, status: "IN_PROGRESS", version: 1, files: [], submissions: [] });

    const saved = await patch(token, progress.id, { version: 1, subtasks: { [a]: { notes: "hi", completed: true } } });
    expect(saved.status).toBe(200);
    expect((await saved.json()).version).toBe(2);
    const stale = await patch(token, progress.id, { version: 1, subtasks: { [a]: { notes: "old" } } });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error).toMatchObject({ code: "VERSION_CONFLICT", details: { current: { version: 2 } } });
    const invalid = await patch(token, progress.id, { version: 2, subtasks: { [a]: { notes: 12 } } });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.code).toBe("VALIDATION_FAILED");
    const post = await call(token, `/api/v1/mission-progress/${progress.id}`, { method: "POST", body: {} });
    expect(post.status).toBe(405);

    const incomplete = await submit(token, progress.id, { reflection: "x" });
    expect(incomplete.status).toBe(422);
    expect((await incomplete.json()).error.code).toBe("INCOMPLETE_SUBMISSION");

    await patch(token, progress.id, { version: 2, subtasks: { [b]: { completed: true }, [c]: { completed: true } } });
    await getDb().evidenceFile.create({
      data: {
        progressId: progress.id,
        subtaskId: a,
        ownerId: user.id,
        originalName: "a.png",
        storageKey: `rest-${progress.id}`,
        contentType: "image/png",
        sizeBytes: 1,
        sha256: "a".repeat(64),
      },
    });
    const submitted = await submit(token, progress.id, { reflection: "A reflection that is long enough to count as a real reflection on the work." });
    expect(submitted.status).toBe(202);
    expect(await submitted.json()).toMatchObject({ attempt: 1, status: "SUBMITTED" });
    const twice = await submit(token, progress.id, { reflection: "A reflection that is long enough to count as a real reflection on the work." });
    expect(twice.status).toBe(409);
    expect((await twice.json()).error.code).toBe("INVALID_STATE");
  });

  it("answers quota and tier refusals with 402", async () => {
    const { token } = await createSignedInUser();
    const [one, two] = [await createMission(), await createMission()];
    const premium = await createMission({ tierRequired: "PREMIUM" });
    expect((await start(token, one.id)).status).toBe(201);
    const quota = await start(token, two.id);
    expect(quota.status).toBe(402);
    expect((await quota.json()).error.code).toBe("QUOTA_EXCEEDED");
    const tier = await start(token, premium.id);
    expect(tier.status).toBe(402);
    expect((await tier.json()).error.code).toBe("TIER_REQUIRED");
  });

  it("answers bad autosave requests with 4xx JSON", async () => {
    const { token } = await createSignedInUser();
    const mission = await createMission();
    const started = await (await start(token, mission.id)).json();
    const malformed = await patch(token, started.id, "{oops");
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toMatchObject({ code: "VALIDATION_FAILED", message: "The request body is not valid JSON." });
    const wrongType = await patch(token, started.id, "version=1", { "Content-Type": "application/x-www-form-urlencoded" });
    expect(wrongType.status).toBe(400);
    const anonymous = await patch(null, started.id, { version: 1, subtasks: {} });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe("UNAUTHENTICATED");
    const huge = await patch(token, started.id, { version: 1, subtasks: { [mission.subtasks[0]!.id]: { notes: "x".repeat(60_000) } } });
    expect(huge.status).toBe(400);
    expect((await huge.json()).error.details.fieldErrors).toHaveProperty([`subtasks.${mission.subtasks[0]!.id}.notes`]);
  });

  it("requires authentication everywhere", async () => {
    const mission = await createMission();
    for (const response of [await dashboardOf(null), await missionOf(null, mission.id), await start(null, mission.id), await progressOf(null, "anything")]) {
      expect(response.status).toBe(401);
    }
  });
});

describe("one student can never reach another's work", () => {
  it("is 404 through REST, tRPC and the same ids, as if the record did not exist", async () => {
    const owner = await createSignedInUser();
    const intruder = await createSignedInUser();
    const mission = await createMission();
    const started = await start(owner.token, mission.id);
    const progress = await started.json();
    const a = mission.subtasks[0]!.id;

    const restRead = await progressOf(intruder.token, progress.id);
    const restMissing = await progressOf(intruder.token, "does-not-exist");
    expect(restRead.status).toBe(404);
    expect(await restRead.json()).toEqual(await restMissing.json());
    expect((await patch(intruder.token, progress.id, { version: 1, subtasks: { [a]: { notes: "pwned" } } })).status).toBe(404);
    expect((await submit(intruder.token, progress.id, { reflection: "x".repeat(60) })).status).toBe(404);

    const trpc = createCaller(await createContext({ request: new Request(`${BASE}/api/trpc`, { headers: { Cookie: cookieHeader(intruder.token) } }) }));
    await expect(trpc.progress.get({ progressId: progress.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(trpc.progress.save({ progressId: progress.id, version: 1, subtasks: { [a]: { notes: "pwned" } } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(trpc.submissions.submit({ progressId: progress.id, reflection: "x".repeat(60) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(trpc.submissions.checklist({ progressId: progress.id, reflection: null })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // the intruder's own view of the mission shows no progress of the owner
    const detail = await trpc.missions.get({ missionId: mission.id });
    expect(detail.progress).toBeNull();

    const stored = await getDb().missionProgress.findUniqueOrThrow({ where: { id: progress.id } });
    expect(stored.version).toBe(1);
    expect(JSON.stringify(stored.subtaskState)).not.toContain("pwned");
  });

  it("lets the owner use tRPC for the same operations", async () => {
    const owner = await createSignedInUser();
    const mission = await createMission();
    const trpc = createCaller(await createContext({ request: new Request(`${BASE}/api/trpc`, { headers: { Cookie: cookieHeader(owner.token) } }) }));
    const progress = await trpc.missions.start({ missionId: mission.id });
    const saved = await trpc.progress.save({ progressId: progress.id, version: 1, subtasks: { [mission.subtasks[1]!.id]: { notes: "via tRPC" } } });
    expect(saved.version).toBe(2);
    await expect(trpc.progress.save({ progressId: progress.id, version: 1, subtasks: { [mission.subtasks[1]!.id]: { notes: "stale" } } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const checklist = await trpc.submissions.checklist({ progressId: progress.id, reflection: "" });
    expect(checklist.map((item) => item.kind)).toContain("reflection-too-short");
    const dashboard = await trpc.missions.dashboard({});
    expect(dashboard.inProgress.map((m) => m.id)).toEqual([mission.id]);
  });
});

describe("tRPC evidence deletion", () => {
  it("deletes the owner's unlocked file and hides others' files", async () => {
    const owner = await createSignedInUser();
    const intruder = await createSignedInUser();
    const mission = await createMission();
    const ownerCaller = createCaller(await createContext({ request: new Request(`${BASE}/api/trpc`, { headers: { Cookie: cookieHeader(owner.token) } }) }));
    const progress = await ownerCaller.missions.start({ missionId: mission.id });
    const file = await getDb().evidenceFile.create({
      data: {
        progressId: progress.id,
        subtaskId: mission.subtasks[0]!.id,
        ownerId: owner.user.id,
        originalName: "a.png",
        storageKey: "0123456789abcdef0123456789abcdef",
        contentType: "image/png",
        sizeBytes: 1,
        sha256: "b".repeat(64),
      },
    });
    const intruderCaller = createCaller(await createContext({ request: new Request(`${BASE}/api/trpc`, { headers: { Cookie: cookieHeader(intruder.token) } }) }));
    await expect(intruderCaller.evidence.delete({ progressId: progress.id, fileId: file.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(ownerCaller.evidence.delete({ progressId: progress.id, fileId: file.id })).resolves.toEqual({ deleted: file.id });
    expect(await getDb().evidenceFile.count({ where: { id: file.id } })).toBe(0);
  });
});

describe("routing and the answers' form", () => {
  it("serves /missions/dashboard before /missions/{missionId}, which still serves ids and slugs", async () => {
    const { token } = await createSignedInUser();
    const mission = await createMission();
    const dashboard = await dashboardOf(token);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.json()).toHaveProperty("quota");
    for (const id of [mission.id, mission.slug]) {
      const detail = await missionOf(token, id);
      expect(detail.status).toBe(200);
      expect((await detail.json()).mission.id).toBe(mission.id);
    }
    expect((await missionOf(token, "no-such-mission")).status).toBe(404);
  });

  it("refuses a route table where a path template would take a literal path defined after it", () => {
    const router = testRouter({ byId: "/things/{id}", literal: "/things/special" });
    expect(() => buildRestRoutes({ router })).toThrow("define /things/special before it");
    expect(() => buildRestRoutes({ router: testRouter({ literal: "/things/special", byId: "/things/{id}" }) })).not.toThrow();
  });

  it("answers the same data as the services, field for field", async () => {
    const { user, token } = await createSignedInUser();
    const mission = await createMission();
    const progress = await (await start(token, mission.id)).json();
    const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));
    expect(await (await missionOf(token, mission.id)).json()).toEqual(asJson(await getMissionDetail(getDb(), user, mission.id)));
    expect(await (await progressOf(token, progress.id)).json()).toEqual(asJson(await getProgress(getDb(), user, progress.id)));
    expect(await (await dashboardOf(token)).json()).toEqual(asJson(await getMissionDashboard(getDb(), user, {})));
  });

  it("takes query parameters on GET, JSON with a charset, a trailing slash, and answers HEAD like GET without a body", async () => {
    const { token } = await createSignedInUser();
    const mission = await createMission();
    const filtered = await dashboardOf(token, "?difficulty=elite");
    expect(filtered.status).toBe(200);
    expect((await filtered.json()).filters).toEqual({ track: null, difficulty: "ELITE" });
    const invalid = await dashboardOf(token, "?difficulty=impossible");
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.details.fieldErrors).toHaveProperty("difficulty");
    // An unknown track is a bad filter like an unknown difficulty: 400, naming the tracks that exist.
    const unknownTrack = await dashboardOf(token, "?track=no-such-track");
    expect(unknownTrack.status).toBe(400);
    expect((await unknownTrack.json()).error.details.fieldErrors.track[0]).toContain("There is no track");

    const progress = await (await start(token, mission.id)).json();
    const saved = await patch(token, progress.id, { version: 1, subtasks: { [mission.subtasks[0]!.id]: { notes: "ü" } } }, { "Content-Type": "application/json; charset=utf-8" });
    expect(saved.status).toBe(200);
    expect((await saved.json()).subtasks[mission.subtasks[0]!.id].notes).toBe("ü");

    expect((await progressOf(token, `${progress.id}/`)).status).toBe(200);
    const head = await fetch(`${api.url}/api/v1/mission-progress/${progress.id}`, { method: "HEAD", headers: { Authorization: `Bearer ${token}` } });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("answers 405 with Allow for a known path and another method, 404 for an unknown path", async () => {
    const { token } = await createSignedInUser();
    const wrongMethod = await call(token, "/api/v1/missions/dashboard", { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("Allow")).toBe("GET");
    expect(await wrongMethod.json()).toEqual({ error: { code: "METHOD_NOT_ALLOWED", message: "Use GET for this endpoint." } });
    const put = await call(token, "/api/v1/mission-progress/some-id", { method: "PUT", body: {} });
    expect(put.status).toBe(405);
    expect(put.headers.get("Allow")).toBe("GET, PATCH");
    const files = await call(token, "/api/v1/mission-progress/some-id/files/file-id", { method: "POST", body: {} });
    expect(files.status).toBe(405);
    expect(files.headers.get("Allow")).toBe("DELETE, GET");
    const unknown = await call(token, "/api/v1/mission-progress/some-id/nothing-here");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: "NOT_FOUND", message: "There is no endpoint GET /api/v1/mission-progress/some-id/nothing-here." } });
  });

  it("marks every answer Cache-Control: no-store, errors included", async () => {
    const { token } = await createSignedInUser();
    for (const response of [await dashboardOf(token), await dashboardOf(null), await call(token, "/api/v1/nope"), await fetch(`${api.url}/api/v1/openapi.json`)]) {
      expect(response.headers.get("Cache-Control")).toBe("no-store");
    }
  });
});

describe("unexpected failures", () => {
  let server: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    const app = express();
    app.use("/api/v1", restHandler(buildRestRoutes({ router: failingRouter }), createLogger({ level: "silent" })));
    const listening = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => listening.once("listening", resolve));
    server = { url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}`, close: () => new Promise((resolve) => listening.close(() => resolve())) };
  });
  afterAll(() => server.close());

  it("answer a generic 500 in the API's shape, never with a stack trace, in development too", async () => {
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = "development";
    try {
      for (const path of ["/api/v1/boom", "/api/v1/bad-output"]) {
        const response = await fetch(`${server.url}${path}`);
        const text = await response.text();
        expect(response.status, text).toBe(500);
        expect(JSON.parse(text)).toEqual({ error: { code: "INTERNAL", message: expect.any(String) } });
        expect(text).not.toMatch(/stack|at .*\.ts:\d+|secret detail/i);
      }
    } finally {
      process.env.NODE_ENV = saved;
    }
  });
});

/** Two procedures whose REST paths overlap, defined in the given order. */
function testRouter(paths: Record<string, `/${string}`>) {
  return router(
    Object.fromEntries(
      Object.entries(paths).map(([name, path]) => [
        name,
        publicProcedure
          .meta({ openapi: { method: "GET", path } })
          .input(z.object({ id: z.string() }).partial())
          .output(z.string())
          .query(() => name),
      ]),
    ),
  );
}

const failingRouter = router({
  boom: publicProcedure
    .meta({ openapi: { method: "GET", path: "/boom" } })
    .input(z.void())
    .output(z.string())
    .query(() => {
      throw new Error("secret detail of a failure");
    }),
  badOutput: publicProcedure
    .meta({ openapi: { method: "GET", path: "/bad-output" } })
    .input(z.void())
    .output(z.object({ ok: z.literal(true) }))
    .query(() => ({ ok: false }) as never),
});

describe("tRPC over HTTP at /api/trpc", () => {
  it("serves the procedures to the pages' client, with the cookie a log-in sets and errors without stack traces", async () => {
    const user = await createUser();
    const login = await fetch(`${api.url}/api/trpc/account.logIn`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: api.url },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^mxp_session=.+; Path=\/; HttpOnly; SameSite=Lax/);

    const me = await fetch(`${api.url}/api/trpc/account.me`, { headers: { Cookie: cookie.split(";")[0]! } });
    expect(me.status).toBe(200);
    expect((await me.json()).result.data).toMatchObject({ id: user.id, email: user.email });

    const missing = await fetch(`${api.url}/api/trpc/progress.get?input=${encodeURIComponent(JSON.stringify({ progressId: "nope" }))}`, {
      headers: { Cookie: cookie.split(";")[0]! },
    });
    expect(missing.status).toBe(404);
    const text = await missing.text();
    expect(JSON.parse(text).error.data).toMatchObject({ appCode: "NOT_FOUND", httpStatus: 404 });
    expect(text).not.toContain("stack");
  });
});

describe("the API reference page", () => {
  it("is a page with no inline script, its code a file from this origin, its configuration data", async () => {
    const page = await fetch(`${api.url}/docs/api`);
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Type")).toContain("text/html");
    const csp = page.headers.get("Content-Security-Policy")!;
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(
      scripts.map(([, attributes, body]) => ({
        external: /\ssrc="\/docs\/api\/reference\.js"/.test(attributes!),
        data: /type="application\/json"/.test(attributes!),
        body: body!.trim(),
      })),
    ).toEqual([
      { external: false, data: true, body: "" },
      { external: true, data: false, body: "" },
    ]);
    const configuration = JSON.parse(/data-configuration='([^']*)'/.exec(html)![1]!.replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&amp;/g, "&"));
    expect(configuration).toMatchObject({ url: "/api/v1/openapi.json", withDefaultFonts: false, telemetry: false });

    const bundle = await fetch(`${api.url}/docs/api/reference.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("Content-Type")).toContain("javascript");
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
  });
});
