import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { action as outboxAction, loader as outboxLoader } from "~/routes/dashboard.admin.outbox";
import { cookieHeader, createSignedInUser, createUser } from "~/testing/factories";
import { runQueuedJobs } from "~/testing/jobs";
import { getDb } from "~/utils/db.server";
import { listFailingEmails, retryEmail } from "./outbox.server";
import { createNotification } from "./service.server";

const context = { clientAddress: "198.51.100.7", requestId: "test" };
const savedSmtp = process.env.SMTP_URL;
afterEach(() => {
  if (savedSmtp === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedSmtp;
});

/** An address where nothing listens: a port that was just free. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function graphileJob(emailId: string) {
  const rows = await getDb().$queryRaw<{ attempts: number; max_attempts: number; run_at: Date }[]>`
    SELECT attempts, max_attempts, run_at FROM graphile_worker._private_jobs WHERE key = ${`send-email:${emailId}`}`;
  return rows[0];
}

describe("failed e-mail, for admins", () => {
  it("lists an e-mail that is being retried and one that ran out of tries, with recipient, error and attempts, and sends one again", async () => {
    const db = getDb();
    const admin = await createSignedInUser({ role: "ADMIN" });
    const student = await createUser({ email: "bounce.list@example.test" });
    process.env.SMTP_URL = `smtp://127.0.0.1:${await closedPort()}`;
    await createNotification(db, { userId: student.id, kind: "mission-approved", title: "Mission approved: retrying", body: "Well done.", email: true });
    await createNotification(db, { userId: student.id, kind: "mission-approved", title: "Mission approved: given up", body: "Well done.", email: true });
    const retrying = await db.emailOutbox.findFirstOrThrow({ where: { subject: "Mission approved: retrying" } });
    const givenUp = await db.emailOutbox.findFirstOrThrow({ where: { subject: "Mission approved: given up" } });
    const before = Date.now();
    await runQueuedJobs();
    // The second one's last automatic try fails too (graphile-worker leaves a job that used its tries in its table).
    await db.$executeRaw`UPDATE graphile_worker._private_jobs SET attempts = max_attempts - 1, run_at = now() WHERE key = ${`send-email:${givenUp.id}`}`;
    await runQueuedJobs();

    const failing = await listFailingEmails(db);
    const row = (id: string) => failing.find((email) => email.id === id);
    expect(row(retrying.id)).toMatchObject({
      to: "bounce.list@example.test",
      status: "PENDING",
      attempts: 1,
      sending: false,
      error: expect.stringMatching(/ECONNREFUSED/) as string,
    });
    expect(row(retrying.id)!.nextTryAt!.getTime()).toBeGreaterThan(before);
    expect(row(givenUp.id)).toMatchObject({ status: "FAILED", attempts: 2, nextTryAt: null, sending: false, error: expect.stringMatching(/ECONNREFUSED/) as string });

    // The page shows them to an admin, with both parts of every e-mail.
    const page = (await (
      await outboxLoader({ request: new Request("http://mxp.test/dashboard/admin/outbox", { headers: { Cookie: cookieHeader(admin.token) } }), params: {}, context })
    ).json()) as {
      failing: { id: string }[];
      emails: { id: string; text: string; html: string }[];
    };
    expect(page.failing.map((email) => email.id)).toEqual(expect.arrayContaining([retrying.id, givenUp.id]));
    const shown = page.emails.find((email) => email.id === givenUp.id)!;
    expect(shown.text).toContain("Well done.");
    expect(shown.html).toContain('<p style="margin:0 0 16px;">Well done.</p>');

    // Sent again from the page: the row waits again and its job starts over now; delivered, it leaves the list.
    const form = new URLSearchParams({ emailId: givenUp.id });
    const retried = await outboxAction({
      request: new Request("http://mxp.test/dashboard/admin/outbox", { method: "POST", body: form, headers: { Cookie: cookieHeader(admin.token) } }),
      params: {},
      context,
    });
    expect(await retried.json()).toEqual({ retried: givenUp.id });
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: givenUp.id } })).toMatchObject({ status: "PENDING", error: null });
    const job = (await graphileJob(givenUp.id))!;
    expect(job.attempts).toBe(0);
    expect(job.run_at.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await listFailingEmails(db)).map((email) => email.id)).not.toContain(givenUp.id);

    delete process.env.SMTP_URL;
    await runQueuedJobs();
    expect(await db.emailOutbox.findUniqueOrThrow({ where: { id: givenUp.id } })).toMatchObject({ status: "SENT", attempts: 3, error: null });
    await expect(retryEmail(db, admin.user, givenUp.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("refuses to send again what has not failed or does not exist, and keeps non-admins out", async () => {
    const db = getDb();
    const admin = await createUser({ role: "ADMIN" });
    const student = await createSignedInUser();
    await createNotification(db, { userId: student.user.id, kind: "mission-approved", title: "Waiting", body: "x", email: true });
    const waiting = await db.emailOutbox.findFirstOrThrow({ where: { userId: student.user.id } });
    await expect(retryEmail(db, admin, waiting.id)).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringContaining("already waiting") as string });
    await expect(retryEmail(db, admin, "c0000000000000000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(retryEmail(db, student.user, waiting.id)).rejects.toMatchObject({ code: "FORBIDDEN" });

    const request = new Request("http://mxp.test/dashboard/admin/outbox", {
      method: "POST",
      body: new URLSearchParams({ emailId: waiting.id }),
      headers: { Cookie: cookieHeader(student.token) },
    });
    const refused = await outboxAction({ request, params: {}, context }).then(
      (response) => response,
      (error: unknown) => error as Response,
    );
    expect(refused.status).toBe(403);
  });
});
