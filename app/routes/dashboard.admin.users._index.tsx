import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import type { Role } from "~/domain/roles";
import { requireRole } from "~/features/accounts/auth.server";
import { UserList } from "~/features/academy/components/people-view";
import { listUsers } from "~/features/academy/people.server";
import { getDb } from "~/utils/db.server";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "People · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const admin = await requireRole(request, "ADMIN");
    const params = new URL(request.url).searchParams;
    const filters = { q: params.get("q") || undefined, role: params.get("role") || undefined, after: params.get("after") || undefined };
    const page = await listUsers(getDb(), admin, filters);
    // The role was checked by listUsers (a wrong one is a 400 naming the roles).
    return json({ ...page, filters: { q: filters.q, role: filters.role as Role | undefined } });
  });
}

export default function UsersPage() {
  const { users, next, filters } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title="People" description="Every account: find one by the start of its e-mail address or name, open it to change its role or see a student's missions." />
      <UserList users={users} next={next} filters={filters} />
    </>
  );
}
