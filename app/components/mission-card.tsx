import { DIFFICULTY_LABELS } from "~/domain/difficulty";
import { TIER_LABELS } from "~/domain/entitlements";
import type { LockReason, Recommendation } from "~/domain/mission-access";
import type { ProgressStatus } from "~/domain/mission-progress";
import type { MissionCard } from "~/services/missions.server";

export type MissionCardData = MissionCard;

export const STATUS_LABELS: Record<ProgressStatus | "NOT_STARTED", string> = {
  NOT_STARTED: "Not started",
  IN_PROGRESS: "In progress",
  SUBMITTED: "Submitted",
  AI_REVIEWED: "AI reviewed",
  CHANGES_REQUESTED: "Changes requested",
  MENTOR_REVIEW_REQUESTED: "Mentor review requested",
  IN_MENTOR_REVIEW: "In mentor review",
  APPROVED: "Approved",
};

const RECOMMENDATION_BADGES: Partial<Record<Recommendation, { label: string; className: string }>> = {
  "at-level": { label: "Recommended for your level", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  "one-above": { label: "One level up", className: "bg-sky-50 text-sky-800 ring-sky-200" },
  stretch: { label: "Stretch", className: "bg-violet-50 text-violet-800 ring-violet-200" },
};

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round((minutes / 60) * 2) / 2;
  return `${hours} h`;
}

function LockNextStep({ lock }: { lock: LockReason }) {
  if (lock.kind === "tier") {
    return (
      <a href="/#plans" className="font-semibold text-brand-700 hover:underline">
        Upgrade to {TIER_LABELS[lock.tierRequired]}
      </a>
    );
  }
  if (lock.kind === "prerequisites") return <span>Finish the earlier mission to unlock this one.</span>;
  return <span>Your quota resets at the start of next month, or upgrade for more starts.</span>;
}

// Cards use plain links and forms: a dashboard shows many of them, and router-aware <Link> and
// <Form> resolve their URLs through the route tree on every render (docs/BENCHMARKS.md). Both
// lead to full pages that render on the server anyway.
export function MissionCard({ mission, canStart }: { mission: MissionCardData; canStart: boolean }) {
  const locked = mission.locks.length > 0;
  const status = mission.progress?.status ?? "NOT_STARTED";
  const badge = mission.recommendation ? RECOMMENDATION_BADGES[mission.recommendation] : undefined;
  const href = `/dashboard/student/missions/${mission.slug}`;
  return (
    <article className="card flex flex-col p-5" data-testid="mission-card" aria-labelledby={`mission-${mission.id}`}>
      <div className="flex flex-wrap items-center gap-2 text-xs font-medium">
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">{DIFFICULTY_LABELS[mission.difficulty]}</span>
        <span className="rounded-full bg-brand-50 px-2 py-0.5 text-brand-800">{TIER_LABELS[mission.tierRequired]}</span>
        {mission.isCapstone ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-amber-900">Capstone</span> : null}
        {badge && !mission.progress ? <span className={`rounded-full px-2 py-0.5 ring-1 ring-inset ${badge.className}`}>{badge.label}</span> : null}
      </div>
      <h3 id={`mission-${mission.id}`} className="mt-3 font-semibold text-slate-900">
        <a href={href} className="hover:underline">
          {mission.title}
        </a>
      </h3>
      <p className="mt-1 text-xs text-slate-500">
        {mission.track.title} · about {formatMinutes(mission.estimatedMinutes)}
      </p>
      <p className="mt-2 flex-1 text-sm text-slate-600">{mission.summary}</p>
      {mission.skills.length > 0 ? (
        <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Skills">
          {mission.skills.slice(0, 4).map((skill) => (
            <li key={skill.key} className="rounded bg-slate-50 px-1.5 py-0.5 text-xs text-slate-600 ring-1 ring-inset ring-slate-200">
              {skill.name}
            </li>
          ))}
        </ul>
      ) : null}
      {mission.progress ? (
        <div className="mt-4">
          <div className="flex justify-between text-xs text-slate-600">
            <span>{STATUS_LABELS[status]}</span>
            <span>{mission.progress.percent}%</span>
          </div>
          <div className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-label={`${mission.title} progress`} aria-valuenow={mission.progress.percent} aria-valuemin={0} aria-valuemax={100}>
            <div className="h-full rounded-full bg-brand-600" style={{ width: `${mission.progress.percent}%` }} />
          </div>
        </div>
      ) : null}
      {locked ? (
        <div className="mt-4 rounded-lg bg-slate-50 p-3 text-sm text-slate-700" data-testid="lock-reasons">
          <p className="flex items-center gap-1.5 font-medium text-slate-900">
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4 text-slate-500">
              <path fillRule="evenodd" d="M10 1a4.5 4.5 0 0 0-4.5 4.5V9H5a2 2 0 0 0-2 2v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm3 8V5.5a3 3 0 1 0-6 0V9h6Z" clipRule="evenodd" />
            </svg>
            Locked
          </p>
          <ul className="mt-1 space-y-1">
            {mission.locks.map((lock) => (
              <li key={lock.kind}>
                {lock.message} <LockNextStep lock={lock} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="mt-4 flex gap-2">
        {mission.progress ? (
          <a href={href} className="btn-primary">
            {status === "APPROVED" ? "Review" : "Continue"}
          </a>
        ) : (
          <>
            {!locked && canStart ? (
              <form method="post" action="/dashboard/student/missions?index">
                <input type="hidden" name="intent" value="start" />
                <input type="hidden" name="missionId" value={mission.id} />
                <button type="submit" className="btn-primary" aria-label={`Start ${mission.title}`}>
                  Start
                </button>
              </form>
            ) : null}
          </>
        )}
      </div>
    </article>
  );
}
