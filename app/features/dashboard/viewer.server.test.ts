import { describe, expect, it } from "vitest";
import { PAST_DUE_GRACE_DAYS, pastDueGraceEndsAt } from "~/domain/entitlements";
import { createUser } from "~/testing/factories";
import { getDb } from "~/utils/db.server";
import { getViewer } from "./viewer.server";

const DAY = 24 * 60 * 60 * 1000;

describe("the shell's viewer", () => {
  it("tells a student whose payment failed until when the plan holds", async () => {
    const student = await createUser({ tier: "PREMIUM" });
    const pastDueSince = new Date(Date.now() - 2 * DAY);
    await getDb().subscription.update({ where: { userId: student.id }, data: { status: "past_due", pastDueSince } });
    expect(await getViewer(getDb(), student)).toMatchObject({
      tier: "PREMIUM",
      paymentProblem: { tier: "PREMIUM", planHoldsUntil: pastDueGraceEndsAt(pastDueSince).toISOString() },
    });
  });

  it("says nothing once the grace period is over, and the plan is Free", async () => {
    const student = await createUser({ tier: "STARTER" });
    await getDb().subscription.update({ where: { userId: student.id }, data: { status: "past_due", pastDueSince: new Date(Date.now() - (PAST_DUE_GRACE_DAYS + 1) * DAY) } });
    expect(await getViewer(getDb(), student)).toMatchObject({ tier: "FREE", paymentProblem: null });
  });

  it("says nothing to a student who pays, nor to mentors and admins", async () => {
    expect(await getViewer(getDb(), await createUser({ tier: "PREMIUM" }))).toMatchObject({ tier: "PREMIUM", paymentProblem: null });
    const admin = await createUser({ role: "ADMIN" });
    expect(await getViewer(getDb(), admin)).toMatchObject({ tier: null, paymentProblem: null });
  });

  it("counts the unread notifications of students, mentors and admins alike", async () => {
    for (const role of ["STUDENT", "MENTOR", "ADMIN"] as const) {
      const user = await createUser({ role });
      expect(await getViewer(getDb(), user), role).toMatchObject({ role, unread: 0 });
      await getDb().notification.createMany({
        data: [1, 2, 3].map((n) => ({ userId: user.id, kind: "test", title: `Notice ${n}`, body: "", readAt: n === 3 ? new Date() : null })),
      });
      expect(await getViewer(getDb(), user), role).toMatchObject({ role, unread: 2 });
    }
  });
});
