import type { SaveState } from "./save-state-text";

const TONES: Record<SaveState["kind"], string> = {
  idle: "bg-slate-100 text-slate-700",
  saved: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  saving: "bg-brand-50 text-brand-800 ring-brand-200",
  offline: "bg-amber-50 text-amber-900 ring-amber-200",
  retrying: "bg-amber-50 text-amber-900 ring-amber-200",
  conflict: "bg-red-50 text-red-800 ring-red-200",
  error: "bg-red-50 text-red-800 ring-red-200",
};

function Icon({ kind }: { kind: SaveState["kind"] }) {
  if (kind === "saving") {
    return (
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4 animate-spin motion-reduce:animate-none" fill="none" stroke="currentColor" strokeWidth="2.5">
        <path strokeLinecap="round" d="M12 3a9 9 0 1 0 9 9" />
      </svg>
    );
  }
  if (kind === "saved" || kind === "idle") {
    return (
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2.5">
        <path strokeLinecap="round" strokeLinejoin="round" d="m5 13 4 4L19 7" />
      </svg>
    );
  }
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2.5">
      <path strokeLinecap="round" d="M12 8v5m0 3.5v.01M10.3 3.9 2.4 18a2 2 0 0 0 1.7 3h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z" />
    </svg>
  );
}

/** The autosave indicator: a polite live region, so screen readers hear "Saved 12:04" etc. */
export function SaveStateIndicator({ state, className = "" }: { state: SaveState; className?: string }) {
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="save-state"
      data-state={state.kind}
      className={`inline-flex items-center gap-2 rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ring-transparent ${TONES[state.kind]} ${className}`}
    >
      <Icon kind={state.kind} />
      <span>{state.text}</span>
    </p>
  );
}
