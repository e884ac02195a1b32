import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { requireRole } from "~/features/accounts/auth.server";
import { ROLE_LABELS, UserDetail } from "~/features/academy/components/people-view";
import { setUserRole, userDetail } from "~/features/academy/people.server";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.detail.user.name} · People · MXP` : "People · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request, params }) => {
    const admin = await requireRole(request, "ADMIN");
    return json({ detail: await userDetail(getDb(), admin, { userId: params.userId }), isSelf: params.userId === admin.id });
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, params, form }) => {
    const admin = await requireRole(request, "ADMIN");
    const changed = await setUserRole(getDb(), admin, { userId: params.userId, role: form.get("role") });
    return json({ ok: true as const, role: changed.role });
  });
}

export default function UserPage() {
  const { detail, isSelf } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; role: keyof typeof ROLE_LABELS } | FormFailure>();
  return (
    <>
      <PageHeader
        title={detail.user.name}
        description={`${ROLE_LABELS[detail.user.role]} · @${detail.user.handle}`}
        actions={
          <Link to="/dashboard/admin/users" className="btn-secondary">
            All people
          </Link>
        }
      />
      {result && "ok" in result ? (
        <p role="status" className="mb-4 text-sm text-emerald-800">
          Saved: {detail.user.name} is now {ROLE_LABELS[result.role].toLowerCase()}. The change is in the audit log.
        </p>
      ) : null}
      <UserDetail detail={detail} isSelf={isSelf} roleError={result && !("ok" in result) ? result.formError : undefined} />
    </>
  );
}
