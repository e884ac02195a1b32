import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/page-header";
import { listNotifications, markNotificationsRead } from "~/features/notifications/service.server";
import { requireUser } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Notifications · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const user = await requireUser(request);
    return json(await listNotifications(getDb(), user.id, { limit: 100 }));
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request }) => {
    const user = await requireUser(request);
    await markNotificationsRead(getDb(), user.id);
    return json({ ok: true });
  });
}

export default function NotificationsPage() {
  const { items, unread } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Notifications"
        description={unread === 0 ? "You're all caught up." : `${unread} unread`}
        actions={
          unread > 0 ? (
            <Form method="post">
              <button type="submit" className="btn-secondary">
                Mark all read
              </button>
            </Form>
          ) : null
        }
      />
      {items.length === 0 ? (
        <EmptyState title="No notifications yet">Reviews, mentor feedback and approvals will show up here.</EmptyState>
      ) : (
        <ul className="card divide-y divide-slate-100" data-testid="notification-list">
          {items.map((item) => (
            <li key={item.id} className="flex gap-4 px-5 py-4">
              <span aria-hidden="true" className={`mt-2 h-2 w-2 shrink-0 rounded-full ${item.readAt ? "bg-transparent" : "bg-brand-600"}`} />
              <div className="min-w-0 flex-1">
                <p className="font-medium text-slate-900">
                  {item.readAt ? null : <span className="sr-only">Unread: </span>}
                  {item.title}
                </p>
                <p className="mt-1 text-sm text-slate-600">{item.body}</p>
                <p className="mt-1 text-xs text-slate-500">
                  <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
                  {item.link ? (
                    <>
                      {" · "}
                      <Link to={item.link} className="font-medium text-brand-700 hover:underline">
                        Open
                      </Link>
                    </>
                  ) : null}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
