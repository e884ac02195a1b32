import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "~/server/embedded-postgres.server";
import { createLogger } from "~/server/logger.server";
import { applyMigrations } from "~/server/migrate.server";

declare module "vitest" {
  export interface ProvidedContext {
    /** A server URL (any database name) where test databases can be created. */
    testServerUrl: string;
    /** The migrated database every test file's database is copied from. */
    templateDatabase: string;
  }
}

/**
 * Once per `vitest run`: a PostgreSQL server (embedded in a temporary directory, or the one in
 * DATABASE_URL) and a template database with every migration applied. Each test file then gets
 * its own copy (see setup-database.ts), so files never see each other's rows.
 */
export default async function setup(project: TestProject) {
  const log = createLogger({ level: "warn" });
  let embedded: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mxp-test-pg-"));
    fs.chmodSync(dataDir, 0o755); // initdb runs as the unprivileged postgres user when we are root
    embedded = await startEmbeddedPostgres({ dir: path.join(dataDir, "pg"), database: "postgres", log });
    serverUrl = embedded.url;
  }
  const template = `mxp_test_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${template}"`);
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${template}`;
  await applyMigrations(templateUrl.toString(), log);
  project.provide("testServerUrl", serverUrl);
  project.provide("templateDatabase", template);

  return async () => {
    if (embedded) {
      await embedded.stop();
      fs.rmSync(dataDir!, { recursive: true, force: true });
      return;
    }
    // A shared server: drop what this run created.
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    const leftovers = await cleanup.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`mxp_test_%_${process.pid}%`]);
    for (const row of leftovers.rows) await cleanup.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await cleanup.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await cleanup.end();
  };
}
