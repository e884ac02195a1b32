import { useEffect, useRef, useState } from "react";

/**
 * Asks before a start that uses the month's quota ("This uses your 1 start for December."). Forms
 * that start a mission carry `data-confirm-start` and `data-mission-title`; with JavaScript,
 * submitting one opens this dialog, and confirming sends the same form with `confirmed=yes`.
 * Without JavaScript the form reaches the server unconfirmed, which answers with the confirmation
 * page (dashboard.student.missions.$id_.start.tsx). `question` null: the plan has no monthly
 * limit, nothing is asked.
 */
export function StartConfirmDialog({ question }: { question: string | null }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const pending = useRef<{ form: HTMLFormElement; submitter: HTMLElement | null } | null>(null);
  const [title, setTitle] = useState("");

  useEffect(() => {
    if (!question) return undefined;
    const ask = (event: SubmitEvent) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !("confirmStart" in form.dataset) || form.elements.namedItem("confirmed")) return;
      // Before the router's own handler sees it: the form is sent once the student confirms.
      event.preventDefault();
      event.stopPropagation();
      pending.current = { form, submitter: event.submitter };
      setTitle(form.dataset.missionTitle ?? "this mission");
      dialog.current?.showModal();
    };
    document.addEventListener("submit", ask, true);
    return () => document.removeEventListener("submit", ask, true);
  }, [question]);

  if (!question) return null;

  const confirm = () => {
    const current = pending.current;
    dialog.current?.close();
    if (!current) return;
    const confirmed = Object.assign(document.createElement("input"), { type: "hidden", name: "confirmed", value: "yes" });
    current.form.append(confirmed);
    current.form.requestSubmit(current.submitter instanceof HTMLButtonElement ? current.submitter : null);
    // The form's data is read as it is submitted: a later submit of this form (a refusal, a second card) asks again.
    confirmed.remove();
    pending.current = null;
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby="start-confirm-title"
      aria-describedby="start-confirm-question"
      className="w-[calc(100%-2rem)] max-w-md rounded-xl p-6 shadow-xl backdrop:bg-slate-900/50"
      data-testid="start-confirm-dialog"
    >
      <h2 id="start-confirm-title" className="text-lg font-semibold text-slate-900">
        Start “{title}”?
      </h2>
      <p id="start-confirm-question" className="mt-2 text-sm text-slate-700">
        {question}
      </p>
      <div className="mt-6 flex flex-wrap justify-end gap-3">
        <button type="button" className="btn-secondary" onClick={() => dialog.current?.close()}>
          Not now
        </button>
        <button type="button" className="btn-primary" onClick={confirm}>
          Start the mission
        </button>
      </div>
    </dialog>
  );
}
