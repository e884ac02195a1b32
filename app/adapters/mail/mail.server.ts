import nodemailer from "nodemailer";
import { appUrl, getEnv, type Env } from "~/utils/env.server";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The mail port: one method, one adapter per transport. */
export interface MailTransport {
  readonly name: string;
  send(email: OutgoingEmail): Promise<void>;
}

/**
 * Without SMTP_URL there is no mail server: messages stay in the outbox table and are read on
 * the development outbox page. Delivery "succeeds" by keeping them there, and says so.
 */
export const developmentOutbox: MailTransport = {
  name: "development-outbox",
  async send() {},
};

/** The sender of every e-mail: MAIL_FROM, else MXP at a no-reply address of the site's host. */
export function mailFrom(env: Env = getEnv()): string {
  return env.MAIL_FROM ?? `MXP <no-reply@${new URL(appUrl()).hostname}>`;
}

/**
 * Delivery through a mail server (nodemailer). A server that refuses the message or cannot be
 * reached makes `send` throw, so the send job fails and graphile-worker tries again later. The
 * timeouts are shorter than nodemailer's (minutes): a job waiting on a silent server holds one of
 * the worker's slots. Connections are pooled and reused from message to message (ADR 024): many
 * mail servers pause before greeting a new connection, and a connection per message held the
 * worker's slots (the review jobs' too) for that pause. `close` ends the pool's connections.
 */
export function smtpTransport(url: string, from: string, connections: number): MailTransport & { close(): void } {
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    // As many as the worker runs jobs at a time: more would only wait, fewer would hold slots.
    maxConnections: connections,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  return {
    name: "smtp",
    async send(email) {
      await transporter.sendMail({ from, to: email.to, subject: email.subject, text: email.text, html: email.html });
    },
    close: () => transporter.close(),
  };
}

/**
 * Whether a failed send will fail the same way however often it is tried: the mail server
 * refused this message or its recipient with a permanent (5xx) answer. A refused login (EAUTH)
 * is not: it heals when the operator fixes SMTP_URL, so those sends keep being retried.
 */
export function isPermanentRefusal(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { responseCode, code } = error as { responseCode?: unknown; code?: unknown };
  return typeof responseCode === "number" && responseCode >= 500 && responseCode < 600 && code !== "EAUTH";
}

let cached: { url: string; from: string; transport: ReturnType<typeof smtpTransport> } | undefined;

export function mailTransport(): MailTransport {
  const env = getEnv();
  if (!env.SMTP_URL) return developmentOutbox;
  const from = mailFrom(env);
  if (cached?.url !== env.SMTP_URL || cached.from !== from) {
    cached?.transport.close();
    cached = { url: env.SMTP_URL, from, transport: smtpTransport(env.SMTP_URL, from, env.WORKER_CONCURRENCY) };
  }
  return cached.transport;
}

/** Ends the mail server connections this process keeps (at shutdown, once the worker has stopped sending). */
export function closeMailTransport(): void {
  cached?.transport.close();
  cached = undefined;
}
