import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { databaseUrl } from "./env.server";

export type Db = PrismaClient;
export type { Prisma } from "@prisma/client";

// One client per process: the server entry (run by tsx) and the Remix bundle load this module
// separately, and dev rebuilds re-evaluate it, so the instance lives on globalThis.
const globalForDb = globalThis as unknown as { __mxpDb?: { url: string; client: PrismaClient } };

export function createDb(connectionString: string, options: { max?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
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
  if (existing) await existing.client.$disconnect();
}
