-- The published catalogue (tracks, missions, their subtasks, skills and prerequisites) changes
-- rarely and is read on every dashboard render, so servers keep it in memory. This one row says
-- which version they hold: every statement that writes one of those tables gives it a new
-- random revision, in the same transaction (docs/decisions/011-catalogue-in-memory.md).

-- CreateTable
CREATE TABLE "CatalogueRevision" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "revision" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CatalogueRevision_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "CatalogueRevision_one_row" CHECK ("id" = 1)
);

INSERT INTO "CatalogueRevision" ("id") VALUES (1);

CREATE FUNCTION "mxp_catalogue_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CatalogueRevision" SET "revision" = gen_random_uuid()::text, "changedAt" = CURRENT_TIMESTAMP WHERE "id" = 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Track_catalogue_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Track" FOR EACH STATEMENT EXECUTE FUNCTION "mxp_catalogue_changed"();
CREATE TRIGGER "Mission_catalogue_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Mission" FOR EACH STATEMENT EXECUTE FUNCTION "mxp_catalogue_changed"();
CREATE TRIGGER "Subtask_catalogue_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Subtask" FOR EACH STATEMENT EXECUTE FUNCTION "mxp_catalogue_changed"();
CREATE TRIGGER "Skill_catalogue_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Skill" FOR EACH STATEMENT EXECUTE FUNCTION "mxp_catalogue_changed"();
CREATE TRIGGER "MissionSkill_catalogue_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "MissionSkill" FOR EACH STATEMENT EXECUTE FUNCTION "mxp_catalogue_changed"();
CREATE TRIGGER "MissionPrerequisite_catalogue_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "MissionPrerequisite" FOR EACH STATEMENT EXECUTE FUNCTION "mxp_catalogue_changed"();
