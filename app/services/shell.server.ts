import type { Tier } from "~/domain/entitlements";
import type { Db } from "~/utils/db.server";
import { standingForRequest } from "./student-standing.server";
import type { PublicUser } from "./users.server";

/** What the signed-in shell shows on every page (unread count, plan), from the request's standing. */
export async function getShellData(db: Db, user: PublicUser): Promise<{ unread: number; tier: Tier | null }> {
  const standing = await standingForRequest(db, user.id);
  return { unread: standing.unread, tier: user.role === "STUDENT" ? standing.tier : null };
}
