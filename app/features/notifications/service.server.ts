import { randomUUID } from "node:crypto";
import type { Db, Prisma } from "~/utils/db.server";
import { appUrl } from "~/utils/env.server";
import { developmentOutbox, mailTransport } from "~/adapters/mail/mail.server";
import { enqueueJob } from "#jobs/enqueue.server";
import { contentFromText, renderEmail, renderHtml, type EmailParts } from "./email-content";
import { EMAIL_KINDS, EMAIL_SETTINGS_PATH, emailKindsFor, isEmailKind, type EmailKind } from "./email-kinds";
import { insertEmail, insertNotification, notificationsPage } from "./queries.server";
import { updateEmailSettingsInput } from "./schemas";
import type { Role } from "~/domain/roles";
import { AppError } from "~/utils/errors";
import { parseOrThrow } from "~/utils/validation";

type Tx = Prisma.TransactionClient;

export interface NotificationInput {
  userId: string;
  kind: string;
  title: string;
  body: string;
  link?: string;
  /** The same key twice writes one notification: jobs may run more than once. */
  dedupeKey?: string;
}

/** Writes an in-app notification; with `email`, also an outbox row and its delivery job, atomically. */
export async function createNotification(db: Db, input: NotificationInput & { email?: boolean }): Promise<{ created: boolean }> {
  return await db.$transaction((tx) => createNotificationIn(tx, input));
}

/**
 * `createNotification` inside the caller's transaction: the notice exists if and only if the
 * change that caused it commits. `emailTo`: the recipient's address, when the caller has it (an
 * e-mail is sent to it), saving the lookup. The in-app notice is always written; the e-mail only
 * if the recipient has not switched its kind off (EMAIL_KINDS). The notice, the recipient's
 * choice and (without `emailTo`) their address take one statement.
 */
export async function createNotificationIn(tx: Tx, input: NotificationInput & { email?: boolean; emailTo?: string }): Promise<{ created: boolean }> {
  const wantsEmail = input.email === true || input.emailTo !== undefined;
  const [row] = await insertNotification(tx, {
    id: randomUUID(),
    userId: input.userId,
    kind: input.kind,
    title: input.title,
    body: input.body,
    link: input.link ?? null,
    dedupeKey: input.dedupeKey ?? null,
    createdAt: new Date(),
    checkPreference: wantsEmail && isEmailKind(input.kind),
    readAddress: wantsEmail && input.emailTo === undefined,
  });
  if (!row || row.created === 0) return { created: false };
  const to = input.emailTo ?? row.address;
  if (wantsEmail && row.emailOn && to) {
    await queueEmail(tx, { userId: input.userId, to, subject: input.title, ...notificationEmail(input), dedupeKey: input.dedupeKey });
  }
  return { created: true };
}

/**
 * A notice as an e-mail: its text, its page as a full address (an e-mail has no site to be
 * relative to) and the way to the person's e-mail settings.
 */
export function notificationEmail(input: Pick<NotificationInput, "kind" | "title" | "body" | "link">): EmailParts {
  const settings = `${appUrl()}${EMAIL_SETTINGS_PATH}`;
  return renderEmail(input.title, {
    paragraphs: [input.body],
    action: input.link ? { label: "Open MXP", url: input.link.startsWith("/") ? new URL(input.link, appUrl()).toString() : input.link } : undefined,
    settings: isEmailKind(input.kind)
      ? { url: settings, reason: `You get this e-mail because “${EMAIL_KINDS[input.kind].label}” e-mails are on in your MXP settings.` }
      : { url: settings },
  });
}

/**
 * Queues one e-mail in the caller's transaction: its outbox row and the job that sends it, with
 * retries. `html`: its HTML part, when the caller built one from the same content as `text`;
 * otherwise it is built from the text.
 */
export async function queueEmail(tx: Tx, email: { userId?: string; to: string; subject: string; text: string; html?: string; dedupeKey?: string }): Promise<void> {
  const html = email.html ?? renderHtml(email.subject, contentFromText(email.text));
  const id = randomUUID();
  await insertEmail(tx, {
    id,
    userId: email.userId ?? null,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html,
    dedupeKey: email.dedupeKey ? `email:${email.dedupeKey}` : null,
    createdAt: new Date(),
  });
  await queueEmailDelivery(tx, id);
}

/**
 * For an e-mail written by a job, in the worker process that would also send it: the transport
 * that delivers it by its outbox row alone, the development outbox (no SMTP_URL), where the row is
 * what is read. Such a row is written as delivered, with no send job (ADR 040). Null: a mail
 * server carries e-mail, and the row needs its send job. Web requests always queue the job: a web
 * process's configuration need not be the worker's.
 */
export function deliveredOnWrite(): string | null {
  const transport = mailTransport();
  return transport === developmentOutbox ? transport.name : null;
}

/** Queues the send job of an outbox row, in the transaction that wrote it; keyed by the row, as the admins' retry expects. */
export async function queueEmailDelivery(tx: Tx, emailId: string): Promise<void> {
  await enqueueJob(tx, "send-email", { emailId }, { jobKey: `send-email:${emailId}` });
}

/** The user's latest notifications, newest first, and how many are unread. */
export async function listNotifications(db: Db, userId: string, options: { limit?: number } = {}) {
  const [page] = await notificationsPage(db, userId, Math.min(options.limit ?? 20, 100));
  if (!page) throw new Error("The notifications statement returned no row.");
  return page;
}

/** Marks the given notifications (or all) read; only the owner's rows are touched. */
export async function markNotificationsRead(db: Db, userId: string, ids?: string[]): Promise<number> {
  const result = await db.notification.updateMany({
    where: { userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return result.count;
}

/** Which notification e-mails this person gets: every kind their role can receive, on unless they switched it off. */
export async function emailSettings(db: Db, user: { id: string; role: Role }) {
  const kinds = emailKindsFor(user.role);
  const chosen = await db.emailPreference.findMany({ where: { userId: user.id, kind: { in: kinds } }, select: { kind: true, email: true } });
  const choice = new Map(chosen.map((row) => [row.kind, row.email]));
  return { kinds: kinds.map((kind) => ({ kind, label: EMAIL_KINDS[kind].label, description: EMAIL_KINDS[kind].description, email: choice.get(kind) ?? true })) };
}

/** Switches kinds of notification e-mail on or off for this person; a kind their role never receives is refused. */
export async function updateEmailSettings(db: Db, user: { id: string; role: Role }, rawInput: unknown) {
  const { email } = parseOrThrow(updateEmailSettingsInput, rawInput);
  const offered = new Set<string>(emailKindsFor(user.role));
  const changes = Object.entries(email).filter((entry): entry is [EmailKind, boolean] => typeof entry[1] === "boolean");
  const foreign = changes.filter(([kind]) => !offered.has(kind)).map(([kind]) => kind);
  if (foreign.length > 0) {
    const message = `${foreign.map((kind) => `“${EMAIL_KINDS[kind].label}”`).join(", ")} ${foreign.length === 1 ? "is not an e-mail" : "are not e-mails"} your account receives.`;
    throw new AppError("VALIDATION_FAILED", message, { fieldErrors: { email: [message] } });
  }
  await db.$transaction(
    changes.map(([kind, on]) =>
      db.emailPreference.upsert({ where: { userId_kind: { userId: user.id, kind } }, create: { userId: user.id, kind, email: on }, update: { email: on } }),
    ),
  );
  return await emailSettings(db, user);
}
