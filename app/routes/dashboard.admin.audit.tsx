import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/features/accounts/auth.server";
import { auditLog } from "~/features/academy/audit.server";
import { AuditLogView } from "~/features/academy/components/people-view";
import { getDb } from "~/utils/db.server";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Audit log · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const admin = await requireRole(request, "ADMIN");
    const params = new URL(request.url).searchParams;
    const filters = {
      action: params.get("action") || undefined,
      actor: params.get("actor") || undefined,
      target: params.get("target") || undefined,
      after: params.get("after") || undefined,
    };
    const log = await auditLog(getDb(), admin, filters);
    return json({ ...log, filters: { action: filters.action, actor: filters.actor, target: filters.target } });
  });
}

export default function AuditPage() {
  const { entries, next, filters } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="Audit log" description="Every change an administrator made: who, what, when, and the record before and after." />
      <AuditLogView entries={entries} next={next} filters={filters} />
    </>
  );
}
