import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadStudentContext } from "~/features/dashboard/student-context.server";
import { startMission } from "~/features/missions/service.server";
import { appErrorFrom } from "~/testing/errors";
import { createUser } from "~/testing/factories";
import { createMission } from "~/testing/missions";
import { getDb } from "~/utils/db.server";
import { billingOverview, grantTier, revokeGrant } from "./admin.server";
import { getTier } from "./service.server";

const DAY = 24 * 60 * 60 * 1000;
const now = new Date("2026-11-25T12:00:00Z");
const day = (offsetDays: number) => new Date(now.getTime() + offsetDays * DAY).toISOString().slice(0, 10);

describe("granting a plan by hand", () => {
  it("is for admins only", async () => {
    const student = await createUser();
    for (const role of ["STUDENT", "MENTOR"] as const) {
      const actor = await createUser({ role });
      await appErrorFrom(grantTier(getDb(), actor, { email: student.email, tier: "PREMIUM", reason: "Scholarship" }, now), "FORBIDDEN");
      await appErrorFrom(billingOverview(getDb(), actor, {}, now), "FORBIDDEN");
      await appErrorFrom(revokeGrant(getDb(), actor, { grantId: "whatever" }, now), "FORBIDDEN");
    }
    expect(await getDb().tierGrant.count({ where: { userId: student.id } })).toBe(0);
  });

  it("needs a reason, a student's e-mail address and a last day after today", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const student = await createUser();
    const mentor = await createUser({ role: "MENTOR" });
    const fieldErrors = async (input: Record<string, unknown>) =>
      (
        (await appErrorFrom(grantTier(getDb(), admin, { email: student.email, tier: "PREMIUM", reason: "Scholarship", ...input }, now), "VALIDATION_FAILED")).details as {
          fieldErrors: Record<string, string[]>;
        }
      ).fieldErrors;
    expect(Object.keys(await fieldErrors({ reason: "   " }))).toEqual(["reason"]);
    expect(Object.keys(await fieldErrors({ reason: undefined }))).toEqual(["reason"]);
    expect(Object.keys(await fieldErrors({ endsOn: day(0) }))).toEqual(["endsOn"]);
    expect(Object.keys(await fieldErrors({ endsOn: day(-3) }))).toEqual(["endsOn"]);
    expect(Object.keys(await fieldErrors({ endsOn: "2027-02-30" }))).toEqual(["endsOn"]);
    expect(Object.keys(await fieldErrors({ tier: "FREE" }))).toEqual(["tier"]);
    expect(Object.keys(await fieldErrors({ email: `nobody-${crypto.randomUUID()}@example.test` }))).toEqual(["email"]);
    expect(Object.keys(await fieldErrors({ email: mentor.email }))).toEqual(["email"]);
    expect(await getDb().tierGrant.count({ where: { userId: student.id } })).toBe(0);

    const granted = await grantTier(getDb(), admin, { email: ` ${student.email.toUpperCase()} `, tier: "STARTER", reason: "  Partner school  ", endsOn: day(1) }, now);
    expect(granted).toMatchObject({ user: { id: student.id }, tier: "STARTER", reason: "Partner school", startsAt: now.toISOString() });
    // Through the whole last day (UTC).
    expect(granted.endsAt).toBe(`${day(2)}T00:00:00.000Z`);
    expect(await getDb().tierGrant.findUniqueOrThrow({ where: { id: granted.id } })).toMatchObject({ grantedById: admin.id, reason: "Partner school", revokedAt: null });
  });

  it("combines with the Stripe subscription, the higher tier winning, and stops counting when it ends", async () => {
    const db = getDb();
    const admin = await createUser({ role: "ADMIN" });
    const starter = await createUser({ tier: "STARTER" });
    const premium = await createUser({ tier: "PREMIUM" });
    await grantTier(db, admin, { email: starter.email, tier: "PREMIUM", reason: "Scholarship", endsOn: day(10) }, now);
    await grantTier(db, admin, { email: premium.email, tier: "STARTER", reason: "Partner school" }, now);

    expect(await getTier(db, starter.id, now)).toBe("PREMIUM");
    expect((await loadStudentContext(db, starter.id, now)).tier).toBe("PREMIUM");
    // A lower grant takes nothing from a student who pays for more.
    expect(await getTier(db, premium.id, now)).toBe("PREMIUM");
    expect((await loadStudentContext(db, premium.id, now)).tier).toBe("PREMIUM");

    // After its last day the grant no longer counts: back to what the subscription grants.
    const later = new Date(now.getTime() + 12 * DAY);
    expect(await getTier(db, starter.id, later)).toBe("STARTER");
    expect((await loadStudentContext(db, starter.id, later)).tier).toBe("STARTER");
  });

  it("opens what the granted tier opens, on every path that checks the tier", async () => {
    const db = getDb();
    const admin = await createUser({ role: "ADMIN" });
    const student = await createUser();
    const capstone = await createMission({ tierRequired: "PREMIUM", isCapstone: true });
    await appErrorFrom(startMission(db, student, capstone.id), "TIER_REQUIRED");
    await grantTier(db, admin, { email: student.email, tier: "PREMIUM", reason: "Scholarship" });
    expect((await startMission(db, student, capstone.id)).created).toBe(true);
  });
});

describe("revoking a grant", () => {
  it("ends it now, recorded with who did it; the student falls back to their subscription", async () => {
    const db = getDb();
    const admin = await createUser({ role: "ADMIN" });
    const other = await createUser({ role: "ADMIN" });
    const student = await createUser({ tier: "STARTER" });
    const grant = await grantTier(db, admin, { email: student.email, tier: "PREMIUM", reason: "Scholarship" }, now);
    expect(await getTier(db, student.id, now)).toBe("PREMIUM");

    const at = new Date(now.getTime() + DAY);
    expect(await revokeGrant(db, other, { grantId: grant.id }, at)).toEqual({ id: grant.id, revokedAt: at.toISOString() });
    expect(await db.tierGrant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({ revokedAt: at, revokedById: other.id, grantedById: admin.id });
    expect(await getTier(db, student.id, at)).toBe("STARTER");
    expect((await loadStudentContext(db, student.id, at)).tier).toBe("STARTER");

    await appErrorFrom(revokeGrant(db, admin, { grantId: grant.id }, at), "INVALID_STATE");
    await appErrorFrom(revokeGrant(db, admin, { grantId: "no-such-grant" }, at), "NOT_FOUND");
  });
});

describe("the billing overview", () => {
  it("shows each plan in force and where it comes from, the grants with who gave and revoked them, and webhook events with failures first", async () => {
    const db = getDb();
    const admin = await createUser({ role: "ADMIN" });
    const pastDue = await createUser({ tier: "PREMIUM" });
    const pastDueSince = new Date(now.getTime() - 2 * DAY);
    await db.subscription.update({
      where: { userId: pastDue.id },
      data: { status: "past_due", pastDueSince, currentPeriodEnd: new Date(now.getTime() + 20 * DAY), stripeSubscriptionId: `sub_${crypto.randomUUID()}` },
    });
    const scholar = await createUser();
    const kept = await grantTier(db, admin, { email: scholar.email, tier: "PREMIUM", reason: "Scholarship", endsOn: day(30) }, now);
    const revoked = await grantTier(db, admin, { email: scholar.email, tier: "STARTER", reason: "Mistake" }, now);
    await revokeGrant(db, admin, { grantId: revoked.id }, now);

    const suffix = crypto.randomUUID();
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    await db.processedStripeEvent.createMany({
      data: [
        { id: `evt_old_failure_${suffix}`, type: "invoice.paid", processedAt: at(1), outcome: "failed", detail: "The database was unreachable", userId: pastDue.id, attempts: 2 },
        { id: `evt_applied_${suffix}`, type: "invoice.payment_failed", processedAt: at(5), outcome: "applied", detail: "past_due since …", userId: pastDue.id },
        { id: `evt_ignored_${suffix}`, type: "customer.subscription.updated", processedAt: at(6), outcome: "ignored", detail: "Older than the state applied" },
      ],
    });

    const overview = await billingOverview(db, admin, {}, now);
    expect(overview.plans.find((plan) => plan.user.id === pastDue.id)).toMatchObject({
      tierInForce: "PREMIUM",
      source: "subscription",
      subscription: { status: "past_due", pastDueSince: pastDueSince.toISOString(), graceEndsAt: expect.any(String), cancelAtPeriodEnd: false },
      grant: null,
    });
    // A student with only a grant is listed too.
    expect(overview.plans.find((plan) => plan.user.id === scholar.id)).toMatchObject({ tierInForce: "PREMIUM", source: "grant", subscription: null, grant: { tier: "PREMIUM" } });
    const grantRows = overview.grants.filter((grant) => grant.user.id === scholar.id);
    expect(grantRows.find((grant) => grant.id === kept.id)).toMatchObject({ status: "in force", grantedBy: admin.name, reason: "Scholarship", revokedBy: null });
    expect(grantRows.find((grant) => grant.id === revoked.id)).toMatchObject({ status: "revoked", revokedBy: admin.name });

    const mine = overview.events.filter((event) => event.id.endsWith(suffix));
    expect(mine.map((event) => event.outcome)).toEqual(["failed", "ignored", "applied"]);
    expect(mine[0]).toMatchObject({ detail: "The database was unreachable", attempts: 2, user: { email: pastDue.email } });
    const firstOther = overview.events.findIndex((event) => event.outcome !== "failed");
    expect(overview.events.slice(firstOther).some((event) => event.outcome === "failed")).toBe(false);
    expect(overview.eventCounts.failed).toBeGreaterThanOrEqual(1);

    const failedOnly = await billingOverview(db, admin, { events: "failed" }, now);
    expect(failedOnly.events.every((event) => event.outcome === "failed")).toBe(true);
    expect(failedOnly.filters.events).toBe("failed");
    await appErrorFrom(billingOverview(db, admin, { events: "lost" }, now), "VALIDATION_FAILED");
  });
});
