-- The agreement report kept in memory (ADR 038): a one-row revision that every change to the
-- agreement tables gives a new value in the same transaction, the way CatalogueRevision does for
-- the catalogue (ADR 011). A render reads this row and recomputes only when it changed.
CREATE TABLE "AgreementRevision" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "revision" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- The transaction that renewed it last.
    "changedBy" TEXT,

    CONSTRAINT "AgreementRevision_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "AgreementRevision_one_row" CHECK ("id" = 1)
);

INSERT INTO "AgreementRevision" ("id") VALUES (1);

-- Once per transaction: a backfill completing thousands of reviews in one transaction fires this
-- for every row's statements, and updating one row that often in one transaction grows its chain
-- of versions with every update (each then slower than the last). Transaction ids never repeat.
CREATE FUNCTION "mxp_agreement_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "AgreementRevision" SET "revision" = gen_random_uuid()::text, "changedAt" = CURRENT_TIMESTAMP, "changedBy" = pg_current_xact_id()::text
    WHERE "id" = 1 AND "changedBy" IS DISTINCT FROM pg_current_xact_id()::text;
  RETURN NULL;
END
$$;

-- Per statement: a mentor review's completion writes both tables (and a cascade from a deleted
-- mission removes rows), each bumping the revision once.
CREATE TRIGGER "AgreementCell_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AgreementCell" FOR EACH STATEMENT EXECUTE FUNCTION "mxp_agreement_changed"();
CREATE TRIGGER "AgreementVerdict_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AgreementVerdict" FOR EACH STATEMENT EXECUTE FUNCTION "mxp_agreement_changed"();
