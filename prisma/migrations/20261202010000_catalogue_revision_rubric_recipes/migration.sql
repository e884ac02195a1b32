-- The mission page reads its mission from the catalogue servers keep in memory, rubric and
-- recipes included: a write to those tables gives the catalogue a new revision too, in the same
-- transaction (docs/decisions/011-catalogue-in-memory.md).
CREATE TRIGGER "RubricCriterion_catalogue_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RubricCriterion" FOR EACH STATEMENT EXECUTE FUNCTION "mxp_catalogue_changed"();
CREATE TRIGGER "Recipe_catalogue_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Recipe" FOR EACH STATEMENT EXECUTE FUNCTION "mxp_catalogue_changed"();
