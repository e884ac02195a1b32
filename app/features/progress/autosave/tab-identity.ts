/**
 * Which tab owns which draft. Each tab has an id kept in sessionStorage (so a reload keeps its
 * drafts) and holds a Web Lock named after it for as long as it lives: a draft whose owner's
 * lock is free belongs to a closed or crashed tab and may be adopted. Browsers without the
 * Web Locks API fall back to a heartbeat in localStorage.
 */

const TAB_KEY = "mxp.autosave.tab";
const LOCK_PREFIX = "mxp-autosave-tab:";
const HEARTBEAT_PREFIX = "mxp.autosave.alive.";
const HEARTBEAT_MS = 5_000;
const HEARTBEAT_STALE_MS = 15_000;

let tabId: string | null = null;
let claimed: Promise<string> | null = null;

function randomId(): string {
  if (typeof crypto !== "undefined" && "randomUUID" in crypto) return crypto.randomUUID().replace(/-/g, "").slice(0, 16);
  return Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
}

function locks(): LockManager | null {
  return typeof navigator !== "undefined" && navigator.locks && typeof navigator.locks.request === "function" ? navigator.locks : null;
}

/** This tab's id (synchronous; may change once if `claimTab` finds a duplicated tab). */
export function currentTabId(): string {
  if (tabId) return tabId;
  try {
    tabId = sessionStorage.getItem(TAB_KEY);
  } catch {
    tabId = null;
  }
  if (!tabId) {
    tabId = randomId();
    try {
      sessionStorage.setItem(TAB_KEY, tabId);
    } catch {
      // private mode: an id for this page view only
    }
  }
  return tabId;
}

function tryHold(name: string): Promise<boolean> {
  const manager = locks()!;
  return new Promise((resolve) => {
    manager
      .request(name, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(false);
          return null;
        }
        resolve(true);
        return new Promise<void>(() => undefined); // held until the tab goes away
      })
      .catch(() => resolve(false));
  });
}

function startHeartbeat(id: string): void {
  const beat = () => {
    try {
      localStorage.setItem(HEARTBEAT_PREFIX + id, String(Date.now()));
    } catch {
      // nothing to do
    }
  };
  beat();
  setInterval(beat, HEARTBEAT_MS);
  window.addEventListener("pagehide", () => {
    try {
      localStorage.removeItem(HEARTBEAT_PREFIX + id);
    } catch {
      // nothing to do
    }
  });
  window.addEventListener("pageshow", beat);
}

/**
 * Makes this tab the live owner of its id. A duplicated tab (browsers copy sessionStorage)
 * finds the lock taken and switches to a fresh id.
 */
export function claimTab(): Promise<string> {
  if (claimed) return claimed;
  claimed = (async () => {
    let id = currentTabId();
    if (!locks()) {
      startHeartbeat(id);
      return id;
    }
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (await tryHold(LOCK_PREFIX + id)) break;
      id = randomId();
      tabId = id;
      try {
        sessionStorage.setItem(TAB_KEY, id);
      } catch {
        // nothing to do
      }
    }
    return id;
  })();
  return claimed;
}

/** Whether the tab that owns `id` is open right now (in this browser profile). */
export async function isTabAlive(id: string): Promise<boolean> {
  if (id === tabId) return true;
  const manager = locks();
  if (manager) {
    try {
      const snapshot = await manager.query();
      return (snapshot.held ?? []).some((lock) => lock.name === LOCK_PREFIX + id);
    } catch {
      return false;
    }
  }
  try {
    const beat = Number(localStorage.getItem(HEARTBEAT_PREFIX + id));
    return Number.isFinite(beat) && Date.now() - beat < HEARTBEAT_STALE_MS;
  } catch {
    return false;
  }
}
