import { developmentOutbox, mailTransport } from "~/adapters/mail/mail.server";
import type { Db } from "~/utils/db.server";

/** A link's single-use token (password resets), shown as hidden. */
const SECRET_IN_LINK = /([?&]token=)[^\s&]+/g;

export function hideLinkSecrets(text: string): string {
  return text.replace(SECRET_IN_LINK, "$1(hidden)");
}

/**
 * The newest e-mails. Where a mail server delivers them, the links' secrets are hidden: a reset
 * link is for its recipient, not for whoever can read the outbox. Without one, the outbox is how
 * e-mail is read at all (development), and shows them whole.
 */
export async function listOutbox(db: Db, options: { limit?: number } = {}) {
  const transport = mailTransport().name;
  const emails = await db.emailOutbox.findMany({
    orderBy: { createdAt: "desc" },
    take: options.limit ?? 100,
    select: { id: true, to: true, subject: true, text: true, status: true, createdAt: true, sentAt: true },
  });
  const shown = transport === developmentOutbox.name ? emails : emails.map((email) => ({ ...email, text: hideLinkSecrets(email.text) }));
  return { emails: shown, transport };
}
