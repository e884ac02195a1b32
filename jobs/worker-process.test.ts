import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { createUser } from "~/testing/factories";
import { startWorkerProcess, until } from "~/testing/worker-process";
import { enqueueJob } from "./enqueue.server";

describe("npm run worker (a separate worker process)", () => {
  it("runs queued jobs, reports a heartbeat and shuts down cleanly on SIGTERM", async () => {
    const user = await createUser();
    await enqueueJob(getDb(), "notify", { userId: user.id, kind: "test", title: "from the worker process", body: "" });
    const { child, output, exited } = startWorkerProcess();
    try {
      await until(() => getDb().workerHeartbeat.findFirst({ where: { pid: child.pid } }), 20_000);
      await until(() => getDb().notification.findFirst({ where: { userId: user.id, title: "from the worker process" } }), 20_000);
    } catch (error) {
      child.kill("SIGKILL");
      throw new Error(`${(error as Error).message}\n${output()}`);
    }
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(await getDb().workerHeartbeat.count({ where: { pid: child.pid } })).toBe(0);
  }, 60_000);
});
