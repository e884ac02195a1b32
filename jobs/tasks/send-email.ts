import type { Db } from "~/utils/db.server";
import { mailTransport } from "~/adapters/mail/mail.server";
import type { ParsedJobPayload } from "../definitions";

/** Sends one outbox row. Safe to run twice: a row already sent is left alone. */
export async function sendEmail(db: Db, payload: ParsedJobPayload<"send-email">): Promise<void> {
  const email = await db.emailOutbox.findUnique({ where: { id: payload.emailId } });
  if (!email || email.status === "SENT") return;
  const transport = mailTransport();
  try {
    await transport.send({ to: email.to, subject: email.subject, text: email.text });
  } catch (error) {
    await db.emailOutbox.update({
      where: { id: email.id },
      data: { attempts: { increment: 1 }, error: (error as Error).message, transport: transport.name },
    });
    throw error; // graphile-worker retries with back-off
  }
  await db.emailOutbox.update({
    where: { id: email.id },
    data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, transport: transport.name, error: null },
  });
}
