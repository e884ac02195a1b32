import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/page-header";
import { DIFFICULTY_LABELS } from "~/domain/difficulty";
import { requireStudent } from "~/features/accounts/auth.server";
import { SkillHeatMap } from "~/features/skills/components/heat-map";
import { skillsOverview } from "~/features/skills/service.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { pageLoader } from "~/utils/page.server";

export { ErrorBoundary } from "~/components/error-page";

export const meta: MetaFunction = () => [{ title: "Skills · MXP" }];

export async function loader(args: LoaderFunctionArgs) {
  return pageLoader(args, async ({ request }) => {
    const user = await requireStudent(request, "The skills page");
    return json(await skillsOverview(getDb(), user));
  });
}

const CONFIDENCE_WORDS = { low: "Low", moderate: "Moderate", high: "High" } as const;

export default function SkillsPage() {
  const { signals, heatMap } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Skills"
        description="Each approved mission moves the skills it trains toward its score. Harder missions can show more; a mentor's approval makes a signal surer than the AI's alone."
      />
      {signals.length === 0 ? (
        <EmptyState title="No skill signals yet">
          <p>Your skills appear here once a mission is approved: each approval is evidence for the skills that mission trains. Until then there is nothing honest to show.</p>
          <p className="mt-3">
            <Link to="/dashboard/student/missions" className="link">
              Go to your missions
            </Link>
          </p>
        </EmptyState>
      ) : (
        <div className="space-y-8">
          <section aria-labelledby="heat-map-heading" className="card p-6">
            <h2 id="heat-map-heading" className="text-lg font-semibold text-slate-900">
              Mastery by month
            </h2>
            <p className="mb-4 mt-1 text-sm text-slate-600">Each cell is the skill's mastery (0–100) at the end of the month.</p>
            <SkillHeatMap heatMap={heatMap} headingId="heat-map-heading" />
          </section>
          <section aria-labelledby="signals-heading" className="card p-6">
            <h2 id="signals-heading" className="text-lg font-semibold text-slate-900">
              Your skill signals
            </h2>
            <p className="mt-1 text-sm text-slate-600">Confidence (0–1) says how much approved work backs the mastery.</p>
            <div className="mt-4 overflow-x-auto">
              <table className="min-w-full text-left text-sm">
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      Skill
                    </th>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      Mastery
                    </th>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      Level
                    </th>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      Confidence
                    </th>
                    <th scope="col" className="py-2 pr-4 font-medium">
                      Approvals
                    </th>
                    <th scope="col" className="py-2 font-medium">
                      Latest
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {signals.map((signal) => (
                    <tr key={signal.skill.key} data-testid={`signal-${signal.skill.key}`}>
                      <th scope="row" className="py-2 pr-4 font-medium text-slate-900">
                        {signal.skill.name}
                      </th>
                      <td className="py-2 pr-4">{signal.mastery.toFixed(1)}</td>
                      <td className="py-2 pr-4">{DIFFICULTY_LABELS[signal.level]}</td>
                      <td className="py-2 pr-4">
                        {CONFIDENCE_WORDS[signal.confidenceLabel]} ({signal.confidence.toFixed(2)})
                      </td>
                      <td className="py-2 pr-4">{signal.evidenceCount}</td>
                      <td className="py-2">{signal.lastEvidenceAt ? formatDate(signal.lastEvidenceAt) : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}
    </>
  );
}
