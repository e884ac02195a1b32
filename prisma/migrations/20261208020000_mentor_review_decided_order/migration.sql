-- The attempts behind a mission's agreement figures are listed a page at a time, newest decision
-- first, by (completedAt, id) so that reviews decided at the same instant are neither split nor
-- repeated between pages: the index carries the id too, so a page is one range of it, not a sort
-- of every reviewed attempt of the mission.
DROP INDEX "MentorReview_missionId_status_completedAt_idx";
CREATE INDEX "MentorReview_missionId_status_completedAt_id_idx" ON "MentorReview"("missionId", "status", "completedAt", "id");
