import { pastDueGraceEndsAt, tierInForce } from "~/domain/entitlements";
import type { PublicUser } from "~/features/accounts/service.server";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { parseOrThrow } from "~/utils/validation";
import { recordAudit } from "~/features/academy/audit.server";
import type { GrantStatus, WebhookOutcome } from "./admin-choices";
import { billingOverviewFilters, grantTierInput, revokeGrantInput } from "./admin-schemas";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back ended and revoked grants stay on the page, beside those in force. */
const ENDED_GRANTS_SHOWN_DAYS = 90;
const ROWS = 200;
const EVENTS = 50;

function assertAdmin(actor: Pick<PublicUser, "role">): void {
  if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only administrators can see and change billing.");
}

function grantStatus(grant: { startsAt: Date; endsAt: Date | null; revokedAt: Date | null }, now: Date): GrantStatus {
  if (grant.revokedAt && grant.revokedAt <= now) return "revoked";
  if (grant.endsAt && grant.endsAt <= now) return "ended";
  return grant.startsAt > now ? "upcoming" : "in force";
}

/**
 * Admins: every student with a subscription or a grant and the tier in force for them, the grants
 * (in force, upcoming, and those ended or revoked lately) with who gave and revoked them, and the
 * latest processed Stripe webhook events, failures first (or only one outcome with `?events=`).
 */
export async function billingOverview(db: Db, admin: PublicUser, rawFilters: unknown = {}, now = new Date()) {
  assertAdmin(admin);
  const filters = parseOrThrow(billingOverviewFilters, rawFilters ?? {});
  const userSelect = { select: { id: true, name: true, email: true } } as const;
  const [subscriptions, grants, eventCounts, events, failedEvents] = await Promise.all([
    db.subscription.findMany({ orderBy: { updatedAt: "desc" }, take: ROWS, include: { user: userSelect } }),
    db.tierGrant.findMany({
      where: { OR: [{ revokedAt: null, OR: [{ endsAt: null }, { endsAt: { gt: now } }] }, { createdAt: { gt: new Date(now.getTime() - ENDED_GRANTS_SHOWN_DAYS * DAY_MS) } }] },
      orderBy: { createdAt: "desc" },
      take: ROWS,
      include: { user: userSelect, grantedBy: { select: { name: true } } },
    }),
    db.processedStripeEvent.groupBy({ by: ["outcome"], _count: { _all: true } }),
    db.processedStripeEvent.findMany({ where: filters.events ? { outcome: filters.events } : {}, orderBy: { processedAt: "desc" }, take: EVENTS }),
    filters.events ? Promise.resolve([]) : db.processedStripeEvent.findMany({ where: { outcome: "failed" }, orderBy: { processedAt: "desc" }, take: EVENTS }),
  ]);

  // Names of the people events and revocations point at (ids, not relations, in those tables).
  const otherIds = [...new Set([...events, ...failedEvents].map((event) => event.userId).concat(grants.map((grant) => grant.revokedById)))].filter(
    (id): id is string => typeof id === "string",
  );
  const people = new Map(
    (otherIds.length ? await db.user.findMany({ where: { id: { in: otherIds } }, select: { id: true, name: true, email: true } }) : []).map((user) => [user.id, user]),
  );

  const grantsByUser = new Map<string, typeof grants>();
  for (const grant of grants) grantsByUser.set(grant.userId, [...(grantsByUser.get(grant.userId) ?? []), grant]);
  const subscribed = new Set(subscriptions.map((subscription) => subscription.userId));

  const plans = [
    ...subscriptions.map((subscription) => ({ user: subscription.user, subscription })),
    ...[...grantsByUser.values()].filter((list) => !subscribed.has(list[0]!.userId)).map((list) => ({ user: list[0]!.user, subscription: null })),
  ]
    .map(({ user, subscription }) => {
      const own = grantsByUser.get(user.id) ?? [];
      const plan = tierInForce({ subscription, grants: own }, now);
      // The grant that gives the granted tier now, if one does.
      const grant = plan.grantedTier === "FREE" ? undefined : own.find((candidate) => candidate.tier === plan.grantedTier && grantStatus(candidate, now) === "in force");
      return {
        user,
        tierInForce: plan.tier,
        source: plan.source,
        subscription: subscription
          ? {
              tier: subscription.tier,
              status: subscription.status,
              currentPeriodEnd: subscription.currentPeriodEnd?.toISOString() ?? null,
              cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
              pastDueSince: subscription.pastDueSince?.toISOString() ?? null,
              graceEndsAt: subscription.status === "past_due" && subscription.pastDueSince ? pastDueGraceEndsAt(subscription.pastDueSince).toISOString() : null,
            }
          : null,
        grant: grant ? { tier: grant.tier, endsAt: grant.endsAt?.toISOString() ?? null } : null,
      };
    })
    .sort((a, b) => a.user.name.localeCompare(b.user.name));

  const failedIds = new Set(failedEvents.map((event) => event.id));
  const shownEvents = filters.events ? events : [...failedEvents, ...events.filter((event) => !failedIds.has(event.id))];
  const counts = Object.fromEntries(eventCounts.map((row) => [row.outcome, row._count._all])) as Partial<Record<WebhookOutcome, number>>;

  return {
    plans,
    grants: grants.map((grant) => {
      const revokedBy = grant.revokedById ? people.get(grant.revokedById) : undefined;
      return {
        id: grant.id,
        user: grant.user,
        tier: grant.tier,
        reason: grant.reason,
        startsAt: grant.startsAt.toISOString(),
        endsAt: grant.endsAt?.toISOString() ?? null,
        grantedBy: grant.grantedBy.name,
        grantedAt: grant.createdAt.toISOString(),
        revokedAt: grant.revokedAt?.toISOString() ?? null,
        revokedBy: revokedBy?.name ?? null,
        status: grantStatus(grant, now),
      };
    }),
    events: shownEvents.map((event) => {
      const user = event.userId ? people.get(event.userId) : undefined;
      return {
        id: event.id,
        type: event.type,
        eventCreatedAt: event.eventCreatedAt?.toISOString() ?? null,
        processedAt: event.processedAt.toISOString(),
        outcome: event.outcome,
        detail: event.detail,
        attempts: event.attempts,
        user: user ? { name: user.name, email: user.email } : null,
        userId: event.userId,
      };
    }),
    eventCounts: { applied: counts.applied ?? 0, ignored: counts.ignored ?? 0, failed: counts.failed ?? 0 },
    filters: { events: filters.events ?? null },
  };
}

export type BillingOverview = Awaited<ReturnType<typeof billingOverview>>;

/**
 * Admins grant a student a tier by hand (a scholarship, a partner school), recorded with who
 * gave it and why. It counts from now through the end of `endsOn` (UTC), or until revoked; the
 * student gets the higher of it and their subscription (app/domain/entitlements.ts, tierInForce).
 */
export async function grantTier(db: Db, admin: PublicUser, rawInput: unknown, now = new Date()) {
  assertAdmin(admin);
  const input = parseOrThrow(grantTierInput, rawInput);
  const endsAt = input.endsOn ? new Date(new Date(`${input.endsOn}T00:00:00Z`).getTime() + DAY_MS) : null;
  // The last day must be after today: a grant ending today or earlier would never be seen.
  if (endsAt && endsAt.getTime() - DAY_MS <= now.getTime()) {
    throw new AppError("VALIDATION_FAILED", "Some fields need attention.", { fieldErrors: { endsOn: ["Choose a day after today, or leave it empty for a grant without an end"] } });
  }
  const student = await db.user.findUnique({ where: { email: input.email }, select: { id: true, name: true, email: true, role: true } });
  if (!student) throw new AppError("VALIDATION_FAILED", "Some fields need attention.", { fieldErrors: { email: ["No account has this e-mail address"] } });
  if (student.role !== "STUDENT")
    throw new AppError("VALIDATION_FAILED", "Some fields need attention.", { fieldErrors: { email: ["Plans are for students; this account is a mentor or an administrator"] } });
  const grant = await db.$transaction(async (tx) => {
    const created = await tx.tierGrant.create({
      data: { userId: student.id, tier: input.tier, reason: input.reason, startsAt: now, endsAt, grantedById: admin.id, createdAt: now },
      select: { id: true, tier: true, reason: true, startsAt: true, endsAt: true },
    });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "tier.grant",
      target: { type: "User", id: student.id, label: student.email },
      before: null,
      after: { grantId: created.id, tier: created.tier, reason: created.reason, endsAt: created.endsAt?.toISOString() ?? null },
    });
    return created;
  });
  return {
    id: grant.id,
    user: { id: student.id, name: student.name, email: student.email },
    tier: grant.tier,
    reason: grant.reason,
    startsAt: grant.startsAt.toISOString(),
    endsAt: grant.endsAt?.toISOString() ?? null,
  };
}

/** Admins end a grant now, recorded with who did it; the student falls back to their subscription's tier. */
export async function revokeGrant(db: Db, admin: PublicUser, rawInput: unknown, now = new Date()) {
  assertAdmin(admin);
  const { grantId } = parseOrThrow(revokeGrantInput, rawInput);
  // Only a grant not yet revoked changes, so two admins revoking at once record one revocation.
  const count = await db.$transaction(async (tx) => {
    const revoked = await tx.tierGrant.updateMany({ where: { id: grantId, revokedAt: null }, data: { revokedAt: now, revokedById: admin.id } });
    if (revoked.count === 0) return 0;
    const grant = await tx.tierGrant.findUniqueOrThrow({ where: { id: grantId }, select: { tier: true, endsAt: true, user: { select: { id: true, email: true } } } });
    await recordAudit(tx, {
      actorId: admin.id,
      action: "tier.revoke",
      target: { type: "User", id: grant.user.id, label: grant.user.email },
      before: { grantId, tier: grant.tier, endsAt: grant.endsAt?.toISOString() ?? null },
      after: { grantId, revokedAt: now.toISOString() },
    });
    return revoked.count;
  });
  if (count === 0) {
    const grant = await db.tierGrant.findUnique({ where: { id: grantId }, select: { id: true } });
    if (!grant) throw AppError.notFound("This grant");
    throw new AppError("INVALID_STATE", "This grant has already been revoked.");
  }
  return { id: grantId, revokedAt: now.toISOString() };
}
