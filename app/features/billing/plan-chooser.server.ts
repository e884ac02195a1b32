import { getOptionalUser } from "~/features/accounts/auth.server";
import type { Db } from "~/utils/db.server";
import type { PlanChooser } from "./components/plan-cards";
import { getBillingOverview, isSubscribed } from "./overview.server";

/** Who is choosing a plan, for the plan cards (landing and pricing pages): a visitor, a student with their plan, or another role. */
export async function planChooser(db: Db, request: Request): Promise<PlanChooser> {
  const user = await getOptionalUser(request);
  if (!user) return { signedIn: false, student: null };
  if (user.role !== "STUDENT") return { signedIn: true, student: null };
  const overview = await getBillingOverview(db, user);
  return { signedIn: true, student: { tier: overview.tier, subscribed: isSubscribed(overview) } };
}
