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
  useEffect(() => {
    latest.current = { shown, revalidator };
  });
  const waiting = isWaitingForReview(shown.status);

  useEffect(() => {
    if (!waiting || typeof EventSource === "undefined") return;
    const source = new EventSource(eventsUrl);
    source.addEventListener("open", () => setLive(true));
    source.addEventListener("error", () => setLive(source.readyState === EventSource.OPEN));
    source.addEventListener("review", (event) => {
      const state = JSON.parse((event as MessageEvent<string>).data) as { progressStatus: string; review: string | null };
      const { shown: current, revalidator: reload } = latest.current;
      if ((state.progressStatus !== current.status || state.review !== current.review) && reload.state === "idle") reload.revalidate();
    });
    return () => {
      source.close();
      setLive(false);
    };
  }, [eventsUrl, waiting]);

  useReviewPolling(shown.status, { enabled: !live });
}
