import crypto from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { closeDb, createDb, type Db } from "~/utils/db.server";

// A second database for a test that needs one with nothing in it (an import into an empty
// academy): a new copy of the migrated template, dropped after the file's tests.

const opened: { db: Db; name: string }[] = [];

export async function emptyDatabase(): Promise<Db> {
  const serverUrl = inject("testServerUrl");
  const name = `mxp_empty_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject("templateDatabase")}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), { max: 2 });
  opened.push({ db, name });
  return db;
}

afterAll(async () => {
  if (opened.length === 0) return;
  const admin = new pg.Client({ connectionString: inject("testServerUrl") });
  await admin.connect();
  for (const { db, name } of opened.splice(0)) {
    await closeDb(db);
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  await admin.end();
});
