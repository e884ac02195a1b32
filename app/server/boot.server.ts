import path from "node:path";
import { getEnv, type Env } from "~/utils/env.server";
import { reviewerConfig } from "~/features/reviews/reviewer-config.server";
import { disconnectDb, getDb } from "~/utils/db.server";
import { closeMailTransport } from "~/adapters/mail/mail.server";
import { startWorker, type WorkerHandle } from "#jobs/runner.server";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "./embedded-postgres.server";
import { applyMigrations } from "./migrate.server";
import { logger as rootLogger, type Logger } from "./logger.server";

export interface Booted {
  env: Env;
  log: Logger;
  databaseUrl: string;
  embedded?: EmbeddedDatabase;
  worker?: WorkerHandle;
  /** Runs the shutdown sequence once; later calls wait for the first. */
  shutdown(reason: string): Promise<void>;
  onShutdown(step: () => Promise<void>): void;
}

/**
 * The start-up sequence shared by `npm run dev`, `npm start` and `npm run worker`:
 * database (embedded when DATABASE_URL is unset) → migrations → demo seed on an empty
 * development database → job worker. Web servers register their own shutdown step first, so
 * shutdown runs: stop accepting requests → stop the worker (running jobs finish, the rest are
 * released) → close the mail server connections and the pool → stop the embedded server.
 */
export async function boot(options: { worker: boolean; seed: boolean; log?: Logger }): Promise<Booted> {
  const env = getEnv();
  // A reviewer configuration that names no single reviewer stops the start with what to change.
  reviewerConfig(env);
  const log = options.log ?? rootLogger;
  const started = Date.now();
  let embedded: EmbeddedDatabase | undefined;
  if (!env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dir: path.join(env.DATA_DIR, "postgres"), database: "mxp", log });
    process.env.DATABASE_URL = embedded.url;
  }
  const databaseUrl = process.env.DATABASE_URL!;
  const shutdownSteps: Array<() => Promise<void>> = [];
  let shuttingDown: Promise<void> | undefined;
  const booted: Booted = {
    env,
    log,
    databaseUrl,
    embedded,
    onShutdown(step) {
      shutdownSteps.push(step);
    },
    shutdown(reason) {
      shuttingDown ??= (async () => {
        log.info({ reason }, "shutting down");
        for (const step of shutdownSteps) {
          try {
            await step();
          } catch (error) {
            log.error({ error }, "shutdown step failed");
          }
        }
        await booted.worker?.stop().catch((error) => log.error({ error }, "worker stop failed"));
        closeMailTransport();
        await disconnectDb().catch(() => {});
        await embedded?.stop().catch((error) => log.error({ error }, "embedded PostgreSQL stop failed"));
        log.info({}, "shutdown complete");
      })();
      return shuttingDown;
    },
  };
  try {
    await applyMigrations(databaseUrl, log);
    const db = getDb();
    if (options.seed && env.NODE_ENV !== "production" && env.SEED_DEMO) {
      const { seedDemoAcademyIfEmpty } = await import("#prisma/seed.server");
      await seedDemoAcademyIfEmpty(db, log);
    }
    if (options.worker) {
      booted.worker = await startWorker({ connectionString: databaseUrl, db, log, concurrency: env.WORKER_CONCURRENCY, heartbeatEveryMs: env.WORKER_HEARTBEAT_SECONDS * 1000 });
    }
  } catch (error) {
    await booted.shutdown("start-up failed");
    throw error;
  }
  log.info({ ms: Date.now() - started, embedded: Boolean(embedded) }, "database ready");
  return booted;
}

/** Ctrl-C and SIGTERM run the shutdown sequence once; a second Ctrl-C forces the exit. */
export function handleSignals(booted: Booted): void {
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      booted.log.warn({ signal }, "forced exit");
      process.exit(1);
    }
    void booted.shutdown(signal).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}
