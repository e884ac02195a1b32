import { useRouteLoaderData } from "@remix-run/react";
import { useEffect } from "react";

// The browser side of the service worker in public/sw.js (docs/decisions/031): registering it,
// switching it off, and telling it whose pages it holds and which mission page to keep.

/** Who is signed in (null: nobody) and until when their session lasts unless used again (ISO time). */
type Owner = { owner: string | null; until: string | null };
type WorkerMessage = ({ type: "owner" } & Owner) | ({ type: "keep"; url: string; page: boolean; assets: string[] } & Owner);

let active = false;
let firstKeep = true;

/**
 * Registers the worker of this release (its version is in the address, so a new release installs
 * a new worker, which drops the old release's caches), or, when switched off, unregisters any
 * worker a former page installed and deletes its caches.
 */
export function startServiceWorker({ enabled, release }: { enabled: boolean; release: string }): void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  if (!enabled) {
    void retireServiceWorker();
    return;
  }
  active = true;
  const register = () => {
    navigator.serviceWorker.register(`/sw.js?v=${encodeURIComponent(release)}`, { scope: "/" }).catch(() => {
      // No worker (private browsing, storage blocked): the pages still work online.
      active = false;
    });
  };
  // After the page's own files: the worker's first download does not compete with them.
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}

/** The kill switch's browser half: no worker, no kept pages. */
export async function retireServiceWorker(): Promise<void> {
  const registrations = await navigator.serviceWorker.getRegistrations();
  await Promise.all(registrations.map((registration) => registration.unregister()));
  if (typeof caches === "undefined") return;
  for (const name of await caches.keys()) if (name.startsWith("mxp-")) await caches.delete(name);
}

function tell(message: WorkerMessage): void {
  if (!active) return;
  void navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage(message));
}

/**
 * Who is signed in (their id, from the root loader), or null, and until when: the worker drops
 * its pages when the person changes and shows none after the session would have ended.
 */
function useOwner(): Owner {
  const data = useRouteLoaderData<{ offlineOwner?: string | null; offlineUntil?: string | null }>("root");
  return { owner: data?.offlineOwner ?? null, until: data?.offlineUntil ?? null };
}

/** Every page: who is signed in now (log-out, expiry and another person's log-in all change it). */
export function useOfflineOwner(): void {
  const { owner, until } = useOwner();
  useEffect(() => tell({ type: "owner", owner, until }), [owner, until]);
}

/**
 * A mission page: keep a copy for an offline reload, again whenever its data changes (a start,
 * a submission, a review), with the build files it loaded.
 */
export function useKeepForOffline(data: unknown): void {
  const { owner, until } = useOwner();
  useEffect(() => {
    if (!active) return;
    tell({ type: "keep", url: window.location.pathname, owner, until, page: !documentCameThroughWorker(), assets: loadedBuildFiles() });
  }, [data, owner, until]);
}

/**
 * The page's first data is that of its document; when the worker answered that navigation it
 * has kept the copy already and need not fetch the page again.
 */
function documentCameThroughWorker(): boolean {
  const first = firstKeep;
  firstKeep = false;
  if (!first) return false;
  const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
  return !!navigation && navigation.workerStart > 0 && new URL(navigation.name).pathname === window.location.pathname;
}

/** The build's files this page loaded so far (scripts, styles, lazily loaded modules). */
function loadedBuildFiles(): string[] {
  const files = new Set<string>();
  for (const entry of performance.getEntriesByType("resource")) {
    const url = new URL(entry.name);
    if (url.origin === window.location.origin && url.pathname.startsWith("/build/")) files.add(url.pathname);
  }
  return [...files];
}
