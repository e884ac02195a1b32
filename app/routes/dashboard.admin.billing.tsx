import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/features/accounts/auth.server";
import { billingOverview, grantTier, revokeGrant } from "~/features/billing/admin.server";
import { BillingAdminView, type BillingAdminResult } from "~/features/billing/components/billing-admin";
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Billing · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const admin = await requireRole(request, "ADMIN");
    const url = new URL(request.url);
    return json(await billingOverview(getDb(), admin, { events: url.searchParams.get("events") ?? undefined }));
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(
    args,
    async ({ request, form }) => {
      const admin = await requireRole(request, "ADMIN");
      const intent = form.get("intent");
      if (intent === "grant") {
        const granted = await grantTier(getDb(), admin, { email: form.get("email"), tier: form.get("tier"), reason: form.get("reason"), endsOn: form.get("endsOn") ?? undefined });
        return json({ intent: "grant" as const, granted: { email: granted.user.email, tier: granted.tier } });
      }
      if (intent === "revoke") {
        const revoked = await revokeGrant(getDb(), admin, { grantId: form.get("grantId") });
        return json({ intent: "revoke" as const, revoked: revoked.id });
      }
      throw new AppError("VALIDATION_FAILED", "This form could not be understood. Reload the page and try again.");
    },
    { keep: ["intent", "email", "tier", "reason", "endsOn"] },
  );
}

export default function BillingAdminPage() {
  return <BillingAdminView overview={useLoaderData<typeof loader>()} result={useActionData<BillingAdminResult>()} />;
}
