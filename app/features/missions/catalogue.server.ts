import type { z } from "zod";
import type { Db } from "~/utils/db.server";
import { publishedCatalogueRow, type catalogueMission, type catalogueTrack } from "./queries.server";

export type CatalogueTrack = z.output<typeof catalogueTrack>;

/** A published mission as the dashboard needs it (skills by weight, prerequisites with titles). */
export type CatalogueMission = z.output<typeof catalogueMission>;

export interface PublishedCatalogue {
  /** The CatalogueRevision this was read at (null: the row is missing, nothing is kept). */
  revision: string | null;
  /** Published tracks in order. */
  tracks: CatalogueTrack[];
  /** Published missions of published tracks, in track order, then mission order. */
  missions: CatalogueMission[];
}

// Per database client: one process may talk to several databases (the tests do).
const held = new WeakMap<object, { revision: string; catalogue: Promise<PublishedCatalogue> }>();

/**
 * The published catalogue at `revision` (read by the caller, e.g. with the student's context):
 * from memory when this process holds that revision, otherwise read in one statement. Every
 * write to the catalogue's tables gives the revision a new value in the same transaction
 * (triggers, migration 20261125020000), so a request never sees a catalogue older than the
 * revision it read. Requests that arrive while it loads share the one load.
 */
export function publishedCatalogue(db: Db, revision: string | null): Promise<PublishedCatalogue> {
  if (revision === null) return loadPublishedCatalogue(db);
  const current = held.get(db);
  if (current?.revision === revision) return current.catalogue;
  const loading = loadPublishedCatalogue(db).then(
    (catalogue) => {
      // A newer revision may have been committed meanwhile: keep what was read, under its own revision.
      if (catalogue.revision !== null && held.get(db)?.catalogue === loading) held.set(db, { revision: catalogue.revision, catalogue: loading });
      return catalogue;
    },
    (error: unknown) => {
      if (held.get(db)?.catalogue === loading) held.delete(db);
      throw error;
    },
  );
  held.set(db, { revision, catalogue: loading });
  return loading;
}

/** The whole published catalogue and its revision, from one snapshot (one statement). */
export async function loadPublishedCatalogue(db: Db): Promise<PublishedCatalogue> {
  const [row] = await publishedCatalogueRow(db);
  if (!row) throw new Error("The catalogue statement returned no row.");
  return row;
}
