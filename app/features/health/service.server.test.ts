import { describe, expect, it } from "vitest";
import { loader as healthz } from "~/routes/healthz";
import { getDb } from "~/utils/db.server";
import { enqueueJob } from "#jobs/enqueue.server";
import { createUser } from "~/testing/factories";

const get = () => healthz({ request: new Request("http://mxp.test/healthz"), params: {}, context: { clientAddress: "198.51.100.7", requestId: "test" } });

describe("GET /healthz", () => {
  it("reports the database up and no workers as degraded (503)", async () => {
    await getDb().workerHeartbeat.deleteMany();
    const response = await get();
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
    const response = await get();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.status).toBe("ok");
    expect(body.workers.alive).toBe(1);
    expect(body.workers.queuedJobs).toBeGreaterThanOrEqual(1);
  });
});
