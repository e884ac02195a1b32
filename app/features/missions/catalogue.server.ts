import type { z } from "zod";
import type { Db } from "~/utils/db.server";
import { catalogueRevisionRow, publishedCatalogueRow, type catalogueMission, type catalogueTrack } from "./queries.server";

export type CatalogueTrack = z.output<typeof catalogueTrack>;

/**
 * A published mission: what the dashboard's card needs (skills by weight, prerequisites with
 * titles) and, in `content`, the rest of what its page shows.
 */
export type CatalogueMission = z.output<typeof catalogueMission>;
export type CatalogueMissionContent = CatalogueMission["content"];
export type RubricLevel = CatalogueMissionContent["rubric"][number]["levels"][number];

export interface PublishedCatalogue {
  /** The CatalogueRevision this was read at (null: the row is missing, nothing is kept). */
  revision: string | null;
  /** Published tracks in order. */
  tracks: CatalogueTrack[];
  /** Published missions of published tracks, in track order, then mission order. */
  missions: CatalogueMission[];
  /** Missions taken off the catalogue (unpublished, or their track is): only students who started one see it. */
  retired: CatalogueMission[];
}

const indexes = new WeakMap<PublishedCatalogue, Map<string, CatalogueMission>>();

/** A published mission of a published track, by id or slug (the mission page takes either). */
export function findPublishedMission(catalogue: PublishedCatalogue, idOrSlug: string): CatalogueMission | undefined {
  let index = indexes.get(catalogue);
  if (!index) {
    index = new Map();
    for (const mission of catalogue.missions) index.set(mission.id, mission).set(mission.slug, mission);
    indexes.set(catalogue, index);
  }
  return index.get(idOrSlug);
}

/** A mission taken off the catalogue, by id or slug: for the students who started it before. */
export function findRetiredMission(catalogue: PublishedCatalogue, idOrSlug: string): CatalogueMission | undefined {
  return catalogue.retired.find((mission) => mission.id === idOrSlug || mission.slug === idOrSlug);
}

// Per database client: one process may talk to several databases (the tests do).
const held = new WeakMap<object, { revision: string; catalogue: Promise<PublishedCatalogue> }>();

/**
 * The published catalogue at `revision` (read by the caller, e.g. with the student's context):
 * from memory when this process holds that revision, otherwise read in one statement. Every
 * write to the catalogue's tables gives the revision a new value in the same transaction
 * (triggers, migrations 20261125020000 and 20261202010000), so a request never sees a catalogue older than the
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

/**
 * The whole published catalogue and its revision, from one snapshot (one statement): the cards'
 * facts and every mission page's content (about 4 KB a mission), so that neither the dashboard
 * nor a mission page reads the academy's tables per request.
 */
export async function loadPublishedCatalogue(db: Db): Promise<PublishedCatalogue> {
  const [row] = await publishedCatalogueRow(db);
  if (!row) throw new Error("The catalogue statement returned no row.");
  return row;
}

/**
 * The published catalogue as it is now, for pages that have no student context to carry the
 * revision (the public pages): one small read of the revision, then memory unless it changed.
 */
export async function currentPublishedCatalogue(db: Db): Promise<PublishedCatalogue> {
  const [row] = await catalogueRevisionRow(db);
  return await publishedCatalogue(db, row?.revision ?? null);
}
