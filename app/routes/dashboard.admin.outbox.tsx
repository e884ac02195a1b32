import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/page-header";
import { listOutbox } from "~/features/notifications/outbox.server";
import { requireRole } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "E-mail outbox · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    await requireRole(request, "ADMIN");
    return json(await listOutbox(getDb()));
  });
}

export default function OutboxPage() {
  const { emails, transport } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="E-mail outbox"
        description={
          transport === "development-outbox"
            ? "No mail server is configured (SMTP_URL is unset): e-mails are kept here instead of being sent."
            : "Every e-mail the platform sent or is sending."
        }
      />
      {emails.length === 0 ? (
        <EmptyState title="No e-mail yet" />
      ) : (
        <ul className="space-y-4">
          {emails.map((email) => (
            <li key={email.id} className="card p-5">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-semibold text-slate-900">{email.subject}</p>
                <span className="text-xs font-medium uppercase tracking-wide text-slate-500">{email.status}</span>
              </div>
              <p className="mt-1 text-sm text-slate-600">
                To {email.to} · <time dateTime={email.createdAt}>{formatDateTime(email.createdAt)}</time>
              </p>
              <pre className="mt-3 whitespace-pre-wrap rounded-lg bg-slate-50 p-3 font-sans text-sm text-slate-800">{email.text}</pre>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
