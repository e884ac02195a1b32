// A save made offline waits in localStorage (under the autosave's persister key) until a page
// sends it. The mission page's AutosaveProvider does that itself; any other page loads the
// resumer, and React Query with it, only when such a save is waiting.

export const PAUSED_SAVES_KEY = "mxp.query-cache.v1";
let providerMounted = false;

/** Called by the mission page's provider: this document's saves are in its hands. */
export function noteAutosaveProvider(): void {
  providerMounted = true;
}

/** On any page once it is in the browser: send the saves a closed page left waiting. */
export function resumePausedSavesIfAny(): void {
  if (providerMounted) return;
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(PAUSED_SAVES_KEY);
  } catch {
    return; // Storage is blocked: nothing can be waiting there.
  }
  if (!hasPausedSaves(stored)) return;
  void import("./resume-paused-saves").then((module) => module.resumePausedSaves());
}

function hasPausedSaves(stored: string | null): boolean {
  if (!stored) return false;
  try {
    const persisted = JSON.parse(stored) as { clientState?: { mutations?: unknown[] } };
    return (persisted.clientState?.mutations?.length ?? 0) > 0;
  } catch {
    return false;
  }
}
