import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { runMigrations as runWorkerMigrations } from "graphile-worker";
import { graphileLogger, type Logger } from "./logger.server";

const MIGRATIONS_DIR = path.resolve("prisma", "migrations");
// Any constant works; it only has to be the same in every MXP process.
const MIGRATION_LOCK_ID = 727_001;

/**
 * Applies `prisma/migrations/*` in order and records them in Prisma's own `_prisma_migrations`
 * table, so `prisma migrate deploy|status` agree with what ran here. Done in-process with `pg`
 * because spawning the Prisma CLI costs seconds at every boot (docs/decisions/002). An advisory
 * lock lets several web and worker processes boot against one database at once.
 */
export async function applyMigrations(connectionString: string, log: Logger): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const done = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const doneByName = new Map(done.rows.map((row) => [row.migration_name, row.checksum]));
    const names = fs
      .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(MIGRATIONS_DIR, entry.name, "migration.sql")))
      .map((entry) => entry.name)
      .sort();
    for (const name of names) {
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8");
      const checksum = crypto.createHash("sha256").update(sql).digest("hex");
      const previous = doneByName.get(name);
      if (previous) {
        if (previous !== checksum) log.warn({ migration: name }, "an applied migration was edited afterwards; it is not re-run");
        continue;
      }
      const id = crypto.randomUUID();
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`, [id, checksum, name]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
      applied.push(name);
      log.info({ migration: name }, "applied migration");
    }
    await runWorkerMigrations({ connectionString, logger: graphileLogger(log) });
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]).catch(() => {});
    await client.end();
  }
  return applied;
}
