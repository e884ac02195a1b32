import { afterEach, describe, expect, it } from "vitest";
import { loader as healthz } from "~/routes/healthz";
import { getDb } from "~/utils/db.server";
import { enqueueJob } from "#jobs/enqueue.server";
import { cookieHeader, createSignedInUser, createUser } from "~/testing/factories";
import { submittedAttempt } from "~/testing/reviews";

const HEALTH_TOKEN = "health-token-for-monitoring-0123456789";
const get = (headers: Record<string, string> = {}) =>
  healthz({ request: new Request("http://mxp.test/healthz", { headers }), params: {}, context: { clientAddress: "198.51.100.7", requestId: "test" } });
const asAdmin = async () => ({ Cookie: cookieHeader((await createSignedInUser({ role: "ADMIN" })).token) });

afterEach(() => {
  delete process.env.HEALTH_TOKEN;
});

describe("GET /healthz", () => {
  it("reports the database up and no workers as degraded (503)", async () => {
    await getDb().workerHeartbeat.deleteMany();
    const response = await get(await asAdmin());
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.database.ok).toBe(true);
    expect(body.workers).toMatchObject({ ok: false, alive: 0 });
    expect(body.status).toBe("degraded");
  });

  it("reports ok with a live worker heartbeat and counts queued jobs", async () => {
    await getDb().workerHeartbeat.create({ data: { id: "test-worker", hostname: "test", pid: 1 } });
    await getDb().workerHeartbeat.create({ data: { id: "dead-worker", hostname: "test", pid: 2, lastSeenAt: new Date(Date.now() - 10 * 60_000) } });
    const user = await createUser();
    await enqueueJob(getDb(), "send-welcome", { userId: user.id });
    const response = await get(await asAdmin());
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.status).toBe("ok");
    expect(body.workers.alive).toBe(1);
    expect(body.workers.queuedJobs).toBeGreaterThanOrEqual(1);
  });

  it("tells anyone else only the status, with the same HTTP status", async () => {
    await getDb().workerHeartbeat.upsert({ where: { id: "test-worker" }, create: { id: "test-worker", hostname: "test", pid: 1 }, update: { lastSeenAt: new Date() } });
    process.env.HEALTH_TOKEN = HEALTH_TOKEN;
    const student = await createSignedInUser();
    const mentor = await createSignedInUser({ role: "MENTOR" });
    for (const headers of <Record<string, string>[]>[
      {},
      { Cookie: cookieHeader(student.token) },
      { Cookie: cookieHeader(mentor.token) },
      { Authorization: `Bearer ${student.token}` },
      { Authorization: `Bearer ${HEALTH_TOKEN}x` },
    ]) {
      const response = await get(headers);
      expect(response.status).toBe(200);
      expect(response.headers.get("Cache-Control")).toBe("no-store");
      expect(await response.json()).toEqual({ status: "ok" });
    }
    await getDb().workerHeartbeat.deleteMany();
    const degraded = await get();
    expect(degraded.status).toBe(503);
    expect(await degraded.json()).toEqual({ status: "degraded" });
  });

  it("shows the details to monitoring with HEALTH_TOKEN as a bearer token, and only when it is set", async () => {
    expect(await (await get({ Authorization: `Bearer ${HEALTH_TOKEN}` })).json()).not.toHaveProperty("database");
    process.env.HEALTH_TOKEN = HEALTH_TOKEN;
    const body = await (await get({ Authorization: `Bearer ${HEALTH_TOKEN}` })).json();
    expect(body.database).toMatchObject({ ok: true });
    expect(body.workers).toHaveProperty("alive");
  });

  it("reports a stuck review pipeline instead of ok, and says why", async () => {
    await getDb().workerHeartbeat.upsert({ where: { id: "test-worker" }, create: { id: "test-worker", hostname: "test", pid: 1 }, update: { lastSeenAt: new Date() } });
    const { submission } = await submittedAttempt();
    const healthy = await (await get(await asAdmin())).json();
    expect(healthy).toMatchObject({ status: "ok", reviews: { ok: true, waiting: 1 } });

    await getDb().aiReview.update({ where: { submissionId: submission.id }, data: { queuedAt: new Date(Date.now() - 60 * 60_000) } });
    const response = await get(await asAdmin());
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.status).toBe("degraded");
    expect(body.reviews).toMatchObject({ ok: false, waiting: 1, failed: 0 });
    expect(body.reviews.oldestWaitingSeconds).toBeGreaterThanOrEqual(3600);
    expect(body.reviews.problem).toMatch(/oldest review has waited/);
    await getDb().aiReview.update({ where: { submissionId: submission.id }, data: { status: "COMPLETED" } });
  });
});
