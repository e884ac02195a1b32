import { levelForScore, type Difficulty } from "~/domain/difficulty";
import { quotaMonth, tierInForce, type PaymentProblem, type Tier } from "~/domain/entitlements";
import type { Db, Queryable } from "~/utils/db.server";
import { oncePerRequest } from "~/utils/request-scope.server";
import { studentContextRow, studentWorkSummaryRow } from "./queries.server";

/** What decides what a student may start and what the shell shows. */
export interface StudentContext {
  /** The plan in force now: the subscription's and the admins' grants combined (a lapsed subscription is FREE). */
  tier: Tier;
  /** A failed payment whose plan still holds (the shell's banner), or null. */
  paymentProblem: PaymentProblem | null;
  profilerScore: number | null;
  level: Difficulty | null;
  onboarded: boolean;
  /** Mission starts this calendar month (UTC), against the plan's quota. */
  startsThisMonth: number;
  enrolledTrackIds: string[];
  /** Unread notifications, for the shell's bell. */
  unread: number;
  /** The revision of the published catalogue now (app/features/missions/catalogue.server.ts). */
  catalogueRevision: string | null;
}

/**
 * Builds the student's context (plan in force, payment problem, quota, tracks, unread count, catalogue revision) from one
 * statement. Pages read it through `studentContextForRequest`, once per HTTP request however
 * many loaders need it; a transaction that must see its own writes calls this with `tx`.
 */
export async function loadStudentContext(db: Queryable, userId: string, now = new Date()): Promise<StudentContext> {
  const [row] = await studentContextRow(db, userId, quotaMonth(now), now);
  if (!row)
    return { tier: "FREE", paymentProblem: null, profilerScore: null, level: null, onboarded: false, startsThisMonth: 0, enrolledTrackIds: [], unread: 0, catalogueRevision: null };
  const subscription = row.tier ? { tier: row.tier, status: row.status ?? "none", currentPeriodEnd: row.currentPeriodEnd, pastDueSince: row.pastDueSince } : null;
  const plan = tierInForce({ subscription, grants: row.grants }, now);
  return {
    tier: plan.tier,
    paymentProblem: plan.paymentProblem,
    profilerScore: row.profilerScore,
    level: row.profilerScore === null ? null : levelForScore(row.profilerScore),
    onboarded: row.onboardedAt !== null || row.profilerScore !== null,
    startsThisMonth: row.starts,
    enrolledTrackIds: row.tracks,
    unread: row.unread,
    catalogueRevision: row.catalogueRevision,
  };
}

/** The request's student context, built once per HTTP request (shell and page share it). */
export function studentContextForRequest(db: Db, userId: string, now = new Date()): Promise<StudentContext> {
  return oncePerRequest(`student-context:${userId}:${quotaMonth(now)}`, () => loadStudentContext(db, userId, now));
}

/** A student's work summary on their missions: progress, weakest skills, lowest-scored criteria (`studentWorkSummaryRow`). */
export type StudentWorkSummary = Awaited<ReturnType<typeof studentWorkSummaryRow>>[number];

/**
 * The request's student work summary, read once per HTTP request: the dashboard's cards (progress)
 * and its recommendations (weakest skills, low criteria) share the one statement.
 */
export function studentWorkSummaryForRequest(db: Db, userId: string): Promise<StudentWorkSummary> {
  return oncePerRequest(`student-work-summary:${userId}`, async () => {
    const [row] = await studentWorkSummaryRow(db, userId);
    return row ?? { progress: [], weakest: [], lowCriteria: [] };
  });
}
