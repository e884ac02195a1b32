import { describe, expect, it } from "vitest";
import { queuedJobs, runQueuedJobs } from "~/testing/jobs";
import { createUser } from "~/testing/factories";
import { getDb } from "~/utils/db.server";
import { enqueueJob } from "./enqueue.server";
import { buildTaskList } from "./task-list";
import { crontab } from "./crontab";
import { parseCrontab } from "graphile-worker";
import { cleanupExpired } from "./tasks/cleanup-expired";

describe("jobs", () => {
  it("exist only if the transaction that queued them commits", async () => {
    const user = await createUser();
    await getDb()
      .$transaction(async (tx) => {
        await enqueueJob(tx, "notify", { userId: user.id, kind: "test", title: "rolled back", body: "" });
        throw new Error("abort");
      })
      .catch(() => {});
    expect(await queuedJobs("notify")).toHaveLength(0);

    await getDb().$transaction(async (tx) => {
      await enqueueJob(tx, "notify", { userId: user.id, kind: "test", title: "committed", body: "" });
    });
    expect(await queuedJobs("notify")).toHaveLength(1);
    await runQueuedJobs();
    expect(await getDb().notification.findMany({ where: { userId: user.id }, select: { title: true } })).toEqual([{ title: "committed" }]);
  });

  it("refuses to queue a payload that breaks the job's schema", async () => {
    await expect(enqueueJob(getDb(), "notify", { userId: "", kind: "x", title: "y", body: "" })).rejects.toThrow();
  });

  it("collapses jobs with the same key", async () => {
    const user = await createUser();
    for (let i = 0; i < 3; i++) await enqueueJob(getDb(), "send-welcome", { userId: user.id }, { jobKey: `welcome:${user.id}` });
    expect((await queuedJobs("send-welcome")).filter((job) => job.key === `welcome:${user.id}`)).toHaveLength(1);
  });

  it("drops a job whose stored payload no longer parses instead of retrying it forever", async () => {
    const errors: string[] = [];
    const task = buildTaskList(getDb)["notify"]!;
    await task({ userId: 7 }, { job: { id: "1", attempts: 1 }, logger: { error: (message: string) => errors.push(message), info() {} } } as never);
    expect(errors[0]).toMatch(/invalid payload/);
  });

  it("has a valid crontab", () => {
    expect(parseCrontab(crontab).map((item) => item.task)).toContain("cleanup-expired");
  });

  it("cleans expired sessions and old rate-limit windows", async () => {
    const user = await createUser();
    const now = new Date();
    await getDb().session.create({ data: { id: "expired", userId: user.id, expiresAt: new Date(now.getTime() - 1000) } });
    await getDb().session.create({ data: { id: "live", userId: user.id, expiresAt: new Date(now.getTime() + 86_400_000) } });
    await getDb().rateLimit.create({ data: { key: "old", windowStart: new Date(now.getTime() - 2 * 86_400_000), count: 3 } });
    const removed = await cleanupExpired(getDb(), now);
    expect(removed.sessions).toBe(1);
    expect(removed.rateLimits).toBe(1);
    expect(await getDb().session.findMany({ where: { userId: user.id }, select: { id: true } })).toEqual([{ id: "live" }]);
  });

  it("removes sign-ups nobody confirmed within 30 days, and only those", async () => {
    const db = getDb();
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const abandoned = await createUser({ email: "abandoned.signup@example.test" });
    await db.user.update({ where: { id: abandoned.id }, data: { emailVerifiedAt: null, createdAt: daysAgo(31) } });
    await db.emailVerification.create({ data: { id: "abandoned-link", userId: abandoned.id, createdAt: daysAgo(31), expiresAt: daysAgo(30) } });
    const askedAgain = await createUser({ email: "asked.again@example.test" });
    await db.user.update({ where: { id: askedAgain.id }, data: { emailVerifiedAt: null, createdAt: daysAgo(40) } });
    await db.emailVerification.create({ data: { id: "fresh-link", userId: askedAgain.id, createdAt: daysAgo(1), expiresAt: now } });
    const recent = await createUser({ email: "recent.signup@example.test" });
    await db.user.update({ where: { id: recent.id }, data: { emailVerifiedAt: null, createdAt: daysAgo(29) } });
    const confirmed = await createUser({ email: "old.confirmed@example.test" });
    await db.user.update({ where: { id: confirmed.id }, data: { createdAt: daysAgo(400) } });

    const removed = await cleanupExpired(db, now);

    expect(removed.abandonedSignUps).toBe(1);
    const left = await db.user.findMany({ where: { id: { in: [abandoned.id, askedAgain.id, recent.id, confirmed.id] } }, select: { email: true } });
    expect(left.map((user) => user.email).sort()).toEqual(["asked.again@example.test", "old.confirmed@example.test", "recent.signup@example.test"]);
  });
});
