import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { logger } from "~/server/logger.server";
import { PrismaClient } from "@prisma/client";
import { databaseUrl } from "./env.server";

export type Db = PrismaClient;
export type { Prisma } from "@prisma/client";
import type { Prisma } from "@prisma/client";

// One client per process: the server entry (run by tsx) and the Remix bundle load this module
// separately, and dev rebuilds re-evaluate it, so the instance lives on globalThis.
const globalForDb = globalThis as unknown as { __mxpDb?: { url: string; client: PrismaClient } };
// The adapter does not own a pool it is given, so each client carries its pool, to end it with
// the client (a global symbol, because the server entry and the Remix bundle are two module copies).
const POOL = Symbol.for("mxp.db.pool");
type ClientWithPool = PrismaClient & { [POOL]?: pg.Pool };

export function createDb(connectionString: string, options: { max?: number } = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on("error", (error) => logger.warn({ error: error.message }, "database connection lost"));
  const client: ClientWithPool = new PrismaClient({ adapter: new PrismaPg(pool) });
  client[POOL] = pool;
  return client;
}

/** The process-wide Prisma client for the current DATABASE_URL. */
export function getDb(): PrismaClient {
  const url = databaseUrl();
  const existing = globalForDb.__mxpDb;
  if (existing && existing.url === url) return existing.client;
  const client = createDb(url);
  globalForDb.__mxpDb = { url, client };
  return client;
}

export async function disconnectDb(): Promise<void> {
  const existing = globalForDb.__mxpDb;
  globalForDb.__mxpDb = undefined;
  if (existing) await closeDb(existing.client);
}

export async function closeDb(client: PrismaClient): Promise<void> {
  await client.$disconnect();
  await (client as ClientWithPool)[POOL]?.end();
}

/** A client or a transaction's client: what queries take. */
export type Queryable = PrismaClient | Prisma.TransactionClient;

/**
 * The pg pool behind a full client; none for a transaction's client, whose statements must run on
 * the transaction's connection (only the full client has $transaction: a transaction client
 * forwards property reads to its parent, so it would find the pool too).
 */
export function poolOf(db: Queryable): pg.Pool | undefined {
  return "$transaction" in db ? (db as ClientWithPool)[POOL] : undefined;
}
