import type { Db } from "~/utils/db.server";
import { isPermanentRefusal, mailTransport } from "~/adapters/mail/mail.server";
import { contentFromText, renderHtml } from "~/features/notifications/email-content";
import { emailForDelivery, recordEmailAttempt } from "~/features/notifications/queries.server";
import type { ParsedJobPayload } from "../definitions";
import type { JobRun } from "../task-list";

/**
 * Sends one outbox row. Safe to run twice: a row already sent is left alone. A failed try is
 * recorded on the row (error, attempts, when) and rethrown, so graphile-worker tries again with
 * its back-off; after the job's last run the row is FAILED, for an admin to see and send again.
 * A permanent refusal (no such mailbox) fails the row at once: trying again would only repeat it.
 */
export async function sendEmail(db: Db, payload: ParsedJobPayload<"send-email">, run?: JobRun): Promise<void> {
  const [email] = await emailForDelivery(db, payload.emailId);
  if (!email || email.status === "SENT") return;
  const transport = mailTransport();
  const at = new Date();
  try {
    // Rows written before e-mails had an HTML part get one from their text.
    await transport.send({ to: email.to, subject: email.subject, text: email.text, html: email.html ?? renderHtml(email.subject, contentFromText(email.text)) });
  } catch (error) {
    const permanent = isPermanentRefusal(error);
    const final = permanent || (run !== undefined && run.attempt >= run.maxAttempts);
    await recordEmailAttempt(db, { emailId: email.id, status: final ? "FAILED" : "PENDING", error: describeFailure(error), transport: transport.name, at, sentAt: null });
    if (permanent) return;
    throw error;
  }
  await recordEmailAttempt(db, { emailId: email.id, status: "SENT", error: null, transport: transport.name, at, sentAt: new Date() });
}

/** What an admin reads: the mail server's own answer where there is one, at a readable length. */
function describeFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 500 ? `${text.slice(0, 497)}…` : text;
}
