-- Authoring (issue 13): admins' drafts of missions, and each mission's published history.
CREATE TABLE "MissionDraft" (
    "id" TEXT NOT NULL,
    "missionId" TEXT,
    "content" JSONB NOT NULL,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "MissionDraft_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "MissionDraft_missionId_key" ON "MissionDraft"("missionId");
CREATE INDEX "MissionDraft_updatedAt_idx" ON "MissionDraft"("updatedAt");

ALTER TABLE "MissionDraft" ADD CONSTRAINT "MissionDraft_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MissionDraft" ADD CONSTRAINT "MissionDraft_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "MissionRevision" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "parts" TEXT[],
    "source" TEXT NOT NULL,
    "authorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MissionRevision_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "MissionRevision_missionId_number_key" ON "MissionRevision"("missionId", "number");

ALTER TABLE "MissionRevision" ADD CONSTRAINT "MissionRevision_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MissionRevision" ADD CONSTRAINT "MissionRevision_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
