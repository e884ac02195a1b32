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

/** The mission itself: its story, objectives and success criteria, and the rubric it is judged by. */
export function MissionView({ mission }: { mission: Mission }) {
  return (
    <>
      <MissionStory mission={mission} />
      <MissionGoals mission={mission} />
      <MissionRubric mission={mission} />
    </>
  );
}
