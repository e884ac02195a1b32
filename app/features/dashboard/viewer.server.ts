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
}

/** What the signed-in shell shows on every page, from the request's student context (one statement). */
export async function getViewer(db: Db, user: PublicUser): Promise<Viewer> {
  const context = await studentContextForRequest(db, user.id);
  return { name: user.name, role: user.role, unread: context.unread, tier: user.role === "STUDENT" ? context.tier : null };
}
