import type { Role } from "~/domain/roles";
import type { Tier } from "~/domain/entitlements";
import type { Db } from "~/utils/db.server";
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

/** What the signed-in shell shows on every page, from the request's student context (one statement). */
export async function getViewer(db: Db, user: PublicUser): Promise<Viewer> {
  const context = await studentContextForRequest(db, user.id);
  const student = user.role === "STUDENT";
  const problem = student ? context.paymentProblem : null;
  return {
    name: user.name,
    role: user.role,
    unread: context.unread,
    tier: student ? context.tier : null,
    paymentProblem: problem ? { tier: problem.tier, planHoldsUntil: problem.planHoldsUntil.toISOString() } : null,
  };
}
