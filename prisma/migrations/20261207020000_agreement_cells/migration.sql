-- How often the AI and mentors agree (issue 13, ADR 038): the contingency tables per UTC day of
-- the mentor's decision, kept by a trigger as each mentor review completes, so the agreement page
-- sums a few hundred rows per period instead of pairing every criterion of every reviewed attempt.

-- (AI score, mentor score) pairs per day, mission and criterion; maxScore is the larger of the two reviews'.
CREATE TABLE "AgreementCell" (
    "day" DATE NOT NULL,
    "missionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "maxScore" INTEGER NOT NULL,
    "ai" INTEGER NOT NULL,
    "mentor" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    CONSTRAINT "AgreementCell_pkey" PRIMARY KEY ("day", "missionId", "key", "maxScore", "ai", "mentor")
);

-- (AI passed?, mentor passed?) pairs per day and mission.
CREATE TABLE "AgreementVerdict" (
    "day" DATE NOT NULL,
    "missionId" TEXT NOT NULL,
    "aiPassed" BOOLEAN NOT NULL,
    "mentorPassed" BOOLEAN NOT NULL,
    "count" INTEGER NOT NULL,
    CONSTRAINT "AgreementVerdict_pkey" PRIMARY KEY ("day", "missionId", "aiPassed", "mentorPassed")
);

ALTER TABLE "AgreementCell" ADD CONSTRAINT "AgreementCell_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AgreementVerdict" ADD CONSTRAINT "AgreementVerdict_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The drill-down lists one mission's reviewed attempts newest first.
CREATE INDEX "MentorReview_status_completedAt_idx" ON "MentorReview"("status", "completedAt");

-- Adds one completed mentor review's pairs to the tables: with the completed AI review of the same
-- attempt, each criterion both scored (by key), and the two verdicts when both have one.
CREATE FUNCTION "mxp_agreement_add"(review "MentorReview") RETURNS void LANGUAGE sql AS $$
  INSERT INTO "AgreementCell" ("day", "missionId", "key", "title", "maxScore", "ai", "mentor", "count")
  SELECT review."completedAt"::date, p."missionId", ai.value->>'key', ai.value->>'title',
    GREATEST(round((ai.value->>'maxScore')::numeric)::int, round((mr.value->>'maxScore')::numeric)::int),
    round((ai.value->>'score')::numeric)::int, round((mr.value->>'score')::numeric)::int, 1
  FROM "AiReview" a
    JOIN "Submission" s ON s."id" = a."submissionId"
    JOIN "MissionProgress" p ON p."id" = s."progressId"
    CROSS JOIN LATERAL jsonb_array_elements(a."scores") ai
    JOIN LATERAL jsonb_array_elements(review."scores") mr ON mr.value->>'key' = ai.value->>'key'
  WHERE a."submissionId" = review."submissionId" AND a."status" = 'COMPLETED' AND jsonb_typeof(a."scores") = 'array' AND jsonb_typeof(review."scores") = 'array'
  ON CONFLICT ("day", "missionId", "key", "maxScore", "ai", "mentor") DO UPDATE SET "count" = "AgreementCell"."count" + 1;

  INSERT INTO "AgreementVerdict" ("day", "missionId", "aiPassed", "mentorPassed", "count")
  SELECT review."completedAt"::date, p."missionId", a."passed", review."passed", 1
  FROM "AiReview" a
    JOIN "Submission" s ON s."id" = a."submissionId"
    JOIN "MissionProgress" p ON p."id" = s."progressId"
  WHERE a."submissionId" = review."submissionId" AND a."status" = 'COMPLETED' AND a."passed" IS NOT NULL AND review."passed" IS NOT NULL
  ON CONFLICT ("day", "missionId", "aiPassed", "mentorPassed") DO UPDATE SET "count" = "AgreementVerdict"."count" + 1;
$$;

CREATE FUNCTION "mxp_agreement_on_mentor_review"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "mxp_agreement_add"(NEW);
  RETURN NULL;
END;
$$;

-- A mentor review completes once (a completed review is never reopened), by an insert (seeds) or an update.
CREATE TRIGGER "MentorReview_agreement_insert" AFTER INSERT ON "MentorReview"
  FOR EACH ROW WHEN (NEW."status" = 'COMPLETED' AND NEW."completedAt" IS NOT NULL) EXECUTE FUNCTION "mxp_agreement_on_mentor_review"();
CREATE TRIGGER "MentorReview_agreement_update" AFTER UPDATE OF "status" ON "MentorReview"
  FOR EACH ROW WHEN (NEW."status" = 'COMPLETED' AND OLD."status" IS DISTINCT FROM 'COMPLETED' AND NEW."completedAt" IS NOT NULL) EXECUTE FUNCTION "mxp_agreement_on_mentor_review"();

-- The reviews completed before this migration.
SELECT "mxp_agreement_add"(r) FROM "MentorReview" r WHERE r."status" = 'COMPLETED' AND r."completedAt" IS NOT NULL;
