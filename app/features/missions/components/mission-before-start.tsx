import type { LockReason } from "~/domain/mission-access";
import type { PageMission } from "~/features/missions/service.server";
import { SubtaskPreviewList } from "~/features/progress/components/subtask-view";
import { MissionColumns } from "./mission-layout";
import { MissionBriefing } from "./mission-view";
import { RecipeSidebar } from "./recipe-sidebar";
import { StartConfirmDialog } from "./start-confirmation";
import { StartPanel, type StartPanelProps } from "./start-panel";

/**
 * A mission's page before the student starts it: the start panel (or what locks it), the whole
 * briefing, the steps ahead and the recipes. Shared by the student's page and an admin's
 * preview of a draft, so the preview is what the student will see.
 */
export function MissionBeforeStart({
  mission,
  locks,
  quota,
  canStart,
  startQuestion,
  startError,
  preview = false,
}: {
  mission: PageMission;
  locks: LockReason[];
  quota: StartPanelProps["quota"];
  canStart: boolean;
  startQuestion: string | null;
  startError?: string;
  preview?: boolean;
}) {
  return (
    <MissionColumns
      main={
        <>
          <StartPanel missionTitle={mission.title} locks={locks} quota={quota} canStart={canStart} prerequisites={mission.prerequisites} error={startError} preview={preview} />
          {preview ? null : <StartConfirmDialog question={startQuestion} />}
          <MissionBriefing mission={mission} open />
          <SubtaskPreviewList subtasks={mission.subtasks} />
        </>
      }
      sidebar={<RecipeSidebar mission={mission} />}
    />
  );
}
