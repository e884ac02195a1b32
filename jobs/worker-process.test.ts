import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { createUser } from "~/testing/factories";
import { enqueueJob } from "./enqueue.server";

async function until<T>(check: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("timed out");
}

describe("npm run worker (a separate worker process)", () => {
  it("runs queued jobs, reports a heartbeat and shuts down cleanly on SIGTERM", async () => {
    const user = await createUser();
    await enqueueJob(getDb(), "notify", { userId: user.id, kind: "test", title: "from the worker process", body: "" });
    const child = spawn(process.execPath, ["--import", "tsx", "jobs/worker.ts"], {
      env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await until(() => getDb().workerHeartbeat.findFirst({ where: { pid: child.pid } }), 20_000);
      await until(() => getDb().notification.findFirst({ where: { userId: user.id, title: "from the worker process" } }), 20_000);
    } catch (error) {
      child.kill("SIGKILL");
      throw new Error(`${(error as Error).message}\n${output}`);
    }
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(await getDb().workerHeartbeat.count({ where: { pid: child.pid } })).toBe(0);
  }, 60_000);
});
