import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mountAutosaveRoute } from "~/server/autosave-route.server";
import { createLogger } from "~/server/logger.server";
import { loader as dashboardLoader } from "~/routes/api.v1.missions.dashboard";
import { loader as missionLoader } from "~/routes/api.v1.missions.$id";
import { action as startAction } from "~/routes/api.v1.missions.$id.start";
import { action as patchAction, loader as progressLoader } from "~/routes/api.v1.mission-progress.$id";
import { action as submitAction } from "~/routes/api.v1.mission-progress.$id.submit";
import { createContext } from "~/trpc/init.server";
import { createCaller } from "~/trpc/root.server";
import { cookieHeader, createSignedInUser } from "~/testing/factories";
import { createMission } from "~/testing/missions";
import { getDb } from "~/utils/db.server";

const context = { clientAddress: "203.0.113.5", requestId: "test" };

// The autosave PATCH is an Express route (served before Remix): test it over real HTTP.
let autosaveUrl = "";
let closeAutosave: () => void = () => {};
beforeAll(async () => {
  const app = express();
  mountAutosaveRoute(app, createLogger({ level: "silent" }));
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  autosaveUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closeAutosave = () => server.close();
});
afterAll(() => closeAutosave());

async function patch(token: string | null, progressId: string, body: unknown, headers: Record<string, string> = {}) {
  return await fetch(`${autosaveUrl}/api/v1/mission-progress/${progressId}`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
const BASE = "http://mxp.test";

function call(handler: (args: any) => Promise<Response>, token: string | null, path: string, params: Record<string, string>, init: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  const request = new Request(`${BASE}${path}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return handler({ request, params, context });
}

describe("REST v1 missions and progress", () => {
  it("walks the whole flow with the documented statuses", async () => {
    const { user, token } = await createSignedInUser();
    const mission = await createMission();
    const [a, b, c] = mission.subtasks.map((s) => s.id) as [string, string, string];

    const dashboard = await call(dashboardLoader, token, "/api/v1/missions/dashboard", {});
    expect(dashboard.status).toBe(200);
    const body = await dashboard.json();
    expect(Object.keys(body)).toEqual(expect.arrayContaining(["available", "inProgress", "completed", "quota"]));

    const detail = await call(missionLoader, token, `/api/v1/missions/${mission.id}`, { id: mission.id });
    expect(detail.status).toBe(200);
    const detailBody = await detail.json();
    expect(detailBody.mission).toMatchObject({ story: mission.story, objectives: mission.objectives, successCriteria: mission.successCriteria });
    expect(detailBody.mission.subtasks).toHaveLength(3);
    expect(detailBody.mission.rubric).toHaveLength(3);
    expect(detailBody.mission).toHaveProperty("recipes");

    const started = await call(startAction, token, `/api/v1/missions/${mission.id}/start`, { id: mission.id }, { method: "POST" });
    expect(started.status).toBe(201);
    const progress = await started.json();
    const again = await call(startAction, token, `/api/v1/missions/${mission.id}/start`, { id: mission.id }, { method: "POST" });
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(progress.id);

    const read = await call(progressLoader, token, `/api/v1/mission-progress/${progress.id}`, { id: progress.id });
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
    const post = await call(patchAction, token, `/api/v1/mission-progress/${progress.id}`, { id: progress.id }, { method: "POST", body: {} });
    expect(post.status).toBe(405);

    const incomplete = await call(submitAction, token, `/api/v1/mission-progress/${progress.id}/submit`, { id: progress.id }, { method: "POST", body: { reflection: "x" } });
    expect(incomplete.status).toBe(422);
    expect((await incomplete.json()).error.code).toBe("INCOMPLETE_SUBMISSION");

    await patch(token, progress.id, { version: 2, subtasks: { [b]: { completed: true }, [c]: { completed: true } } });
    await getDb().evidenceFile.create({
      data: { progressId: progress.id, subtaskId: a, ownerId: user.id, originalName: "a.png", storageKey: `rest-${progress.id}`, contentType: "image/png", sizeBytes: 1, sha256: "a".repeat(64) },
    });
    const submitted = await call(submitAction, token, `/api/v1/mission-progress/${progress.id}/submit`, { id: progress.id }, { method: "POST", body: { reflection: "A reflection that is long enough to count as a real reflection on the work." } });
    expect(submitted.status).toBe(202);
    expect(await submitted.json()).toMatchObject({ attempt: 1, status: "SUBMITTED" });
    const twice = await call(submitAction, token, `/api/v1/mission-progress/${progress.id}/submit`, { id: progress.id }, { method: "POST", body: { reflection: "A reflection that is long enough to count as a real reflection on the work." } });
    expect(twice.status).toBe(409);
    expect((await twice.json()).error.code).toBe("INVALID_STATE");
  });

  it("answers quota and tier refusals with 402", async () => {
    const { token } = await createSignedInUser();
    const [one, two] = [await createMission(), await createMission()];
    const premium = await createMission({ tierRequired: "PREMIUM" });
    expect((await call(startAction, token, "/x", { id: one.id }, { method: "POST" })).status).toBe(201);
    const quota = await call(startAction, token, "/x", { id: two.id }, { method: "POST" });
    expect(quota.status).toBe(402);
    expect((await quota.json()).error.code).toBe("QUOTA_EXCEEDED");
    const tier = await call(startAction, token, "/x", { id: premium.id }, { method: "POST" });
    expect(tier.status).toBe(402);
    expect((await tier.json()).error.code).toBe("TIER_REQUIRED");
  });

  it("answers bad autosave requests with 4xx JSON", async () => {
    const { token } = await createSignedInUser();
    const mission = await createMission();
    const started = await (await call(startAction, token, "/x", { id: mission.id }, { method: "POST" })).json();
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
    for (const response of [
      await call(dashboardLoader, null, "/api/v1/missions/dashboard", {}),
      await call(missionLoader, null, "/x", { id: mission.id }),
      await call(startAction, null, "/x", { id: mission.id }, { method: "POST" }),
      await call(progressLoader, null, "/x", { id: "anything" }),
    ]) {
      expect(response.status).toBe(401);
    }
  });
});

describe("one student can never reach another's work", () => {
  it("is 404 through REST, tRPC and the same ids, as if the record did not exist", async () => {
    const owner = await createSignedInUser();
    const intruder = await createSignedInUser();
    const mission = await createMission();
    const started = await call(startAction, owner.token, "/x", { id: mission.id }, { method: "POST" });
    const progress = await started.json();
    const a = mission.subtasks[0]!.id;

    const restRead = await call(progressLoader, intruder.token, "/x", { id: progress.id });
    const restMissing = await call(progressLoader, intruder.token, "/x", { id: "does-not-exist" });
    expect(restRead.status).toBe(404);
    expect(await restRead.json()).toEqual(await restMissing.json());
    expect((await patch(intruder.token, progress.id, { version: 1, subtasks: { [a]: { notes: "pwned" } } })).status).toBe(404);
    expect((await call(submitAction, intruder.token, "/x", { id: progress.id }, { method: "POST", body: { reflection: "x".repeat(60) } })).status).toBe(404);

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
    await expect(trpc.progress.save({ progressId: progress.id, version: 1, subtasks: { [mission.subtasks[1]!.id]: { notes: "stale" } } })).rejects.toMatchObject({ code: "CONFLICT" });
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
      data: { progressId: progress.id, subtaskId: mission.subtasks[0]!.id, ownerId: owner.user.id, originalName: "a.png", storageKey: "0123456789abcdef0123456789abcdef", contentType: "image/png", sizeBytes: 1, sha256: "b".repeat(64) },
    });
    const intruderCaller = createCaller(await createContext({ request: new Request(`${BASE}/api/trpc`, { headers: { Cookie: cookieHeader(intruder.token) } }) }));
    await expect(intruderCaller.evidence.delete({ progressId: progress.id, fileId: file.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(ownerCaller.evidence.delete({ progressId: progress.id, fileId: file.id })).resolves.toEqual({ deleted: file.id });
    expect(await getDb().evidenceFile.count({ where: { id: file.id } })).toBe(0);
  });
});
