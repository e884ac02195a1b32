import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { ProgressStatus } from "~/domain/mission-progress";
import { isWaitingForReview } from "~/features/progress/status";
import { useReviewPolling } from "~/features/progress/use-review-polling";

/**
 * While the student waits for a review, the page listens to its live channel (server-sent
 * events) and fetches itself again when the review's state differs from what it shows. When the
 * channel is not open (no EventSource, a proxy that drops it, a server restarting) it looks every
 * 5 s instead, as PRODUCT.md asks.
 */
export function useLiveReview(eventsUrl: string, shown: { status: ProgressStatus; review: string | null }): void {
  const revalidator = useRevalidator();
  const [live, setLive] = useState(false);
  const latest = useRef({ shown, revalidator });
  // The last state the channel announced, and whether a fetch of the page has started since. An
  // announcement that arrives while the page is still fetching itself for the previous one (the
  // review runs, then completes, within a fraction of a second) is acted on once that fetch ends;
  // otherwise the page would show "running" until the next change, which may never come.
  const announced = useRef<{ progressStatus: string; review: string | null; fetched: boolean } | null>(null);
  const fetchIfBehind = useRef(() => {
    const state = announced.current;
    const { shown: current, revalidator: reload } = latest.current;
    if (!state || state.fetched || reload.state !== "idle") return;
    if (state.progressStatus === current.status && state.review === current.review) return;
    state.fetched = true;
    reload.revalidate();
  });
  useEffect(() => {
    latest.current = { shown, revalidator };
    fetchIfBehind.current();
  });
  const waiting = isWaitingForReview(shown.status);

  useEffect(() => {
    if (!waiting || typeof EventSource === "undefined") return;
    const source = new EventSource(eventsUrl);
    source.addEventListener("open", () => setLive(true));
    source.addEventListener("error", () => setLive(source.readyState === EventSource.OPEN));
    source.addEventListener("review", (event) => {
      const state = JSON.parse((event as MessageEvent<string>).data) as { progressStatus: string; review: string | null };
      announced.current = { ...state, fetched: false };
      fetchIfBehind.current();
    });
    return () => {
      source.close();
      setLive(false);
    };
  }, [eventsUrl, waiting]);

  useReviewPolling(shown.status, { enabled: !live });
}
