-- The mentor queue filters open requests by track, capstone and regrade. Those facts lived on the
-- mission and in the request's reason and disputed criteria, so every filtered page joined five
-- tables before it could stop at the oldest 25; a request now carries them itself, written when it
-- is made (a request's reason and criteria never change; its mission's track and capstone flag are
-- the ones it was requested under).
ALTER TABLE "MentorReview"
  ADD COLUMN "trackId" TEXT,
  ADD COLUMN "isCapstone" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "isRegrade" BOOLEAN NOT NULL DEFAULT false;

UPDATE "MentorReview" r
SET "trackId" = m."trackId",
    "isCapstone" = m."isCapstone",
    "isRegrade" = (cardinality(r."disputedCriteria") > 0 OR r."reason" IS NOT NULL)
FROM "Submission" s
JOIN "MissionProgress" p ON p."id" = s."progressId"
JOIN "Mission" m ON m."id" = p."missionId"
WHERE s."id" = r."submissionId";

ALTER TABLE "MentorReview" ALTER COLUMN "trackId" SET NOT NULL;
ALTER TABLE "MentorReview" ALTER COLUMN "isCapstone" DROP DEFAULT;
ALTER TABLE "MentorReview" ALTER COLUMN "isRegrade" DROP DEFAULT;
ALTER TABLE "MentorReview" ADD CONSTRAINT "MentorReview_trackId_fkey" FOREIGN KEY ("trackId") REFERENCES "Track"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Open requests only (completed ones, most of them over time, stay out), each in the queue's order,
-- so a filtered page reads its 25 oldest and its capped count from the front of one index.
DROP INDEX "MentorReview_open_requestedAt_idx";
CREATE INDEX "MentorReview_open_requestedAt_idx" ON "MentorReview"("requestedAt", "id") WHERE "status" <> 'COMPLETED';
CREATE INDEX "MentorReview_open_track_idx" ON "MentorReview"("trackId", "requestedAt", "id") WHERE "status" <> 'COMPLETED';
CREATE INDEX "MentorReview_open_capstone_idx" ON "MentorReview"("requestedAt", "id") WHERE "status" <> 'COMPLETED' AND "isCapstone";
CREATE INDEX "MentorReview_open_regrade_idx" ON "MentorReview"("requestedAt", "id") WHERE "status" <> 'COMPLETED' AND "isRegrade";
