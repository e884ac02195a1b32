import { useEffect, useRef } from "react";
import type { ProgressStatus } from "~/domain/mission-progress";
import { statusSentence, statusTone, type StatusTone } from "~/features/progress/status";

const TONES: Record<StatusTone, string> = {
  done: "bg-emerald-50 text-emerald-900",
  yours: "bg-brand-50 text-brand-900",
  waiting: "bg-amber-50 text-amber-900",
};

/** Where the work stands, in a sentence; brought into view when it changes to a status the student waits in (after submitting). */
export function ProgressStatusLine({ status, editable, currentAttempt }: { status: ProgressStatus; editable: boolean; currentAttempt: number }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current !== status && !editable) ref.current?.scrollIntoView({ block: "center", behavior: "smooth" });
    previous.current = status;
  }, [status, editable]);
  return (
    <p ref={ref} role="status" data-testid="progress-status" data-status={status} className={`rounded-xl px-4 py-2.5 text-sm font-medium ${TONES[statusTone(status)]}`}>
      {statusSentence(status)}
      {currentAttempt > 0 && editable ? ` · attempt ${currentAttempt} was submitted` : ""}
    </p>
  );
}
