import type { Role } from "~/domain/roles";
import type { Tier } from "~/domain/entitlements";
import type { Db } from "~/utils/db.server";
import { unreadNotificationCount } from "~/features/notifications/queries.server";
import { studentContextForRequest } from "./student-context.server";
import type { PublicUser } from "~/features/accounts/service.server";

export interface Viewer {
  name: string;
  role: Role;
  /** Unread notifications, for the bell. */
  unread: number;
  /** A student's plan; null for mentors and admins. */
  tier: Tier | null;
  /** A student's failed payment while the plan still holds (the shell's banner); null otherwise. */
  paymentProblem: { tier: Tier; planHoldsUntil: string } | null;
}

/**
 * What the signed-in shell shows on every page, in one statement: a student's from the request's
 * student context (which the page's own loader shares), a mentor's or an admin's from their
 * unread count alone (they have no plan, quota or tracks to read).
 */
export async function getViewer(db: Db, user: PublicUser): Promise<Viewer> {
  if (user.role !== "STUDENT") {
    const [row] = await unreadNotificationCount(db, user.id);
    return { name: user.name, role: user.role, unread: row?.unread ?? 0, tier: null, paymentProblem: null };
  }
  const context = await studentContextForRequest(db, user.id);
  const problem = context.paymentProblem;
  return {
    name: user.name,
    role: user.role,
    unread: context.unread,
    tier: context.tier,
    paymentProblem: problem ? { tier: problem.tier, planHoldsUntil: problem.planHoldsUntil.toISOString() } : null,
  };
}
