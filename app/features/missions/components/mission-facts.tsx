import { DIFFICULTY_LABELS } from "~/domain/difficulty";
import { TIER_LABELS } from "~/domain/entitlements";
import type { MissionDetail } from "~/features/missions/service.server";
import { formatMinutes } from "~/utils/format";

type Mission = Pick<MissionDetail["mission"], "track" | "difficulty" | "tierRequired" | "estimatedMinutes" | "isCapstone">;

/** The line under a mission's title: track, difficulty, plan, time, capstone. */
export function MissionFacts({ mission }: { mission: Mission }) {
  return (
    <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <span>{mission.track.title}</span>
      <span aria-hidden="true">·</span>
      <span>{DIFFICULTY_LABELS[mission.difficulty]}</span>
      <span aria-hidden="true">·</span>
      <span>{TIER_LABELS[mission.tierRequired]} plan</span>
      <span aria-hidden="true">·</span>
      <span>about {formatMinutes(mission.estimatedMinutes)}</span>
      {mission.isCapstone ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Capstone</span> : null}
    </span>
  );
}
