/** What the save indicator says (pure; the component lives in save-state.tsx). */

export type SaveStateKind = "idle" | "saving" | "saved" | "offline" | "retrying" | "conflict" | "error";

export interface SaveStateInput {
  online: boolean;
  /** Subtasks with changes the server has not confirmed. */
  unsent: number;
  /** A save request is on its way. */
  sending: boolean;
  /** Failed attempts of the current save (network or server trouble), 0 when none. */
  failures: number;
  conflict: boolean;
  error: string | null;
  /** When the server last confirmed a save (ISO), if it has during this draft's life. */
  savedAt: string | null;
}

export interface SaveState {
  kind: SaveStateKind;
  text: string;
}

/** Local time as HH:MM (24 h), e.g. "12:04". */
export function formatClock(date: Date): string {
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}

export function changesKept(count: number): string {
  return `${count} change${count === 1 ? "" : "s"} kept on this device`;
}

export function describeSaveState(input: SaveStateInput): SaveState {
  const savedAt = input.savedAt ? new Date(input.savedAt) : null;
  const saved = savedAt && !Number.isNaN(savedAt.getTime()) ? `Saved ${formatClock(savedAt)}` : "All changes saved";
  if (input.conflict) return { kind: "conflict", text: "Conflict — this work was changed elsewhere; choose which version to keep" };
  if (input.error) {
    return { kind: "error", text: input.unsent > 0 ? `Not saved — ${input.error} ${capitalise(changesKept(input.unsent))}.` : `Not saved — ${input.error}` };
  }
  if (!input.online) return input.unsent > 0 ? { kind: "offline", text: `Offline — ${changesKept(input.unsent)}` } : { kind: "offline", text: `Offline — ${lower(saved)}` };
  if (input.unsent > 0 && input.failures > 0) return { kind: "retrying", text: `Can't reach the server — ${changesKept(input.unsent)}; retrying` };
  if (input.unsent > 0 || input.sending) return { kind: "saving", text: "Saving…" };
  return { kind: input.savedAt ? "saved" : "idle", text: saved };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
