-- When a review last entered the queue (its submission, or an admin's retry): the pipeline's
-- health measures waits from here, not from the submission.
ALTER TABLE "AiReview" ADD COLUMN "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "AiReview" SET "queuedAt" = "createdAt";
CREATE INDEX "AiReview_status_queuedAt_idx" ON "AiReview"("status", "queuedAt");
