import pg from "pg";
import { REVIEW_CHANNEL } from "./queries.server";

/** "changed": the review changed (or may have: look again); "closing": the process is shutting down, end the stream. */
type Listener = (event: "changed" | "closing") => void;

/**
 * One PostgreSQL connection per web process that LISTENs for review changes (the job NOTIFYs in
 * the transaction that stores a review), fanned out to the students' open event streams. It works
 * with any number of web and worker processes, since PostgreSQL carries the notice. Connected on
 * the first subscriber; if the connection drops it reconnects and tells every subscriber to look
 * again, because notices sent meanwhile are lost.
 */
export class ReviewChangeHub {
  readonly #connectionString: string;
  readonly #listeners = new Map<string, Set<Listener>>();
  #client: pg.Client | null = null;
  #connecting: Promise<void> | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(connectionString: string) {
    this.#connectionString = connectionString;
  }

  /** Calls `listener` after each committed change to the progress record's review; returns the unsubscribe function. */
  subscribe(progressId: string, listener: Listener): () => void {
    let set = this.#listeners.get(progressId);
    if (!set) this.#listeners.set(progressId, (set = new Set()));
    set.add(listener);
    void this.#connect();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(progressId);
    };
  }

  /** Resolves once the LISTEN is in place (streams wait for it before reading the state they start from). */
  ready(): Promise<void> {
    return this.#connect();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const set of this.#listeners.values()) for (const listener of set) listener("closing");
    this.#listeners.clear();
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  #connect(): Promise<void> {
    if (this.#client || this.#closed) return Promise.resolve();
    this.#connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.#connectionString });
      client.on("notification", (message) => {
        if (message.channel === REVIEW_CHANNEL && message.payload) this.#emit(message.payload);
      });
      client.on("error", () => this.#lost(client));
      client.on("end", () => this.#lost(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${REVIEW_CHANNEL}`);
        // Closed while connecting (shutdown): this connection must not outlive the hub.
        if (this.#closed) await client.end();
        else this.#client = client;
      } catch {
        await client.end().catch(() => {});
        this.#scheduleReconnect();
      } finally {
        this.#connecting = null;
      }
    })();
    return this.#connecting;
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = null;
    void client.end().catch(() => {});
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#listeners.size === 0 || this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.#connect().then(() => {
        // Notices sent while the connection was down are gone: every stream reads its state again.
        if (this.#client) for (const progressId of [...this.#listeners.keys()]) this.#emit(progressId);
      });
    }, 1_000);
    this.#retryTimer.unref();
  }

  #emit(progressId: string): void {
    for (const listener of this.#listeners.get(progressId) ?? []) {
      try {
        listener("changed");
      } catch {
        // One broken stream must not stop the others.
      }
    }
  }
}

// On globalThis: the server entry and the Remix bundle are two copies of this module, and
// shutdown (in the entry) must reach the streams the bundle's routes opened.
const HUBS = Symbol.for("mxp.review-change-hubs");
const hubs: Map<string, ReviewChangeHub> = ((globalThis as { [HUBS]?: Map<string, ReviewChangeHub> })[HUBS] ??= new Map<string, ReviewChangeHub>());

/** The process's hub for a database (one process may serve several in tests). */
export function reviewChangeHub(connectionString: string): ReviewChangeHub {
  let hub = hubs.get(connectionString);
  if (!hub) hubs.set(connectionString, (hub = new ReviewChangeHub(connectionString)));
  return hub;
}

/** Closes every hub's connection (shutdown, tests). */
export async function closeReviewChangeHubs(): Promise<void> {
  await Promise.all([...hubs.values()].map((hub) => hub.close()));
  hubs.clear();
}
