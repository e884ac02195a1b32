import { CheckIcon } from "~/components/check-icon";
import { Markdown } from "~/components/markdown";
import type { PageMission } from "~/features/missions/service.server";

type Mission = PageMission;

export function MissionStory({ mission }: { mission: Pick<Mission, "summary" | "storyHtml"> }) {
  return (
    <section aria-labelledby="story-heading">
      <h2 id="story-heading" className="text-lg font-semibold text-slate-900">
        The story
      </h2>
      <p className="mt-1 text-sm text-slate-600">{mission.summary}</p>
      <Markdown html={mission.storyHtml} className="mt-4" />
    </section>
  );
}

export function MissionGoals({ mission }: { mission: Pick<Mission, "objectives" | "successCriteria"> }) {
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <section aria-labelledby="objectives-heading" className="card p-5">
        <h2 id="objectives-heading" className="font-semibold text-slate-900">
          Objectives
        </h2>
        <ul className="mt-3 list-disc space-y-2 pl-5 text-sm text-slate-700">
          {mission.objectives.map((objective) => (
            <li key={objective}>{objective}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="criteria-heading" className="card p-5">
        <h2 id="criteria-heading" className="font-semibold text-slate-900">
          Success criteria
        </h2>
        <ul className="mt-3 space-y-2 text-sm text-slate-700">
          {mission.successCriteria.map((criterion) => (
            <li key={criterion} className="flex gap-2">
              <CheckIcon className="mt-0.5 h-4 w-4 shrink-0 text-emerald-600" />
              <span>{criterion}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function MissionRubric({ mission }: { mission: Pick<Mission, "rubric" | "passThreshold"> }) {
  const totalWeight = mission.rubric.reduce((sum, criterion) => sum + criterion.weight, 0) || 1;
  return (
    <section aria-labelledby="rubric-heading">
      <h2 id="rubric-heading" className="text-lg font-semibold text-slate-900">
        How your work is judged
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        The AI reviewer (and a mentor, if you ask for one) scores each criterion. The weighted total is out of 100; you pass at {mission.passThreshold}.
      </p>
      <ul className="mt-4 space-y-4" data-testid="rubric">
        {mission.rubric.map((criterion) => (
          <li key={criterion.key} className="card p-5">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-semibold text-slate-900">{criterion.title}</h3>
              <span className="text-xs font-medium text-slate-600">
                {`Weight ${criterion.weight} · ${Math.round((criterion.weight / totalWeight) * 100)}% of the score · max ${criterion.maxScore}`}
              </span>
            </div>
            <p className="mt-1 text-sm text-slate-700">{criterion.description}</p>
            <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-2">
              {[...criterion.levels]
                .sort((a, b) => a.score - b.score)
                .map((level) => (
                  <div key={level.score} className="rounded-lg bg-slate-50 px-3 py-2">
                    <dt className="font-medium text-slate-900">{`${level.score} · ${level.label}`}</dt>
                    <dd className="mt-0.5 text-slate-600">{level.description}</dd>
                  </div>
                ))}
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The mission itself: its story, objectives and success criteria, and the rubric it is judged
 * by. Open while the mission is being considered; once it is started it folds away so the work
 * comes first, a click (or Enter) away. `open` is only where it starts: the student's own
 * opening and closing is left alone (a native <details>, so it works without JavaScript).
 */
export function MissionBriefing({ mission, open }: { mission: Mission; open: boolean }) {
  return (
    <details open={open} className="group card" data-testid="mission-briefing">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-3 rounded-2xl px-5 py-3 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 [&::-webkit-details-marker]:hidden">
        <span>
          <span className="block font-semibold text-slate-900">Mission briefing</span>
          <span className="block text-xs text-slate-600">The story, objectives, success criteria and how your work is judged</span>
        </span>
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="h-5 w-5 shrink-0 text-slate-600 transition-transform group-open:rotate-180 motion-reduce:transition-none"
          fill="currentColor"
        >
          <path
            fillRule="evenodd"
            d="M5.2 7.2a.75.75 0 0 1 1.06 0L10 10.94l3.74-3.74a.75.75 0 1 1 1.06 1.06l-4.27 4.27a.75.75 0 0 1-1.06 0L5.2 8.26a.75.75 0 0 1 0-1.06Z"
            clipRule="evenodd"
          />
        </svg>
      </summary>
      <div className="space-y-8 border-t border-slate-100 px-5 pb-6 pt-5">
        <MissionStory mission={mission} />
        <MissionGoals mission={mission} />
        <MissionRubric mission={mission} />
      </div>
    </details>
  );
}
