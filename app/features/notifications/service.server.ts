import type { Db, Prisma } from "~/utils/db.server";
import { appUrl } from "~/utils/env.server";
import { enqueueJob } from "#jobs/enqueue.server";
import { notificationsPage } from "./queries.server";

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
 * e-mail is sent to it), saving the lookup.
 */
export async function createNotificationIn(tx: Tx, input: NotificationInput & { email?: boolean; emailTo?: string }): Promise<{ created: boolean }> {
  const inserted = await tx.notification.createMany({
    data: [{ userId: input.userId, kind: input.kind, title: input.title, body: input.body, link: input.link, dedupeKey: input.dedupeKey }],
    skipDuplicates: true,
  });
  if (inserted.count === 0) return { created: false };
  const to = input.emailTo ?? (input.email ? (await tx.user.findUnique({ where: { id: input.userId }, select: { email: true } }))?.email : undefined);
  if (to) await queueEmail(tx, { userId: input.userId, to, subject: input.title, text: emailText(input), dedupeKey: input.dedupeKey });
  return { created: true };
}

/** The e-mail's text: the notice, and its page as a full address (an e-mail has no site to be relative to). */
function emailText(input: NotificationInput): string {
  if (!input.link) return `${input.body}\n`;
  const link = input.link.startsWith("/") ? new URL(input.link, appUrl()).toString() : input.link;
  return `${input.body}\n\nOpen MXP: ${link}\n`;
}

export async function queueEmail(tx: Tx, email: { userId?: string; to: string; subject: string; text: string; dedupeKey?: string }): Promise<void> {
  const row = await tx.emailOutbox.create({
    data: { userId: email.userId, to: email.to, subject: email.subject, text: email.text, dedupeKey: email.dedupeKey ? `email:${email.dedupeKey}` : undefined },
    select: { id: true },
  });
  await enqueueJob(tx, "send-email", { emailId: row.id }, { jobKey: `send-email:${row.id}` });
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
