import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { FormAlert } from "~/components/form";
import { PageHeader } from "~/components/page-header";
import { agreementAttempts, agreementReport, setMentorConfirmsPasses } from "~/features/academy/agreement.server";
import { AgreementView } from "~/features/academy/components/agreement-view";
import { requireRole } from "~/features/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import type { FormFailure } from "~/utils/forms.server";
import { pageAction, pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "AI agreement · MXP" }];

/** Rows of each table shown before "Show all". */
const ROWS_SHOWN = 20;

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const admin = await requireRole(request, "ADMIN");
    const params = new URL(request.url).searchParams;
    const period = { from: params.get("from") || undefined, to: params.get("to") || undefined };
    const mission = params.get("mission");
    // One mission's (or criterion's) attempts, or the report: the list of attempts is a page of its own.
    if (mission) {
      const attempts = await agreementAttempts(getDb(), admin, {
        ...period,
        missionId: mission,
        criterion: params.get("criterion") || undefined,
        before: params.get("before") || undefined,
      });
      return json({ report: null, attempts, hidden: { criteria: 0, missions: 0 }, laterPage: Boolean(params.get("before")) });
    }
    const report = await agreementReport(getDb(), admin, period);
    // The worst-agreeing rows come first; the page shows the first of them unless asked for all.
    const all = params.get("all") === "1";
    const hidden = { criteria: all ? 0 : Math.max(0, report.criteria.length - ROWS_SHOWN), missions: all ? 0 : Math.max(0, report.missions.length - ROWS_SHOWN) };
    const shown = all ? report : { ...report, criteria: report.criteria.slice(0, ROWS_SHOWN), missions: report.missions.slice(0, ROWS_SHOWN) };
    return json({ report: shown, attempts: null, hidden, laterPage: false });
  });
}

export async function action(args: ActionFunctionArgs) {
  return pageAction(args, async ({ request, form }) => {
    const admin = await requireRole(request, "ADMIN");
    // "true"/"false" from the form; anything else goes on as sent, for the schema to refuse.
    const sent = form.get("mentorConfirmsPasses");
    const mentorConfirmsPasses = sent === "true" ? true : sent === "false" ? false : sent;
    const setting = await setMentorConfirmsPasses(getDb(), admin, { missionId: form.get("missionId"), mentorConfirmsPasses });
    return json({ ok: true as const, ...setting });
  });
}

export default function AgreementPage() {
  const { report, attempts, hidden, laterPage } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; missionId: string; mentorConfirmsPasses: boolean } | FormFailure>();
  const { search } = useLocation();
  const withParams = (extra: Record<string, string>) => {
    const params = new URLSearchParams(search);
    params.delete("mission");
    params.delete("criterion");
    params.delete("before");
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    return `?${params.toString()}`;
  };
  return (
    <>
      <PageHeader
        title="How far to trust the AI"
        description="For every attempt reviewed by both the AI and a mentor: how often they agree, per criterion and per mission, and whether the AI is harsher or kinder."
      />
      {result && "ok" in result ? (
        <p role="status" className="mb-4 text-sm text-emerald-800">
          Saved: passing AI reviews on that mission now {result.mentorConfirmsPasses ? "wait for a mentor" : "approve by themselves"}.
        </p>
      ) : null}
      <FormAlert message={result && !("ok" in result) ? result.formError : undefined} />
      <AgreementView report={report} attempts={attempts} search={withParams} hidden={hidden} laterPage={laterPage} />
    </>
  );
}
