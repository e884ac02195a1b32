import { DIFFICULTY_LABELS } from "~/domain/difficulty";
import { UpgradeButton } from "~/features/billing/components/upgrade-button";
import { TIER_LABELS } from "~/domain/entitlements";
import { recommendationShown, type LockReason, type Recommendation } from "~/domain/mission-access";
import { isEditable } from "~/domain/mission-progress";
import type { MissionCard } from "~/features/missions/service.server";
import { statusLabel } from "~/features/progress/status";
import { formatMinutes } from "~/utils/format";

export type MissionCardData = MissionCard;

const RECOMMENDATION_BADGES: Partial<Record<Recommendation, { label: string; className: string }>> = {
  "at-level": { label: "Recommended for your level", className: "chip chip-emerald" },
  "one-above": { label: "One level up", className: "chip chip-sky" },
  stretch: { label: "Stretch", className: "chip chip-violet" },
};

function LockNextStep({ lock, href }: { lock: LockReason; href: string }) {
  if (lock.kind === "tier") {
    // Checkout comes back to the mission's page, where it can then be started.
    return lock.tierRequired === "FREE" ? null : <UpgradeButton tier={lock.tierRequired} returnTo={href} />;
  }
  // The lock's own message already names the missions to finish first.
  if (lock.kind === "prerequisites") return null;
  return <span>Your starts come back at the start of next month, or upgrade for more.</span>;
}

// A dashboard shows many cards, so each is kept cheap to render: plain links and forms, the styles
// as a few component classes (app/tailwind.css) rather than long utility lists, one text node
// where React would otherwise join several with comment markers, and a native <progress>.
// The router's <Link> and <Form> resolve their URLs through the route tree on every render, which
// costs the dashboard a measured share of its throughput (`npm run bench -- cards`,
// docs/BENCHMARKS.md, ADR 010). Everywhere else, use <Link> and <Form>.
export function MissionCard({ mission, canStart, startHere = false }: { mission: MissionCardData; canStart: boolean; startHere?: boolean }) {
  const locked = mission.locks.length > 0;
  const badge = mission.recommendation && !mission.progress && recommendationShown(mission.locks) ? RECOMMENDATION_BADGES[mission.recommendation] : undefined;
  const href = `/dashboard/student/missions/${mission.slug}`;
  return (
    <article className={startHere ? "mission-card mission-card-start-here" : "mission-card"} data-testid="mission-card" aria-labelledby={`mission-${mission.id}`}>
      {startHere ? <p className="mission-card-start-label">Start here</p> : null}
      <p className="mission-card-tags">
        <span className="chip">{DIFFICULTY_LABELS[mission.difficulty]}</span>
        <span className="chip chip-brand">{TIER_LABELS[mission.tierRequired]}</span>
        {mission.isCapstone ? <span className="chip chip-amber">Capstone</span> : null}
        {badge ? <span className={badge.className}>{badge.label}</span> : null}
      </p>
      <h3 id={`mission-${mission.id}`}>
        <a href={href}>{mission.title}</a>
      </h3>
      <p className="mission-card-meta">{`${mission.track.title} · about ${formatMinutes(mission.estimatedMinutes)}`}</p>
      <p className="mission-card-summary">{mission.summary}</p>
      {mission.skills.length > 0 ? (
        <p className="mission-card-skills">{`Skills: ${mission.skills
          .slice(0, 4)
          .map((skill) => skill.name)
          .join(", ")}`}</p>
      ) : null}
      {mission.progress ? (
        <>
          <p className="mission-card-status">{`${statusLabel(mission.progress.status)} · ${mission.progress.percent}%`}</p>
          <progress className="meter" value={mission.progress.percent} max={100} aria-label={`${mission.title} progress`} />
        </>
      ) : null}
      {locked ? (
        <div className="lock-reasons" data-testid="lock-reasons">
          <p className="lock-title">Locked</p>
          <ul>
            {mission.locks.map((lock) => (
              <li key={lock.kind}>
                {`${lock.message} `}
                <LockNextStep lock={lock} href={href} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {mission.progress ? (
        <a href={href} className="btn-primary mission-card-action">
          {isEditable(mission.progress.status) ? "Continue" : "View"}
        </a>
      ) : !locked && canStart ? (
        <form method="post" action="/dashboard/student/missions?index" className="mission-card-action" data-confirm-start="" data-mission-title={mission.title}>
          <button type="submit" name="missionId" value={mission.id} className="btn-primary" aria-label={`Start ${mission.title}`}>
            Start
          </button>
        </form>
      ) : null}
    </article>
  );
}
