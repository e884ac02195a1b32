import { DIFFICULTY_LABELS } from "~/domain/difficulty";
import type { MissionCard } from "~/features/missions/service.server";
import { statusLabel } from "~/features/progress/status";
import { formatMinutes } from "~/utils/format";

type Lead = Pick<MissionCard, "id" | "slug" | "title" | "summary" | "difficulty" | "estimatedMinutes" | "track" | "progress">;

/**
 * The one mission the overview leads with: the work the student can carry on with, or else the
 * mission to start now, marked "Start here".
 */
export function LeadMission({ current, startHere }: { current: Lead | null; startHere: Lead | null }) {
  const mission = current ?? startHere;
  if (!mission) return null;
  const href = `/dashboard/student/missions/${mission.slug}`;
  return (
    <section aria-labelledby="lead-heading" className="card mb-6 border-brand-200 p-5 ring-2 ring-brand-600" data-testid="lead-mission">
      <h2 id="lead-heading" className="text-sm font-semibold uppercase tracking-wide text-brand-800">
        {current ? "Pick up where you left off" : "Start here"}
      </h2>
      <p className="mt-2 text-lg font-semibold text-slate-900">
        <a href={href} className="hover:underline">
          {mission.title}
        </a>
      </p>
      <p className="mt-1 text-xs text-slate-600">{`${mission.track.title} · ${DIFFICULTY_LABELS[mission.difficulty]} · about ${formatMinutes(mission.estimatedMinutes)}`}</p>
      <p className="mt-2 text-sm text-slate-700">{mission.summary}</p>
      {current?.progress ? (
        <>
          <p className="mb-1 mt-4 text-xs text-slate-600">{`${statusLabel(current.progress.status)} · ${current.progress.percent}%`}</p>
          <progress className="meter" value={current.progress.percent} max={100} aria-label={`${current.title} progress`} />
          <a href={href} className="btn-primary mt-4 inline-flex" aria-label={`Continue ${current.title}`}>
            Continue
          </a>
        </>
      ) : (
        // The mission list's start (with the page's StartConfirmDialog asking first where the quota is spent).
        <form method="post" action="/dashboard/student/missions?index" className="mt-4" data-confirm-start="" data-mission-title={mission.title}>
          <button type="submit" name="missionId" value={mission.id} className="btn-primary">
            Start this mission
          </button>
        </form>
      )}
    </section>
  );
}
