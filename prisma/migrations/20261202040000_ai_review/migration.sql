-- Rubric versions: the exact rubric every score was made against.
CREATE TABLE "RubricVersion" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RubricVersion_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "RubricVersion_missionId_version_key" ON "RubricVersion"("missionId", "version");
CREATE UNIQUE INDEX "RubricVersion_missionId_contentHash_key" ON "RubricVersion"("missionId", "contentHash");

ALTER TABLE "RubricVersion" ADD CONSTRAINT "RubricVersion_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What the review job records about each run.
ALTER TABLE "AiReview" ADD COLUMN "rubricVersionId" TEXT,
ADD COLUMN "retryAt" TIMESTAMP(3),
ADD COLUMN "inputTokens" INTEGER,
ADD COLUMN "outputTokens" INTEGER,
ADD COLUMN "latencyMs" INTEGER;

ALTER TABLE "AiReview" ADD CONSTRAINT "AiReview_rubricVersionId_fkey" FOREIGN KEY ("rubricVersionId") REFERENCES "RubricVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
