import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import type { ProgressStatus } from "~/domain/mission-progress";
import { isWaitingForReview } from "./status";

/** While a review is pending (and `enabled`), the page looks for its result every 5 s, only while the tab is visible. */
export function useReviewPolling(status: ProgressStatus, { enabled = true, intervalMs = 5_000 }: { enabled?: boolean; intervalMs?: number } = {}): void {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!enabled || !isWaitingForReview(status)) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && revalidator.state === "idle") revalidator.revalidate();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [status, revalidator, intervalMs, enabled]);
}
