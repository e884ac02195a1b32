import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { requireUser } from "~/features/accounts/auth.server";
import { startQuestion } from "~/features/missions/service.server";
import { getDb } from "~/utils/db.server";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Start ${data.title}? · MXP` : "Start a mission · MXP" }];

/** The question before a start that uses the month's quota, for browsers without JavaScript (with it, the page asks in a dialog). */
export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request, params }) => {
    const user = await requireUser(request);
    const asked = await startQuestion(getDb(), user, params.id);
    // Nothing to ask (started already, no monthly limit, not a student): the mission page says what is possible.
    if (!asked.question) throw redirect(`/dashboard/student/missions/${asked.slug}`);
    return json(asked);
  });
}

export default function ConfirmStartPage() {
  const { slug, title, question } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={`Start “${title}”?`} />
      <div className="card max-w-xl p-6">
        <p className="text-slate-700" data-testid="start-question">
          {question}
        </p>
        <Form method="post" action={`/dashboard/student/missions/${slug}`} className="mt-6 flex flex-wrap items-center gap-4">
          <input type="hidden" name="intent" value="start" />
          <input type="hidden" name="confirmed" value="yes" />
          <button type="submit" className="btn-primary">
            Start the mission
          </button>
          <Link to={`/dashboard/student/missions/${slug}`} className="btn-secondary">
            Not now
          </Link>
        </Form>
      </div>
    </>
  );
}
