import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/page-header";
import { listFailingEmails, listOutbox, retryEmail } from "~/features/notifications/outbox.server";
import { requireRole } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "E-mail outbox · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    await requireRole(request, "ADMIN");
    const db = getDb();
    const [outbox, failing] = await Promise.all([listOutbox(db), listFailingEmails(db)]);
    return json({ ...outbox, failing });
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, form }) => {
    const admin = await requireRole(request, "ADMIN");
    const retried = await retryEmail(getDb(), admin, form.get("emailId"));
    return json({ retried: retried.emailId });
  });
}

export default function OutboxPage() {
  const { emails, transport, failing } = useLoaderData<typeof loader>();
  const result = useActionData<{ retried?: string; formError?: string }>();
  const navigation = useNavigation();
  const retrying = navigation.state !== "idle" ? navigation.formData?.get("emailId") : null;
  return (
    <>
      <PageHeader
        title="E-mail outbox"
        description={
          transport === "development-outbox"
            ? "No mail server is configured (SMTP_URL is unset): e-mails are kept here instead of being sent."
            : "Every e-mail the platform sent or is sending, through the mail server set in SMTP_URL."
        }
      />
      <section aria-labelledby="delivery-problems-heading" id="delivery-problems" className="mb-8">
        <h2 id="delivery-problems-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Delivery problems
        </h2>
        {result?.formError ? (
          <p role="alert" className="mb-4 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
            {result.formError}
          </p>
        ) : null}
        {result?.retried ? (
          <p role="status" className="mb-4 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
            The e-mail is queued to be sent again now. If the mail server refuses it again, it comes back here.
          </p>
        ) : null}
        {failing.length === 0 ? (
          <EmptyState title="Every e-mail was delivered or is waiting for its first try">
            An e-mail the mail server refuses or cannot take is tried again automatically; while it fails, it appears here with the error, and you can send it again.
          </EmptyState>
        ) : (
          <ul className="space-y-4" data-testid="failing-emails">
            {failing.map((email) => (
              <li key={email.id} className="card p-5" data-testid="failing-email">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="font-semibold text-slate-900">{email.subject}</p>
                  <span className="text-sm font-medium text-amber-900">{deliveryState(email)}</span>
                </div>
                <p className="mt-1 text-sm text-slate-600">
                  To {email.to} · {email.attempts} failed {email.attempts === 1 ? "try" : "tries"}
                  {email.lastAttemptAt ? (
                    <>
                      , the last <time dateTime={email.lastAttemptAt}>{formatDateTime(email.lastAttemptAt)}</time>
                    </>
                  ) : null}
                  {email.nextTryAt && !email.sending ? (
                    <>
                      {" "}
                      · next automatic try <time dateTime={email.nextTryAt}>{formatDateTime(email.nextTryAt)}</time>
                    </>
                  ) : null}
                </p>
                {email.error ? <pre className="mt-3 whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-3 font-mono text-xs text-slate-800">{email.error}</pre> : null}
                <Form method="post" className="mt-3">
                  <input type="hidden" name="emailId" value={email.id} />
                  <button type="submit" className="btn-primary" disabled={retrying === email.id || email.sending}>
                    {retrying === email.id ? "Queuing…" : "Send again now"}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2 className="mb-3 text-lg font-semibold text-slate-900">Latest e-mails</h2>
      {emails.length === 0 ? (
        <EmptyState title="No e-mail yet" />
      ) : (
        <ul className="space-y-4">
          {emails.map((email) => (
            <li key={email.id} className="card p-5">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-semibold text-slate-900">{email.subject}</p>
                <span className="text-xs font-medium text-slate-500">{email.state}</span>
              </div>
              <p className="mt-1 text-sm text-slate-600">
                To {email.to} · <time dateTime={email.createdAt}>{formatDateTime(email.createdAt)}</time>
              </p>
              <h3 className="mt-3 text-sm font-medium text-slate-700">Plain text</h3>
              <pre className="mt-1 whitespace-pre-wrap rounded-lg bg-slate-50 p-3 font-sans text-sm text-slate-800">{email.text}</pre>
              <h3 className="mt-3 text-sm font-medium text-slate-700">HTML</h3>
              {/* A sandbox without permissions: the e-mail's markup is shown, never run, and cannot reach this page. Lazy: the page lists many e-mails. */}
              <iframe
                title={`HTML part of “${email.subject}”`}
                sandbox=""
                loading="lazy"
                srcDoc={email.html}
                className="mt-1 h-80 w-full rounded-lg border border-slate-200 bg-white"
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function deliveryState(email: { status: string; nextTryAt: string | null; sending: boolean }): string {
  if (email.sending) return "Being sent now";
  if (email.status === "FAILED" || !email.nextTryAt) return "Failed: no automatic try left";
  return "Failed, will be tried again";
}
