import type { PublicUser } from "~/features/accounts/service.server";
import type { Db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { idSchema, parseOrThrow } from "~/utils/validation";
import { reviewChangeHub } from "./live.server";

/** What an open mission page needs to know to decide whether to fetch the page again. */
export interface ReviewLiveState {
  progressStatus: string;
  attempt: number;
  review: "pending" | "running" | "completed" | "failed" | null;
}

const REVIEW_STATES = { PENDING: "pending", RUNNING: "running", COMPLETED: "completed", FAILED: "failed" } as const;

/** The caller's progress on a mission (by id or slug) and its latest attempt's review state, in one read. */
export async function reviewLiveState(db: Db, user: PublicUser, missionRef: string): Promise<ReviewLiveState & { progressId: string }> {
  // Prisma reads the record and its latest review in separate statements; one snapshot keeps a
  // review stored between them from pairing a finished review with the attempt's old status.
  const progress = await db.$transaction(
    (tx) =>
      tx.missionProgress.findFirst({
        where: { userId: user.id, mission: { OR: [{ id: missionRef }, { slug: missionRef }] } },
        select: { id: true, status: true, currentAttempt: true, submissions: { orderBy: { attempt: "desc" }, take: 1, select: { aiReview: { select: { status: true } } } } },
      }),
    { isolationLevel: "RepeatableRead" },
  );
  if (!progress) throw AppError.notFound("Your progress on this mission");
  const latest = progress.submissions[0]?.aiReview?.status;
  return { progressId: progress.id, progressStatus: progress.status, attempt: progress.currentAttempt, review: latest ? REVIEW_STATES[latest] : null };
}

export const HEARTBEAT_MS = 20_000;

/**
 * A server-sent event stream of the caller's review state on one mission: the state at once,
 * then again after every change the review pipeline announces (PostgreSQL NOTIFY), with a
 * comment line every 20 s so proxies keep the connection. Ends when the client goes, or when the
 * process shuts down (the browser then reconnects to another process, or falls back to polling).
 */
export async function reviewEventsResponse(db: Db, user: PublicUser, rawMissionRef: unknown, signal: AbortSignal, connectionString: string): Promise<Response> {
  const missionRef = parseOrThrow(idSchema, rawMissionRef);
  const first = await reviewLiveState(db, user, missionRef);
  const hub = reviewChangeHub(connectionString);
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      let last = "";
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const sendState = (state: ReviewLiveState) => {
        const data = JSON.stringify({ progressStatus: state.progressStatus, attempt: state.attempt, review: state.review });
        if (data === last) return;
        last = data;
        send(`event: review\ndata: ${data}\n\n`);
      };
      let reading: Promise<void> = Promise.resolve();
      const unsubscribe = hub.subscribe(first.progressId, (event) => {
        if (event === "closing") return close();
        // One read at a time, in order: the last state sent is the latest committed one.
        reading = reading.then(async () => {
          if (!open) return;
          try {
            sendState(await reviewLiveState(db, user, missionRef));
          } catch {
            close();
          }
        });
      });
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      heartbeat.unref();
      function close() {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      }
      cleanup = close;
      signal.addEventListener("abort", close);
      // The client may have gone while the first state was read.
      if (signal.aborted) return close();
      send("retry: 3000\n\n");
      // Listen first, then read: a change committed in between is either in this read or announced.
      await hub.ready();
      sendState(await reviewLiveState(db, user, missionRef).catch(() => first));
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  });
}
