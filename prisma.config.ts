/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call -- the work-around for prisma/prisma#27403 patches the adapter's private, untyped query path */
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The Prisma CLI runs the WASM schema engine through the pg driver adapter, because the native
// schema engine cannot be downloaded on machines without access to Prisma's binary servers.
// The app itself applies migrations at boot (app/server/migrate.server.ts); this file is for
// `prisma migrate diff|dev|deploy|studio` run by hand.
//
// Work-around for https://github.com/prisma/prisma/issues/27403: through @prisma/adapter-pg the
// migrate engine fails with "Column type 'name' could not be deserialized". Columns of the
// Postgres types `name` (oid 19) and `"char"` (oid 18) are reported as `text` (oid 25).
// Remove once that issue is fixed upstream.
type Queryable = { performIO?: (...args: any[]) => Promise<any>; startTransaction?: (...args: any[]) => Promise<any> };

function reportNameColumnsAsText<T extends Queryable>(target: T): T {
  const performIO = target.performIO?.bind(target);
  if (performIO) {
    target.performIO = async (...args: any[]) => {
      const result = await performIO(...args);
      for (const field of result?.fields ?? []) {
        if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
      }
      return result;
    };
  }
  const startTransaction = target.startTransaction?.bind(target);
  if (startTransaction) {
    target.startTransaction = async (...args: any[]) => reportNameColumnsAsText(await startTransaction(...args));
  }
  return target;
}

function patchedAdapter() {
  const factory = new PrismaPg({ connectionString: process.env.DATABASE_URL });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => reportNameColumnsAsText((await connect()) as any);
  const connectToShadowDb = (factory as any).connectToShadowDb?.bind(factory);
  if (connectToShadowDb) {
    (factory as any).connectToShadowDb = async () => reportNameColumnsAsText(await connectToShadowDb());
  }
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => patchedAdapter(),
});
