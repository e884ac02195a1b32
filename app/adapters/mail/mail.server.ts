import { getEnv } from "~/utils/env.server";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
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

export function mailTransport(): MailTransport {
  const env = getEnv();
  if (env.SMTP_URL) {
    // The SMTP adapter arrives with the notifications issue; until then refuse loudly instead of
    // pretending mail went out.
    return {
      name: "smtp",
      async send() {
        throw new Error("SMTP delivery is not available in this release; unset SMTP_URL to use the development outbox");
      },
    };
  }
  return developmentOutbox;
}
