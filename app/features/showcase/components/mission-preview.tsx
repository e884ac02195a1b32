import type { ReactNode } from "react";
import { Markdown } from "~/components/markdown";
import { DIFFICULTY_LABELS } from "~/domain/difficulty";
import { TIER_LABELS } from "~/domain/entitlements";
import { formatMinutes } from "~/utils/format";
import type { MissionPreview } from "../service.server";

/** The facts a visitor sees of a mission: difficulty, plan, time and steps, as chips. */
export function MissionChips({ mission }: { mission: Pick<MissionPreview, "difficulty" | "tierRequired" | "isCapstone" | "estimatedMinutes" | "steps"> }) {
  return (
    <p className="flex flex-wrap gap-2">
      <span className="chip">{DIFFICULTY_LABELS[mission.difficulty]}</span>
      <span className="chip chip-brand">{mission.tierRequired === "FREE" ? "Free plan" : `${TIER_LABELS[mission.tierRequired]} plan`}</span>
      {mission.isCapstone ? <span className="chip chip-amber">Capstone · mentor-reviewed</span> : null}
      <span className="chip">{`about ${formatMinutes(mission.estimatedMinutes)}`}</span>
      <span className="chip">{`${mission.steps} step${mission.steps === 1 ? "" : "s"}`}</span>
    </p>
  );
}

/**
 * A mission on its track's public page: the card facts and the story's opening. `action` is what
 * the visitor can do with it (open it when signed in as a student).
 */
export function MissionPreviewCard({ mission, position, action }: { mission: MissionPreview; position: number; action?: ReactNode }) {
  const headingId = `mission-${mission.slug}`;
  return (
    <article aria-labelledby={headingId} className="card flex flex-col gap-3 p-6" data-testid="mission-preview">
      <p className="text-sm font-medium text-slate-500">{`Mission ${position}`}</p>
      <h3 id={headingId} className="-mt-2 text-lg font-semibold text-slate-900">
        {mission.title}
      </h3>
      <MissionChips mission={mission} />
      <p className="text-slate-700">{mission.summary}</p>
      {mission.excerptHtml ? (
        <div className="border-l-4 border-brand-200 pl-4 text-sm text-slate-600" data-testid="mission-excerpt">
          <p className="sr-only">From the mission&apos;s story:</p>
          <Markdown html={mission.excerptHtml} />
        </div>
      ) : null}
      <dl className="grid gap-1 text-sm text-slate-600 sm:grid-cols-[auto_1fr] sm:gap-x-3">
        {mission.skills.length > 0 ? (
          <>
            <dt className="font-medium text-slate-700">Skills</dt>
            <dd>{mission.skills.join(", ")}</dd>
          </>
        ) : null}
        {mission.prerequisites.length > 0 ? (
          <>
            <dt className="font-medium text-slate-700">After</dt>
            <dd>{mission.prerequisites.join(", ")}</dd>
          </>
        ) : null}
      </dl>
      {action ? <div className="mt-auto pt-2">{action}</div> : null}
    </article>
  );
}
