-- Handles a student used before, so links to an old public page lead to the current one.
CREATE TABLE "FormerHandle" (
    "handle" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FormerHandle_pkey" PRIMARY KEY ("handle")
);
CREATE INDEX "FormerHandle_userId_idx" ON "FormerHandle"("userId");
ALTER TABLE "FormerHandle" ADD CONSTRAINT "FormerHandle_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
