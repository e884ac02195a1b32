// The service worker: a student who reloads a mission page while offline gets the copy kept from
// the last time it was open, and the notes they typed offline come from the autosave's drafts in
// localStorage. Online, pages always come from the server. See docs/decisions/031.
//
// Two caches per release (the build's version is the `v` of this script's address):
// - the shell: the build's fingerprinted JS and CSS and the favicon, kept as fetched;
// - the pages: copies of the mission pages the signed-in student opened, and whose they are.
// Pages hold one person's data: they are dropped on log-out, when someone else signs in (or
// nobody is), when the server no longer shows the page, and with the release they came from; and
// none is shown after the session it was kept under would have ended, so the next person to use
// a browser someone left signed in never sees it offline once the server would refuse it online.
"use strict";

const RELEASE = new URL(self.location.href).searchParams.get("v") || "unversioned";
const SHELL = `mxp-shell-${RELEASE}`;
const PAGES_PREFIX = "mxp-pages-";
const PAGES = `${PAGES_PREFIX}${RELEASE}`;
const OWNED_BY = "/__offline/owner";
const MISSION_PAGE = /^\/dashboard\/student\/missions\/[^/]+$/;
const SHELL_FILE = /^\/build\/[^?#]+$/;

self.addEventListener("install", (event) => {
  // A missing favicon must not stop the worker from installing.
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.add("/favicon.svg"))
      .catch(() => undefined),
  );
  // The worker's rules hold for every release's pages, so the newest one takes over at once.
  void self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("mxp-") && name !== SHELL && name !== PAGES) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === "/logout") {
    // The copies go before the log-out is sent, so no later offline reload can show them.
    event.respondWith(forgetPages().then(() => fetch(request)));
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate" && MISSION_PAGE.test(url.pathname)) {
    event.respondWith(networkFirst(event, pageKey(url)));
    return;
  }
  if (SHELL_FILE.test(url.pathname) || url.pathname === "/favicon.svg") event.respondWith(cacheFirst(request));
});

// Messages from the pages, one at a time in the order they came (a change of owner must drop
// the pages before a page of the new owner is kept).
let messages = Promise.resolve();
self.addEventListener("message", (event) => {
  const message = event.data && typeof event.data === "object" ? event.data : {};
  messages = messages.then(() => handle(message)).catch(() => undefined);
  event.waitUntil(messages);
});

async function handle(message) {
  if (message.type === "owner") await noteOwner(ownerOf(message));
  else if (message.type === "keep") {
    await noteOwner(ownerOf(message));
    await keep(message);
  } else if (message.type === "forget") await forgetPages();
}

/** A message's owner: their id (null: nobody signed in) and when their session ends (ms; 0: unknown). */
function ownerOf(message) {
  const until = typeof message.until === "string" ? Date.parse(message.until) : NaN;
  return { owner: typeof message.owner === "string" ? message.owner : null, until: Number.isFinite(until) ? until : 0 };
}

/** The server's answer when there is one; the kept copy only when the network failed. */
async function networkFirst(event, key) {
  let response;
  try {
    response = await fetch(event.request);
  } catch (error) {
    const kept = await keptCopy(key);
    if (kept) return kept;
    throw error;
  }
  event.waitUntil(keepOrForget(key, response.clone()));
  return response;
}

/** The build's files never change under the same name. */
async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const kept = await cache.match(request, { ignoreVary: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

/**
 * A page the server showed is kept; one it now refuses (a redirect to log in, not found, not
 * yours) is dropped. A server error says nothing about the page, so the copy stays.
 */
async function keepOrForget(key, response) {
  const pages = await caches.open(PAGES);
  const type = response.headers.get("Content-Type") || "";
  if (response.status === 200 && response.type === "basic" && type.startsWith("text/html")) await pages.put(key, response);
  else if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 500)) await pages.delete(key);
}

/**
 * A mission page the student has open: its copy, fetched again unless the page itself came
 * through this worker (`page: false`), and the build files it loaded.
 */
async function keep(message) {
  const url = new URL(String(message.url), self.location.origin);
  if (url.origin !== self.location.origin || !MISSION_PAGE.test(url.pathname)) return;
  const key = pageKey(url);
  const pages = await caches.open(PAGES);
  if (message.page !== false || !(await pages.match(key, { ignoreVary: true }))) {
    try {
      const response = await fetch(key, { credentials: "same-origin", redirect: "manual", headers: { Accept: "text/html" } });
      await keepOrForget(key, response);
    } catch {
      // Offline: the copy kept earlier stays.
    }
  }
  const shell = await caches.open(SHELL);
  const files = Array.isArray(message.assets) ? message.assets : [];
  for (const file of files) {
    const path = new URL(String(file), self.location.origin);
    if (path.origin !== self.location.origin || !SHELL_FILE.test(path.pathname)) continue;
    if (await shell.match(path.href, { ignoreVary: true })) continue;
    await shell.add(path.href).catch(() => undefined);
  }
}

/** A kept page, while the session it was kept under lasts; after that every kept page goes. */
async function keptCopy(key) {
  const owned = await ownership();
  if (!owned) return undefined;
  if (!(owned.until > Date.now())) {
    await forgetPages();
    return undefined;
  }
  return (await caches.open(PAGES)).match(key, { ignoreVary: true });
}

/** Whose pages the cache holds and until when ({owner, until}), or null. */
async function ownership() {
  const stored = await (await caches.open(PAGES)).match(OWNED_BY);
  if (!stored) return null;
  try {
    const owned = JSON.parse(await stored.text());
    return owned && typeof owned.owner === "string" && typeof owned.until === "number" ? owned : null;
  } catch {
    return null;
  }
}

/**
 * Whose pages the cache holds: anyone else (or nobody signed in) and they go. The same person's
 * end only moves on: a page shown offline from this cache reports the end it was kept with, which
 * a later page online may have moved on already (a session the server ended signs the page out).
 */
async function noteOwner({ owner, until }) {
  const previous = await ownership();
  if ((previous?.owner ?? null) !== owner) await forgetPages();
  const end = previous?.owner === owner ? Math.max(previous.until, until) : until;
  if (owner) await (await caches.open(PAGES)).put(OWNED_BY, new Response(JSON.stringify({ owner, until: end })));
}

/** Drops every kept page, of this release and any other. */
async function forgetPages() {
  for (const name of await caches.keys()) if (name.startsWith(PAGES_PREFIX)) await caches.delete(name);
}

function pageKey(url) {
  return `${url.origin}${url.pathname}`;
}
