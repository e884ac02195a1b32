import { developmentOutbox, mailTransport } from "~/adapters/mail/mail.server";
import { assertRole } from "~/features/accounts/auth.server";
import type { PublicUser } from "~/features/accounts/service.server";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { idSchema, parseOrThrow } from "~/utils/validation";
import { contentFromText, renderHtml } from "./email-content";
import { failingEmails } from "./queries.server";
import { queueEmailDelivery } from "./service.server";

/** A link's single-use token (password resets), shown as hidden; in the HTML part it ends at the attribute's quote. */
const SECRET_IN_LINK = /([?&]token=)[^\s&"'<>]+/g;

export function hideLinkSecrets(text: string): string {
  return text.replace(SECRET_IN_LINK, "$1(hidden)");
}

/**
 * The newest e-mails, both parts. Where a mail server delivers them, the links' secrets are
 * hidden: a reset link is for its recipient, not for whoever can read the outbox. Without one,
 * the outbox is how e-mail is read at all (development), and shows them whole.
 */
export async function listOutbox(db: Db, options: { limit?: number } = {}) {
  const transport = mailTransport().name;
  const rows = await db.emailOutbox.findMany({
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 100,
    select: { id: true, to: true, subject: true, text: true, html: true, status: true, transport: true, attempts: true, error: true, createdAt: true, sentAt: true },
  });
  // Rows from before e-mails had an HTML part are sent with one built from their text: show that one.
  const emails = rows.map((email) => ({ ...email, state: outboxState(email), html: email.html ?? renderHtml(email.subject, contentFromText(email.text)) }));
  const shown = transport === developmentOutbox.name ? emails : emails.map((email) => ({ ...email, text: hideLinkSecrets(email.text), html: hideLinkSecrets(email.html) }));
  return { emails: shown, transport };
}

/** Where an e-mail stands, in an admin's words: a row the development outbox kept was never sent anywhere. */
export function outboxState(email: { status: "PENDING" | "SENT" | "FAILED"; transport: string | null }): string {
  if (email.status === "SENT") return email.transport === developmentOutbox.name ? "Kept here (no mail server)" : "Sent";
  if (email.status === "FAILED") return "Failed";
  return "Waiting to be sent";
}

/** E-mails whose delivery failed or is being retried, for admins: recipient, error, attempts, next try. */
export async function listFailingEmails(db: Db, options: { limit?: number } = {}) {
  return await failingEmails(db, Math.min(options.limit ?? 100, 500));
}

/**
 * Sends a failed e-mail again now: its row waits again and its job starts over with a fresh set
 * of tries (the job key replaces a job still waiting for its next try, rather than adding one).
 */
export async function retryEmail(db: Db, admin: PublicUser, rawEmailId: unknown): Promise<{ emailId: string }> {
  assertRole(admin, "ADMIN");
  const emailId = parseOrThrow(idSchema, rawEmailId);
  return await db.$transaction(async (tx) => {
    const email = await tx.emailOutbox.findUnique({ where: { id: emailId }, select: { status: true, error: true } });
    if (!email) throw AppError.notFound("This e-mail");
    if (email.status === "SENT") throw new AppError("INVALID_STATE", "This e-mail has been delivered already; there is nothing to send again.", { status: email.status });
    if (email.status === "PENDING" && email.error === null) {
      throw new AppError("INVALID_STATE", "This e-mail is already waiting to be sent; it has not failed.", { status: email.status });
    }
    await tx.emailOutbox.update({ where: { id: emailId }, data: { status: "PENDING", error: null } });
    await queueEmailDelivery(tx, emailId);
    return { emailId };
  });
}
