import { mailTransport } from "~/adapters/mail/mail.server";
import type { Db } from "~/utils/db.server";

export async function listOutbox(db: Db, options: { limit?: number } = {}) {
  const emails = await db.emailOutbox.findMany({
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 100,
    select: { id: true, to: true, subject: true, text: true, status: true, createdAt: true, sentAt: true },
  });
  return { emails, transport: mailTransport().name };
}
