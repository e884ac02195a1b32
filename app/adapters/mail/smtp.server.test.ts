import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createNotification } from "~/features/notifications/service.server";
import { createUser } from "~/testing/factories";
import { runQueuedJobs } from "~/testing/jobs";
import { getDb } from "~/utils/db.server";
import { sendEmail } from "#jobs/tasks/send-email";
import { closeMailTransport, isPermanentRefusal, mailFrom, mailTransport } from "./mail.server";

interface Received {
  from: string | false;
  to: string[];
  user: string | undefined;
  raw: string;
}

/** A local mail server: it takes the messages, or refuses recipients whose address starts with "refused". */
function startServer(received: Received[], connections = { opened: 0, closed: 0 }): Promise<{ server: SMTPServer; port: number }> {
  const server = new SMTPServer({
    disableReverseLookup: true,
    onConnect(_session, callback) {
      connections.opened += 1;
      callback();
    },
    onClose() {
      connections.closed += 1;
    },
    // The test talks plain SMTP to itself; TLS is the real server's business.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: true,
    onAuth(auth, _session, callback) {
      if (auth.username === "mxp" && auth.password === "s3cret/pass") callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("refused")) callback(Object.assign(new Error("No such mailbox here"), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const envelopeFrom = session.envelope.mailFrom;
        received.push({
          from: envelopeFrom ? envelopeFrom.address : false,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
    logger: false,
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.server.address() as AddressInfo).port })));
}

/** The parts of a multipart message by content type, quoted-printable or base64 decoded. */
function mimeParts(raw: string): Record<string, string> {
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(raw)?.[1];
  if (!boundary) throw new Error("not a multipart message");
  const parts: Record<string, string> = {};
  for (const chunk of raw.split(`--${boundary}`).slice(1, -1)) {
    const [head = "", ...rest] = chunk.replace(/^\r\n/, "").split("\r\n\r\n");
    // The line break before the next boundary belongs to the boundary.
    const body = rest.join("\r\n\r\n").replace(/\r\n$/, "");
    const type = /content-type:\s*([^;\r\n]+)/i.exec(head)?.[1]?.trim() ?? "";
    const encoding = /content-transfer-encoding:\s*(\S+)/i.exec(head)?.[1]?.toLowerCase();
    let bytes: Buffer;
    if (encoding === "quoted-printable") {
      const soft = body.replace(/=\r\n/g, "");
      bytes = Buffer.from(
        soft.replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        "latin1",
      );
    } else if (encoding === "base64") bytes = Buffer.from(body, "base64");
    else bytes = Buffer.from(body, "utf8");
    parts[type] = bytes.toString("utf8").replace(/\r\n/g, "\n");
  }
  return parts;
}

const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM };
const received: Received[] = [];
let running: { server: SMTPServer; port: number };

beforeAll(async () => {
  running = await startServer(received);
});
afterAll(async () => {
  await new Promise<void>((resolve) => running.server.close(() => resolve()));
});
afterEach(() => {
  // Pooled connections would outlive the test and hold the server's close.
  closeMailTransport();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

async function queueNotice(to: { id: string }, title: string) {
  await createNotification(getDb(), { userId: to.id, kind: "mission-approved", title, body: `“${title}”: well done, the mission is approved.`, link: "/dashboard", email: true });
  return await getDb().emailOutbox.findFirstOrThrow({ where: { userId: to.id, subject: title } });
}

async function graphileJob(emailId: string) {
  const rows = await getDb().$queryRaw<{ attempts: number; last_error: string | null }[]>`
    SELECT attempts, last_error FROM graphile_worker._private_jobs WHERE key = ${`send-email:${emailId}`}`;
  return rows[0];
}

describe("delivery through a mail server (SMTP_URL)", () => {
  it("sends the outbox row with the right envelope, sender, subject and both parts, logging in with the URL's credentials", async () => {
    process.env.SMTP_URL = `smtp://mxp:${encodeURIComponent("s3cret/pass")}@127.0.0.1:${running.port}`;
    process.env.MAIL_FROM = "MXP Academy <academy@mxp.example.org>";
    expect(mailTransport().name).toBe("smtp");
    const student = await createUser({ email: "ada.smtp@example.test" });
    const email = await queueNotice(student, "Mission approved: Log triage");

    await runQueuedJobs();

    const message = received.find((item) => item.to.includes("ada.smtp@example.test"))!;
    expect(message).toMatchObject({ from: "academy@mxp.example.org", to: ["ada.smtp@example.test"], user: "mxp" });
    expect(message.raw).toMatch(/^Subject: Mission approved: Log triage\r$/m);
    expect(message.raw).toMatch(/^From: MXP Academy <academy@mxp\.example\.org>\r$/m);
    expect(message.raw).toMatch(/^Content-Type: multipart\/alternative;/m);
    const parts = mimeParts(message.raw);
    expect(parts["text/plain"]).toBe(email.text);
    expect(parts["text/plain"]).toContain("“Mission approved: Log triage”: well done, the mission is approved.");
    expect(parts["text/html"]).toBe(email.html);
    expect(parts["text/html"]).toContain(">Choose which e-mails MXP sends you</a>");

    expect(await getDb().emailOutbox.findUniqueOrThrow({ where: { id: email.id } })).toMatchObject({
      status: "SENT",
      transport: "smtp",
      attempts: 1,
      error: null,
      sentAt: expect.any(Date) as Date,
      lastAttemptAt: expect.any(Date) as Date,
    });
    // Run again (a retried job): nothing is sent twice.
    await sendEmail(getDb(), { emailId: email.id });
    expect(received.filter((item) => item.to.includes("ada.smtp@example.test"))).toHaveLength(1);
  });

  it("fails the row at once, without retrying, when the server permanently refuses the recipient", async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${running.port}`;
    const student = await createUser({ email: "refused.smtp@example.test" });
    const email = await queueNotice(student, "Mission approved: refused");

    await runQueuedJobs();

    const row = await getDb().emailOutbox.findUniqueOrThrow({ where: { id: email.id } });
    expect(row).toMatchObject({ status: "FAILED", attempts: 1, transport: "smtp", sentAt: null, lastAttemptAt: expect.any(Date) as Date });
    expect(row.error).toMatch(/550 No such mailbox here/);
    // The job finished: graphile-worker holds nothing to try again.
    expect(await graphileJob(email.id)).toBeUndefined();
    expect(received.some((item) => item.to.includes("refused.smtp@example.test"))).toBe(false);
  });

  it("tells permanent refusals from failures that may heal", () => {
    expect(isPermanentRefusal(Object.assign(new Error("550 No such mailbox"), { responseCode: 550, code: "EENVELOPE" }))).toBe(true);
    expect(isPermanentRefusal(Object.assign(new Error("452 Mailbox full, try later"), { responseCode: 452, code: "EENVELOPE" }))).toBe(false);
    expect(isPermanentRefusal(Object.assign(new Error("535 Invalid username or password"), { responseCode: 535, code: "EAUTH" }))).toBe(false);
    expect(isPermanentRefusal(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(false);
    expect(isPermanentRefusal("550")).toBe(false);
  });

  it("fails the job when the server cannot be reached", async () => {
    const closed = await startServer([]);
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    process.env.SMTP_URL = `smtp://127.0.0.1:${closed.port}`;
    const email = await queueNotice(await createUser(), "Mission approved: unreachable");

    await expect(sendEmail(getDb(), { emailId: email.id }, { attempt: 1, maxAttempts: 25 })).rejects.toThrow(/ECONNREFUSED/);
    const row = await getDb().emailOutbox.findUniqueOrThrow({ where: { id: email.id } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, transport: "smtp" });
    expect(row.error).toMatch(/ECONNREFUSED/);
  });

  it("keeps one connection to the server from message to message, refused ones included, and ends it at shutdown", async () => {
    const connections = { opened: 0, closed: 0 };
    const pooled = await startServer(received, connections);
    try {
      process.env.SMTP_URL = `smtp://127.0.0.1:${pooled.port}`;
      // A refused recipient fails its own message only: the next goes on the same connection.
      for (const [address, status] of [
        ["first.pooled@example.test", "SENT"],
        ["refused.pooled@example.test", "FAILED"],
        ["third.pooled@example.test", "SENT"],
      ] as const) {
        const email = await queueNotice(await createUser({ email: address }), `Mission approved: ${address}`);
        await sendEmail(getDb(), { emailId: email.id });
        expect((await getDb().emailOutbox.findUniqueOrThrow({ where: { id: email.id } })).status).toBe(status);
      }
      expect(received.filter((item) => item.to[0]?.endsWith(".pooled@example.test")).map((item) => item.to[0])).toEqual(["first.pooled@example.test", "third.pooled@example.test"]);
      expect(connections).toEqual({ opened: 1, closed: 0 });
      closeMailTransport();
      await vi.waitFor(() => expect(connections.closed).toBe(1));
    } finally {
      closeMailTransport();
      await new Promise<void>((resolve) => pooled.server.close(() => resolve()));
    }
  });

  it("fails the send when the server refuses the URL's credentials", async () => {
    process.env.SMTP_URL = `smtp://mxp:wrong@127.0.0.1:${running.port}`;
    const email = await queueNotice(await createUser(), "Mission approved: wrong password");
    await expect(sendEmail(getDb(), { emailId: email.id }, { attempt: 1, maxAttempts: 25 })).rejects.toThrow(/Invalid username or password|535/);
  });
});

describe("mailFrom", () => {
  it("is MAIL_FROM, else MXP at a no-reply address of the site's host", () => {
    delete process.env.MAIL_FROM;
    process.env.APP_URL = "https://mxp.example.org";
    try {
      expect(mailFrom()).toBe("MXP <no-reply@mxp.example.org>");
    } finally {
      delete process.env.APP_URL;
    }
    process.env.MAIL_FROM = "team@mxp.example.org";
    expect(mailFrom()).toBe("team@mxp.example.org");
  });
});
