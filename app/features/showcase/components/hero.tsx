import { Link } from "@remix-run/react";
import { Markdown } from "~/components/markdown";
import type { HeatMap } from "~/domain/heat-map";
import { SkillHeatMap } from "~/features/skills/components/heat-map";
import type { SampleReview } from "../samples";
import type { MissionPreview } from "../service.server";
import { MissionChips } from "./mission-preview";

export interface Featured {
  mission: MissionPreview;
  trackSlug: string;
  trackTitle: string;
  objectives: string[];
  firstStep: string | null;
  review: SampleReview | null;
}

/** The landing page's real mission: its facts, the opening of its story and what it asks, from the catalogue. */
export function FeaturedMission({ featured }: { featured: Featured }) {
  const { mission } = featured;
  return (
    <section aria-labelledby="featured-heading" className="card p-6" data-testid="featured-mission">
      <p className="text-xs font-semibold uppercase tracking-wider text-brand-700">{`From the ${featured.trackTitle} track`}</p>
      <h2 id="featured-heading" className="mt-2 text-xl font-bold text-slate-900">
        {mission.title}
      </h2>
      <div className="mt-3">
        <MissionChips mission={mission} />
      </div>
      {mission.excerptHtml ? (
        <div className="mt-4 border-l-4 border-brand-200 pl-4 text-slate-700" data-testid="mission-excerpt">
          <Markdown html={mission.excerptHtml} />
        </div>
      ) : null}
      {featured.objectives.length > 0 ? (
        <>
          <h3 className="mt-5 text-sm font-semibold text-slate-900">You will</h3>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
            {featured.objectives.map((objective) => (
              <li key={objective}>{objective}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="mt-5 text-sm">
        <Link to={`/tracks/${featured.trackSlug}`} className="link">
          {`See every mission in ${featured.trackTitle}`}
        </Link>
      </p>
    </section>
  );
}

export interface HeatMapSample {
  heatMap: HeatMap;
  trackTitle: string;
  missionTitles: string[];
  totals: number[];
}

/** A sample student's skill heat-map, drawn by the component students see their own in. */
export function SampleHeatMapCard({ sample, headingId }: { sample: HeatMapSample; headingId: string }) {
  const low = Math.min(...sample.totals);
  const high = Math.max(...sample.totals);
  return (
    <section aria-labelledby={headingId} className="card min-w-0 p-5" data-testid="sample-heat-map">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="font-semibold text-slate-900">
          Skill heat-map
        </h3>
        <span className="chip chip-amber">Sample</span>
      </div>
      <p className="mt-1 text-xs text-slate-600">
        {`A sample student who had ${sample.missionTitles.length === 1 ? "one mission" : `the first ${sample.missionTitles.length} missions of ${sample.trackTitle}`} approved, one a month, with reviews of ${low === high ? low : `${low} to ${high}`}/100. Mastery grows slowly and easy missions cannot prove expert skill: this is the formula your own map uses.`}
      </p>
      <p className="mt-2 text-xs text-slate-600 sm:hidden">Scroll the map sideways for the later months.</p>
      <div className="mt-4">
        <SkillHeatMap heatMap={sample.heatMap} headingId={headingId} />
      </div>
    </section>
  );
}
