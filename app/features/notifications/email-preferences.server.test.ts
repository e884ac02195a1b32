import { describe, expect, it } from "vitest";
import { requestPasswordReset } from "~/features/accounts/password-reset.server";
import { createCaller } from "~/trpc/root.server";
import { createContext } from "~/trpc/init.server";
import { cookieHeader, createSignedInUser, createUser } from "~/testing/factories";
import { queuedJobs } from "~/testing/jobs";
import { getDb } from "~/utils/db.server";
import { EMAIL_KINDS, EMAIL_SETTINGS_PATH, emailKindsFor } from "./email-kinds";
import { createNotification, createNotificationIn, emailSettings, updateEmailSettings } from "./service.server";

const reviewReady = (userId: string, key: string) => ({
  userId,
  kind: "review-ready",
  title: "Your review is ready",
  body: "Attempt 1 of “Log triage” was scored 80/100. It passed: the mission is approved.",
  link: "/dashboard/student/missions/log-triage#review",
  dedupeKey: `test-review-ready:${key}`,
});

async function sendJobsFor(emailIds: string[]) {
  return (await queuedJobs("send-email")).filter((job) => emailIds.includes((job.payload as { emailId: string }).emailId));
}

describe("notification e-mail and the recipient's settings", () => {
  it("e-mails a notice with a plain-text and an HTML part, both linking to the page and to the e-mail settings", async () => {
    const student = await createUser({ name: "Ada <Admin>" });
    await createNotification(getDb(), { ...reviewReady(student.id, student.id), email: true });
    const email = await getDb().emailOutbox.findFirstOrThrow({ where: { userId: student.id } });
    expect(email).toMatchObject({ to: student.email, subject: "Your review is ready", status: "PENDING" });
    expect(email.text).toContain("was scored 80/100. It passed");
    expect(email.text).toMatch(/Open MXP: http:\/\/\S+\/dashboard\/student\/missions\/log-triage#review\n/);
    expect(email.text).toContain(`“Review ready” e-mails are on`);
    expect(email.text).toMatch(new RegExp(`Choose which e-mails MXP sends you: http://\\S+${EMAIL_SETTINGS_PATH}\\n`));
    expect(email.html).toContain('<html lang="en">');
    expect(email.html).toContain("<title>Your review is ready</title>");
    expect(email.html).toContain("Attempt 1 of “Log triage” was scored 80/100.");
    expect(email.html).toMatch(/<a href="http:\/\/\S+\/dashboard\/student\/missions\/log-triage#review"[^>]*>Open MXP<\/a>/);
    expect(email.html).toMatch(new RegExp(`<a href="http://\\S+${EMAIL_SETTINGS_PATH}"[^>]*>Choose which e-mails MXP sends you</a>`));
    expect(await sendJobsFor([email.id])).toHaveLength(1);
  });

  it("writes the notice but no e-mail for a kind the recipient switched off, and e-mails again once it is on", async () => {
    const db = getDb();
    const student = await createUser();
    await updateEmailSettings(db, student, { email: { "review-ready": false } });

    // Both ways a caller asks for the e-mail: with the address it has, or letting the notice read it.
    await db.$transaction((tx) => createNotificationIn(tx, { ...reviewReady(student.id, `${student.id}:1`), emailTo: student.email }));
    await createNotification(db, { ...reviewReady(student.id, `${student.id}:2`), email: true });
    expect(await db.notification.count({ where: { userId: student.id, kind: "review-ready" } })).toBe(2);
    expect(await db.emailOutbox.count({ where: { userId: student.id } })).toBe(0);

    // Another kind stays on.
    await createNotification(db, { userId: student.id, kind: "mission-approved", title: "Mission approved", body: "Well done.", dedupeKey: `approved:${student.id}`, email: true });
    expect(await db.emailOutbox.findMany({ where: { userId: student.id }, select: { subject: true } })).toEqual([{ subject: "Mission approved" }]);

    await updateEmailSettings(db, student, { email: { "review-ready": true } });
    await db.$transaction((tx) => createNotificationIn(tx, { ...reviewReady(student.id, `${student.id}:3`), emailTo: student.email }));
    expect(await db.emailOutbox.count({ where: { userId: student.id, subject: "Your review is ready" } })).toBe(1);
  });

  it("one person's choice does not touch another's, and a repeated notice e-mails once", async () => {
    const db = getDb();
    const off = await createUser();
    const on = await createUser();
    await updateEmailSettings(db, off, { email: { "review-ready": false } });
    await createNotification(db, { ...reviewReady(on.id, on.id), email: true });
    expect(await createNotification(db, { ...reviewReady(on.id, on.id), email: true })).toEqual({ created: false });
    expect(await db.emailOutbox.count({ where: { userId: on.id } })).toBe(1);
    expect(await db.notification.count({ where: { userId: on.id } })).toBe(1);
  });

  it("always sends account e-mails and e-mails of kinds nobody can switch off, whatever the settings", async () => {
    const db = getDb();
    const student = await createUser();
    await updateEmailSettings(db, student, { email: Object.fromEntries(emailKindsFor("STUDENT").map((kind) => [kind, false])) });
    expect((await emailSettings(db, student)).kinds.every((kind) => !kind.email)).toBe(true);

    await requestPasswordReset(db, { email: student.email }, { ipAddress: "10.40.0.1" });
    await createNotification(db, {
      userId: student.id,
      kind: "welcome",
      title: "Welcome to MXP",
      body: "Your missions are waiting.",
      dedupeKey: `welcome-test:${student.id}`,
      email: true,
    });
    const emails = await db.emailOutbox.findMany({ where: { userId: student.id }, orderBy: { createdAt: "asc" } });
    expect(emails.map((email) => email.subject)).toEqual(["Choose a new MXP password", "Welcome to MXP"]);
    // An account e-mail written as text gets its HTML part from the same text, its link kept.
    expect(emails[0]!.html).toMatch(/<a href="http:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+"/);
    // The welcome links to the settings without claiming it can be switched off.
    expect(emails[1]!.text).not.toContain("are on");
    expect(emails[1]!.text).toContain("Choose which e-mails MXP sends you:");
  });

  it("offers each role the kinds it can receive, on by default, and refuses a kind the role never receives", async () => {
    const db = getDb();
    const student = await createUser();
    const mentor = await createUser({ role: "MENTOR" });
    const admin = await createUser({ role: "ADMIN" });
    const offered = async (user: { id: string; role: "STUDENT" | "MENTOR" | "ADMIN" }) => (await emailSettings(db, user)).kinds.map((kind) => kind.kind);
    expect(await offered(student)).toEqual(["review-ready", "mentor-review-done", "mission-approved", "payment-problem"]);
    expect(await offered(mentor)).toEqual(["mentor-review-requested"]);
    expect(await offered(admin)).toEqual(["mentor-review-requested", "review-failed"]);
    expect((await emailSettings(db, student)).kinds[0]).toEqual({ kind: "review-ready", ...pick(EMAIL_KINDS["review-ready"]), email: true });

    await expect(updateEmailSettings(db, student, { email: { "review-failed": false } })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: expect.stringContaining("Review failed") as string,
    });
    await expect(updateEmailSettings(db, student, { email: { "no-such-kind": false } })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await db.emailPreference.count({ where: { userId: student.id } })).toBe(0);

    const after = await updateEmailSettings(db, admin, { email: { "review-failed": false } });
    expect(after.kinds.map((kind) => [kind.kind, kind.email])).toEqual([
      ["mentor-review-requested", true],
      ["review-failed", false],
    ]);
    await createNotification(db, { userId: admin.id, kind: "review-failed", title: "A review needs attention", body: "It failed.", dedupeKey: `failed:${admin.id}`, email: true });
    expect(await db.notification.count({ where: { userId: admin.id } })).toBe(1);
    expect(await db.emailOutbox.count({ where: { userId: admin.id } })).toBe(0);
  });
});

describe("the e-mail settings procedures", () => {
  it("read and change the caller's own settings, and refuse unknown kinds or values", async () => {
    const { user, token } = await createSignedInUser();
    const other = await createUser();
    const caller = createCaller(await createContext({ request: new Request("http://mxp.test/api/trpc", { headers: { Cookie: cookieHeader(token) } }) }));
    expect((await caller.notifications.emailSettings()).kinds.every((kind) => kind.email)).toBe(true);
    const changed = await caller.notifications.updateEmailSettings({ email: { "payment-problem": false } });
    expect(changed.kinds.find((kind) => kind.kind === "payment-problem")).toMatchObject({ email: false, label: "Payment problems" });
    expect(changed.kinds.filter((kind) => !kind.email)).toHaveLength(1);
    expect((await emailSettings(getDb(), other)).kinds.every((kind) => kind.email)).toBe(true);

    await expect(caller.notifications.updateEmailSettings({ email: { "no-such-kind": false } } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.notifications.updateEmailSettings({ email: { "review-ready": "no" } } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.notifications.updateEmailSettings({ email: { "review-failed": false } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const anonymous = createCaller(await createContext({ request: new Request("http://mxp.test/api/trpc") }));
    await expect(anonymous.notifications.emailSettings()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await getDb().emailPreference.findMany({ where: { userId: user.id }, select: { kind: true, email: true } })).toEqual([{ kind: "payment-problem", email: false }]);
  });
});

function pick(definition: { label: string; description: string }) {
  return { label: definition.label, description: definition.description };
}
