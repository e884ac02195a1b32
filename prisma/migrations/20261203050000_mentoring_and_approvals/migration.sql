-- Mentor reviews carry the student's request (reason, disputed criteria), an expiring claim and
-- the mentor's scores against a rubric version; mentors can be assigned to tracks; an attempt
-- records whether it stands approved, which portfolio items and skill signals follow.
ALTER TABLE "MentorReview"
  ADD COLUMN "reason" TEXT,
  ADD COLUMN "disputedCriteria" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  ADD COLUMN "claimExpiresAt" TIMESTAMP(3),
  ADD COLUMN "passed" BOOLEAN,
  ADD COLUMN "rubricVersionId" TEXT;
ALTER TABLE "MentorReview" ADD CONSTRAINT "MentorReview_rubricVersionId_fkey" FOREIGN KEY ("rubricVersionId") REFERENCES "RubricVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "MentorTrack" (
  "mentorId" TEXT NOT NULL,
  "trackId" TEXT NOT NULL,
  "assignedById" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "MentorTrack_pkey" PRIMARY KEY ("mentorId", "trackId")
);
CREATE INDEX "MentorTrack_trackId_idx" ON "MentorTrack"("trackId");
ALTER TABLE "MentorTrack" ADD CONSTRAINT "MentorTrack_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MentorTrack" ADD CONSTRAINT "MentorTrack_trackId_fkey" FOREIGN KEY ("trackId") REFERENCES "Track"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MentorTrack" ADD CONSTRAINT "MentorTrack_assignedById_fkey" FOREIGN KEY ("assignedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "Submission"
  ADD COLUMN "approvedAt" TIMESTAMP(3),
  ADD COLUMN "approvalScore" DOUBLE PRECISION,
  ADD COLUMN "approvedBy" TEXT,
  ADD COLUMN "mentorApproved" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "PortfolioItem"
  ADD COLUMN "publicFileIds" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  ADD COLUMN "reviewer" TEXT NOT NULL DEFAULT 'heuristic';
ALTER TABLE "PortfolioItem" ALTER COLUMN "reviewer" DROP DEFAULT;

-- The mentor queue walks open requests oldest first; completed ones (most, over time) stay out of the index.
CREATE INDEX "MentorReview_open_requestedAt_idx" ON "MentorReview"("requestedAt") WHERE "status" <> 'COMPLETED';
-- A student's approved attempts, for the skill-signal fold.
CREATE INDEX "Submission_approved_idx" ON "Submission"("progressId") WHERE "approvedAt" IS NOT NULL;
