import { Form, Link } from "@remix-run/react";
import { EmptyState } from "~/components/page-header";
import type { AgreementAttempts, AgreementReport } from "../agreement-schemas";

type ScoreAgreement = AgreementReport["overall"];
type VerdictAgreement = AgreementReport["verdicts"];

export type AgreementAttemptList = AgreementAttempts;

const percent = (share: number) => `${Math.round(share * 100)}%`;
const kappaText = (kappa: number | null) => (kappa === null ? "—" : kappa.toFixed(2));

function leaning(difference: number): string {
  if (Math.abs(difference) < 0.05) return "even";
  return `${difference > 0 ? "+" : "−"}${Math.abs(difference).toFixed(2)} (AI ${difference > 0 ? "kinder" : "harsher"})`;
}

function verdictText(verdicts: VerdictAgreement): string {
  if (verdicts.attempts === 0) return "—";
  return `${percent(verdicts.agreement)} of ${verdicts.attempts}`;
}

const verdictWord = (passed: boolean | null) => (passed === null ? "—" : passed ? "Pass" : "Fail");

function Measures({ agreement }: { agreement: ScoreAgreement }) {
  return (
    <>
      <td className="px-3 py-2 text-right tabular-nums">{agreement.pairs}</td>
      <td className="px-3 py-2 text-right tabular-nums">{percent(agreement.exact)}</td>
      <td className="px-3 py-2 text-right tabular-nums">{percent(agreement.withinOne)}</td>
      <td className="px-3 py-2 text-right tabular-nums">{kappaText(agreement.kappa)}</td>
      <td className="px-3 py-2 text-right tabular-nums">{leaning(agreement.meanSignedDifference)}</td>
    </>
  );
}

function MeasureHeadings() {
  return (
    <>
      <th scope="col" className="px-3 py-2 text-right font-medium">
        Scores compared
      </th>
      <th scope="col" className="px-3 py-2 text-right font-medium">
        Exact
      </th>
      <th scope="col" className="px-3 py-2 text-right font-medium">
        Within one level
      </th>
      <th scope="col" className="px-3 py-2 text-right font-medium">
        Weighted kappa
      </th>
      <th scope="col" className="px-3 py-2 text-right font-medium">
        AI minus mentor
      </th>
    </>
  );
}

/** The search parameters that open these attempts' list (without a page). */
const attemptsOf = (attempts: AgreementAttemptList): Record<string, string> =>
  attempts.criterion ? { mission: attempts.missionId, criterion: attempts.criterion } : { mission: attempts.missionId };

export function AgreementView({
  report,
  attempts,
  search,
  hidden = { criteria: 0, missions: 0 },
  laterPage = false,
}: {
  /** The report; or, with `attempts`, only the attempts behind one of its figures. */
  report: AgreementReport | null;
  attempts: AgreementAttemptList | null;
  search: (extra: Record<string, string>) => string;
  /** Rows after the worst ones not shown (the page shows all with `?all=1`). */
  hidden?: { criteria: number; missions: number };
  /** The attempts shown are a later page than the newest. */
  laterPage?: boolean;
}) {
  const period = attempts?.period ?? report?.period;
  return (
    <div className="space-y-8">
      <Form method="get" className="card flex flex-wrap items-end gap-4 p-5" aria-label="Period">
        <label className="text-sm">
          <span className="block font-medium text-slate-700">From</span>
          <input type="date" name="from" defaultValue={period?.from} className="input mt-1" />
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">To</span>
          <input type="date" name="to" defaultValue={period?.to} className="input mt-1" />
        </label>
        {attempts ? Object.entries(attemptsOf(attempts)).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />) : null}
        <button type="submit" className="btn-secondary">
          Show this period
        </button>
        <p className="text-sm text-slate-600">Attempts whose mentor decision falls in the period, both days included (UTC).</p>
      </Form>
      {attempts ? <AttemptsBehind attempts={attempts} search={search} laterPage={laterPage} /> : report ? <ReportTables report={report} search={search} hidden={hidden} /> : null}
    </div>
  );
}

function ReportTables({ report, search, hidden }: { report: AgreementReport; search: (extra: Record<string, string>) => string; hidden: { criteria: number; missions: number } }) {
  const showAll = (what: string, count: number) =>
    count > 0 ? (
      <p className="mt-2 text-sm">
        <Link to={search({ all: "1" })} className="link">
          Show all {what} ({count} more)
        </Link>
      </p>
    ) : null;
  const { overall, verdicts } = report;
  return (
    <>
      {overall.pairs === 0 ? (
        <EmptyState title="No attempt in this period has both an AI and a mentor review">
          <p>Agreement appears here once mentors review attempts the AI reviewed: regrade requests, capstones, and missions whose passes a mentor confirms.</p>
        </EmptyState>
      ) : (
        <>
          <section aria-labelledby="agreement-overall" className="card p-5">
            <h2 id="agreement-overall" className="font-semibold text-slate-900">
              Overall
            </h2>
            <dl className="mt-3 grid gap-4 text-sm sm:grid-cols-5">
              <div>
                <dt className="text-slate-600">Scores compared</dt>
                <dd className="text-xl font-semibold text-slate-900">{overall.pairs}</dd>
              </div>
              <div>
                <dt className="text-slate-600">Exact / within one level</dt>
                <dd className="text-xl font-semibold text-slate-900">
                  {percent(overall.exact)} / {percent(overall.withinOne)}
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">Weighted kappa</dt>
                <dd className="text-xl font-semibold text-slate-900">{kappaText(overall.kappa)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">AI minus mentor</dt>
                <dd className="text-xl font-semibold text-slate-900">{leaning(overall.meanSignedDifference)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">Same pass/fail verdict</dt>
                <dd className="text-xl font-semibold text-slate-900">{verdictText(verdicts)}</dd>
              </div>
            </dl>
            <details className="mt-4 text-sm text-slate-700">
              <summary className="cursor-pointer font-medium text-brand-700">What these figures mean</summary>
              <ul className="mt-2 list-disc space-y-1 pl-5">
                <li>Exact: the AI gave the same level as the mentor. Within one level: at most one level apart.</li>
                <li>
                  Weighted kappa: agreement beyond chance, where a disagreement counts by the square of its distance. 1 is perfect, 0 is what chance alone would give, below 0 is
                  worse than chance. As a rule of thumb, below 0.6 the AI should not approve that mission alone.
                </li>
                <li>AI minus mentor: the average difference in levels; positive means the AI scores higher than mentors do.</li>
              </ul>
            </details>
          </section>

          <section aria-labelledby="agreement-criteria">
            <h2 id="agreement-criteria" className="text-lg font-semibold text-slate-900">
              Criteria, worst agreement first
            </h2>
            <div className="card mt-3 overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="bg-slate-50 text-left text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Criterion
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Mission
                    </th>
                    <MeasureHeadings />
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {report.criteria.map((row) => (
                    <tr key={`${row.missionId}-${row.key}`}>
                      <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                        <Link to={search({ mission: row.missionId, criterion: row.key }) + "#attempts"} className="link">
                          {row.title}
                        </Link>
                      </th>
                      <td className="px-3 py-2 text-slate-700">{row.missionTitle}</td>
                      <Measures agreement={row.agreement} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {showAll("criteria", hidden.criteria)}
          </section>

          <section aria-labelledby="agreement-missions">
            <h2 id="agreement-missions" className="text-lg font-semibold text-slate-900">
              Missions, worst agreement first
            </h2>
            <div className="card mt-3 overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="bg-slate-50 text-left text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Mission
                    </th>
                    <MeasureHeadings />
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Same verdict
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      A passing AI review…
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {report.missions.map((row) => (
                    <tr key={row.missionId}>
                      <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                        <Link to={search({ mission: row.missionId }) + "#attempts"} className="link">
                          {row.missionTitle}
                        </Link>
                      </th>
                      <Measures agreement={row.agreement} />
                      <td className="px-3 py-2 text-right tabular-nums">{verdictText(row.verdicts)}</td>
                      <td className="px-3 py-2">
                        <Form method="post" className="flex flex-wrap items-center gap-2">
                          <input type="hidden" name="missionId" value={row.missionId} />
                          <input type="hidden" name="mentorConfirmsPasses" value={row.mentorConfirmsPasses ? "false" : "true"} />
                          <span className="text-slate-700">{row.mentorConfirmsPasses ? "waits for a mentor" : "approves by itself"}</span>
                          <button
                            type="submit"
                            className="btn-secondary whitespace-nowrap"
                            aria-label={`${row.missionTitle}: ${row.mentorConfirmsPasses ? "let passing AI reviews approve by themselves" : "make passing AI reviews wait for a mentor"}`}
                          >
                            {row.mentorConfirmsPasses ? "Let the AI approve" : "Wait for a mentor"}
                          </button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {showAll("missions", hidden.missions)}
          </section>
        </>
      )}
    </>
  );
}

/** One mission's (or criterion's) attempts behind the figures, a page at a time, with the way back to the report. */
function AttemptsBehind({ attempts, search, laterPage }: { attempts: AgreementAttemptList; search: (extra: Record<string, string>) => string; laterPage: boolean }) {
  return (
    <section id="attempts" aria-labelledby="agreement-attempts" tabIndex={-1} className="scroll-mt-24">
      <p className="text-sm">
        <Link to={search({})} className="link">
          ← Every mission and criterion
        </Link>
      </p>
      <h2 id="agreement-attempts" className="mt-2 text-lg font-semibold text-slate-900">
        Attempts behind {attempts.criterion ? `“${attempts.criterionTitle ?? attempts.criterion}” on ` : ""}
        {attempts.missionTitle}
      </h2>
      {attempts.attempts.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">
          {laterPage ? "No older attempt of this mission in the period has both reviews." : "No attempt of this mission in the period has both reviews."}
        </p>
      ) : (
        // A table that scrolls sideways on a phone and holds no link: focusable, so the keyboard can scroll it.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="card mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label="Attempts behind the figures">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Student
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Mentor decided
                </th>
                {attempts.criterion ? (
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    AI / mentor level
                  </th>
                ) : null}
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  AI / mentor total
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  AI / mentor verdict
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {attempts.attempts.map((row) => (
                <tr key={row.mentorReviewId}>
                  <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                    {row.studentName}, attempt {row.attempt}
                  </th>
                  <td className="px-3 py-2 text-slate-700">{row.reviewedAt.slice(0, 10)}</td>
                  {attempts.criterion ? (
                    <td className="px-3 py-2 text-right tabular-nums">
                      {row.aiScore ?? "—"} / {row.mentorScore ?? "—"}
                    </td>
                  ) : null}
                  <td className="px-3 py-2 text-right tabular-nums">
                    {row.aiTotal ?? "—"} / {row.mentorTotal ?? "—"}
                  </td>
                  <td className="px-3 py-2 text-slate-700">
                    {verdictWord(row.aiPassed)} / {verdictWord(row.mentorPassed)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {attempts.olderBefore || laterPage ? (
        <nav aria-label="Pages of attempts" className="mt-3 flex flex-wrap gap-4 text-sm">
          {laterPage ? (
            <Link to={search(attemptsOf(attempts)) + "#attempts"} className="link">
              Newest attempts
            </Link>
          ) : null}
          {attempts.olderBefore ? (
            <Link to={search({ ...attemptsOf(attempts), before: attempts.olderBefore }) + "#attempts"} className="link">
              Older attempts
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
