-- The agreement drill-down lists one mission's reviewed attempts, newest decision first (ADR 038):
-- each mentor review names its mission, filled in by the database from its attempt when the row is
-- written, so the list is a range of one index however many attempts other missions have.
ALTER TABLE "MentorReview" ADD COLUMN "missionId" TEXT;

UPDATE "MentorReview" r SET "missionId" = p."missionId"
  FROM "Submission" s JOIN "MissionProgress" p ON p."id" = s."progressId"
  WHERE s."id" = r."submissionId";

ALTER TABLE "MentorReview" ADD CONSTRAINT "MentorReview_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "MentorReview_missionId_status_completedAt_idx" ON "MentorReview"("missionId", "status", "completedAt");

CREATE FUNCTION "mxp_mentor_review_mission"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT p."missionId" INTO NEW."missionId"
    FROM "Submission" s JOIN "MissionProgress" p ON p."id" = s."progressId"
    WHERE s."id" = NEW."submissionId";
  RETURN NEW;
END;
$$;

CREATE TRIGGER "MentorReview_mission" BEFORE INSERT OR UPDATE OF "submissionId" ON "MentorReview"
  FOR EACH ROW EXECUTE FUNCTION "mxp_mentor_review_mission"();
