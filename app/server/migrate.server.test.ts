import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "~/utils/db.server";
import { createLogger } from "./logger.server";
import { applyMigrations } from "./migrate.server";

describe("applyMigrations", () => {
  it("records migrations in Prisma's table and applies nothing twice", async () => {
    const rows = z
      .array(z.object({ migration_name: z.string(), finished_at: z.date().nullable() }))
      .parse(await getDb().$queryRaw`SELECT migration_name, finished_at FROM "_prisma_migrations"`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
    // the test database is a copy of an already-migrated template
    expect(await applyMigrations(process.env.DATABASE_URL!, createLogger({ level: "silent" }))).toEqual([]);
  });

  it("is safe when several processes boot at once", async () => {
    const log = createLogger({ level: "silent" });
    const results = await Promise.all([1, 2, 3].map(() => applyMigrations(process.env.DATABASE_URL!, log)));
    expect(results.flat()).toEqual([]);
  });
});
