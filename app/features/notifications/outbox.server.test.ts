import { afterEach, describe, expect, it } from "vitest";
import { requestPasswordReset } from "~/features/accounts/password-reset.server";
import { createUser } from "~/testing/factories";
import { runQueuedJobs } from "~/testing/jobs";
import { getDb } from "~/utils/db.server";
import { hideLinkSecrets, listOutbox, outboxState } from "./outbox.server";

const savedSmtp = process.env.SMTP_URL;
afterEach(() => {
  if (savedSmtp === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedSmtp;
});

describe("the e-mail outbox", () => {
  it("hides a reset link's token where a mail server delivers the e-mail, and shows it whole in development", async () => {
    const user = await createUser();
    await requestPasswordReset(getDb(), { email: user.email }, { ipAddress: "10.30.0.1" });
    const mine = (list: Awaited<ReturnType<typeof listOutbox>>) => list.emails.find((email) => email.to === user.email)!.text;

    delete process.env.SMTP_URL;
    expect(mine(await listOutbox(getDb()))).toMatch(/reset-password\?token=[A-Za-z0-9_-]{20,}/);

    process.env.SMTP_URL = "smtp://mail.example.org:587";
    const delivered = mine(await listOutbox(getDb()));
    expect(delivered).toContain("reset-password?token=(hidden)");
    expect(delivered).not.toMatch(/token=[A-Za-z0-9_-]{20,}/);
    // The HTML part carries the link twice (address and text): hidden in both, the markup intact.
    const html = (await listOutbox(getDb())).emails.find((email) => email.to === user.email)!.html;
    expect(html.match(/reset-password\?token=\(hidden\)/g)).toHaveLength(2);
    expect(html).not.toMatch(/token=[A-Za-z0-9_-]{20,}/);
    expect(html).toMatch(/<a href="[^"]+token=\(hidden\)"/);
  });

  it("says where each e-mail stands in an admin's words: kept here without a mail server, sent, waiting or failed", async () => {
    const user = await createUser();
    delete process.env.SMTP_URL;
    await requestPasswordReset(getDb(), { email: user.email }, { ipAddress: "10.30.0.2" });
    const mine = async () => (await listOutbox(getDb())).emails.find((email) => email.to === user.email)!;
    expect(await mine()).toMatchObject({ status: "PENDING", state: "Waiting to be sent" });
    await runQueuedJobs();
    expect(await mine()).toMatchObject({ status: "SENT", transport: "development-outbox", state: "Kept here (no mail server)" });
    expect(outboxState({ status: "SENT", transport: "smtp" })).toBe("Sent");
    expect(outboxState({ status: "PENDING", transport: null })).toBe("Waiting to be sent");
    expect(outboxState({ status: "FAILED", transport: "smtp" })).toBe("Failed");
  });

  it("hides every token in a text and leaves the rest", () => {
    expect(hideLinkSecrets("Open https://x.example/reset-password?token=abc_DEF-123 now.\nOr ?a=1&token=zz")).toBe(
      "Open https://x.example/reset-password?token=(hidden) now.\nOr ?a=1&token=(hidden)",
    );
  });
});
