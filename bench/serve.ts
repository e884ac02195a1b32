// The server the scale benchmarks (bench/scale.ts) drive: the production build, as `npm start`
// runs it (without the job worker unless RUN_WORKER=true), against the DATABASE_URL it is given, listening on PORT.
//
// With BENCH_COUNT_QUERIES=1 it also counts every SQL statement sent to PostgreSQL by this
// process (pg.Client#query: Prisma's adapter, raw queries, transactions) and answers
//   GET  /__bench/queries        → {"count": n, "statements": [the first 40 since the reset, abridged]}
//   POST /__bench/queries/reset  → {"count": 0}
// Both exist only in this bench process, mounted through createHttpApp's `beforeRoutes`.
import pg from "pg";
import { boot, handleSignals } from "~/server/boot.server";
import { closeServer, createHttpApp, listen, loadBuild } from "~/server/http.server";

const counting = process.env.BENCH_COUNT_QUERIES === "1";
let queries = 0;
let statements: string[] = [];
if (counting) {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- the original method is called with its own this through .apply
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
    queries += 1;
    const first = args[0];
    const text = typeof first === "string" ? first : ((first as { text?: string } | undefined)?.text ?? "");
    if (statements.length < 40) statements.push(text.replace(/\s+/g, " ").trim().slice(0, 160));
    return original.apply(this, args);
  };
}

if (!process.env.DATABASE_URL) throw new Error("bench/serve.ts needs DATABASE_URL");
// The review benchmark runs the job worker in the server, as `npm start` does by default.
const booted = await boot({ worker: process.env.RUN_WORKER === "true", seed: false });
handleSignals(booted);
const app = createHttpApp({
  mode: "production",
  build: await loadBuild(),
  log: booted.log,
  beforeRoutes: counting
    ? (express) => {
        express.get("/__bench/queries", (_req, res) => {
          res.json({ count: queries, statements });
        });
        express.post("/__bench/queries/reset", (_req, res) => {
          queries = 0;
          statements = [];
          res.json({ count: 0 });
        });
      }
    : undefined,
});
const server = await listen(app, booted.env.PORT, booted.log);
booted.onShutdown(() => closeServer(server));
process.send?.({ ready: true, port: booted.env.PORT });
