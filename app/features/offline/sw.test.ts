import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

// public/sw.js itself, run in a sandbox that stands in for a service worker's global scope: the
// Cache API as maps, `fetch` answered by each test, events dispatched by hand.

const ORIGIN = "https://mxp.test";
const MISSION = `${ORIGIN}/dashboard/student/missions/def-first-shift-auth-log`;
const SOURCE = fs.readFileSync(path.resolve("public", "sw.js"), "utf8");

type Key = string | { url: string };
const keyOf = (key: Key) => (typeof key === "string" ? new URL(key, ORIGIN).href : key.url);

class FakeCache {
  entries = new Map<string, Response>();
  constructor(private readonly fetcher: (request: Key) => Promise<Response>) {}
  async match(key: Key) {
    return this.entries.get(keyOf(key))?.clone();
  }
  async put(key: Key, response: Response) {
    this.entries.set(keyOf(key), response);
  }
  async add(key: Key) {
    const response = await this.fetcher(key);
    if (!response.ok) throw new TypeError("bad response");
    this.entries.set(keyOf(key), response);
  }
  async delete(key: Key) {
    return this.entries.delete(keyOf(key));
  }
}

class FakeCacheStorage {
  stores = new Map<string, FakeCache>();
  constructor(private readonly fetcher: (request: Key) => Promise<Response>) {}
  async open(name: string) {
    let cache = this.stores.get(name);
    if (!cache) this.stores.set(name, (cache = new FakeCache(this.fetcher)));
    return cache;
  }
  async keys() {
    return [...this.stores.keys()];
  }
  async delete(name: string) {
    return this.stores.delete(name);
  }
  /** The URLs a cache holds, or none. */
  urls(name: string) {
    return [...(this.stores.get(name)?.entries.keys() ?? [])];
  }
}

interface FakeRequest {
  url: string;
  method: string;
  mode: string;
}

/** A response as the browser's fetch gives it (same-origin: type "basic"). */
function answer(body: string, init: { status?: number; type?: string; contentType?: string } = {}): Response {
  const response = new Response(init.status === 302 ? null : body, {
    status: init.status === 302 ? 200 : (init.status ?? 200),
    headers: { "Content-Type": init.contentType ?? "text/html; charset=utf-8" },
  });
  // A manual redirect reaches the worker as an opaque answer with status 0.
  const type = init.status === 302 ? "opaqueredirect" : (init.type ?? "basic");
  Object.defineProperty(response, "type", { value: type });
  if (init.status === 302) Object.defineProperty(response, "status", { value: 0 });
  const clone = response.clone.bind(response);
  response.clone = () => {
    const copy = clone();
    Object.defineProperty(copy, "type", { value: type });
    return copy;
  };
  return response;
}

function startWorker(release = "r2") {
  const listeners = new Map<string, (event: unknown) => void>();
  const network = { online: true, answer: (_url: string): Response => answer("<html>fresh</html>"), requests: [] as string[] };
  const fetcher = async (request: Key) => {
    const url = keyOf(request);
    network.requests.push(url);
    if (!network.online) throw new TypeError("Failed to fetch");
    return network.answer(url);
  };
  const caches = new FakeCacheStorage(fetcher);
  const scope = {
    location: new URL(`${ORIGIN}/sw.js?v=${release}`),
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
    skipWaiting: async () => undefined,
    clients: { claim: async () => undefined },
    caches,
    fetch: fetcher,
    Response,
    URL,
    Promise,
  };
  vm.runInNewContext(SOURCE, Object.assign(scope, { self: scope }));

  /** Dispatches an event; resolves with what it answered (if it did) once all its work is done. */
  async function dispatch(type: string, fields: object): Promise<{ answered: boolean; response?: Response }> {
    const work: Promise<unknown>[] = [];
    let answered: Promise<Response> | undefined;
    listeners.get(type)!({ ...fields, respondWith: (value: Promise<Response>) => (answered = value), waitUntil: (value: Promise<unknown>) => work.push(value) });
    const response = answered ? await answered : undefined;
    for (let i = 0; i < work.length; i += 1) await work[i];
    return { answered: !!answered, response };
  }
  const request = (url: string, init: Partial<FakeRequest> = {}): FakeRequest => ({ url, method: "GET", mode: "no-cors", ...init });
  return {
    caches,
    network,
    install: () => dispatch("install", {}),
    activate: () => dispatch("activate", {}),
    fetch: (req: FakeRequest) => dispatch("fetch", { request: req }),
    navigate: (url: string) => dispatch("fetch", { request: request(url, { mode: "navigate" }) }),
    message: (data: object) => dispatch("message", { data }),
    request,
  };
}

const IN_A_WEEK = new Date(Date.now() + 7 * 86_400_000).toISOString();

describe("the service worker (public/sw.js)", () => {
  test("a mission page comes from the server while online, and its copy is kept", async () => {
    const worker = startWorker();
    const { response } = await worker.navigate(MISSION);
    expect(await response!.text()).toBe("<html>fresh</html>");
    expect(worker.caches.urls("mxp-pages-r2")).toEqual([MISSION]);
  });

  test("online, the server's page is shown even when a copy is kept", async () => {
    const worker = startWorker();
    await worker.navigate(MISSION);
    worker.network.answer = () => answer("<html>newer</html>");
    const { response } = await worker.navigate(MISSION);
    expect(await response!.text()).toBe("<html>newer</html>");
  });

  test("offline, the kept copy is shown; without one the navigation fails as it would without the worker", async () => {
    const worker = startWorker();
    await worker.message({ type: "owner", owner: "student-a", until: IN_A_WEEK });
    await worker.navigate(MISSION);
    worker.network.online = false;
    const { response } = await worker.navigate(`${MISSION}?from=list`);
    expect(await response!.text()).toBe("<html>fresh</html>");
    await expect(worker.navigate(`${ORIGIN}/dashboard/student/missions/another-mission`)).rejects.toThrow("Failed to fetch");
  });

  test("a page the server now refuses (log in first, not found) is dropped; a server error keeps the copy", async () => {
    const worker = startWorker();
    await worker.navigate(MISSION);
    worker.network.answer = () => answer("oops", { status: 500 });
    await worker.navigate(MISSION);
    expect(worker.caches.urls("mxp-pages-r2")).toEqual([MISSION]);
    worker.network.answer = () => answer("", { status: 302 });
    await worker.navigate(MISSION);
    expect(worker.caches.urls("mxp-pages-r2")).toEqual([]);
  });

  test("other pages, other methods and other origins are left to the browser", async () => {
    const worker = startWorker();
    expect((await worker.navigate(`${ORIGIN}/dashboard`)).answered).toBe(false);
    expect((await worker.navigate(`${ORIGIN}/dashboard/student/missions`)).answered).toBe(false);
    expect((await worker.fetch(worker.request(`${MISSION}?_data=routes%2Fdashboard.student.missions.%24id`))).answered).toBe(false);
    expect((await worker.fetch(worker.request(`${MISSION}/review-events`))).answered).toBe(false);
    expect((await worker.fetch(worker.request(MISSION, { method: "POST", mode: "navigate" }))).answered).toBe(false);
    expect((await worker.fetch(worker.request("https://cdn.example/build/app.js"))).answered).toBe(false);
    expect(worker.network.requests).toEqual([]);
  });

  test("the build's files are fetched once and then come from the cache", async () => {
    const worker = startWorker();
    worker.network.answer = () => answer("js", { contentType: "text/javascript" });
    const file = `${ORIGIN}/build/production/root-ABC.js`;
    await worker.fetch(worker.request(file));
    worker.network.online = false;
    const { response } = await worker.fetch(worker.request(file));
    expect(await response!.text()).toBe("js");
    expect(worker.network.requests).toEqual([file]);
  });

  test("log-out drops every kept page before the log-out is sent", async () => {
    const worker = startWorker();
    await worker.navigate(MISSION);
    worker.network.answer = () => {
      expect(worker.caches.urls("mxp-pages-r2")).toEqual([]);
      return answer("", { status: 302 });
    };
    const { answered } = await worker.fetch(worker.request(`${ORIGIN}/logout`, { method: "POST", mode: "navigate" }));
    expect(answered).toBe(true);
    expect(worker.network.requests.at(-1)).toBe(`${ORIGIN}/logout`);
    expect(await worker.caches.keys()).not.toContain("mxp-pages-r2");
  });

  test("pages are dropped when someone else, or nobody, is signed in", async () => {
    const worker = startWorker();
    await worker.message({ type: "owner", owner: "student-a" });
    await worker.navigate(MISSION);
    await worker.message({ type: "owner", owner: "student-a" });
    expect(worker.caches.urls("mxp-pages-r2")).toContain(MISSION);

    await worker.message({ type: "owner", owner: "student-b" });
    expect(worker.caches.urls("mxp-pages-r2")).not.toContain(MISSION);

    await worker.navigate(MISSION);
    await worker.message({ type: "owner", owner: null });
    expect(worker.caches.urls("mxp-pages-r2")).toEqual([]);
  });

  test("no kept page is shown offline after the session it was kept under would have ended, and the copies go", async () => {
    const worker = startWorker();
    await worker.message({ type: "owner", owner: "student-a", until: new Date(Date.now() + 150).toISOString() });
    await worker.navigate(MISSION);
    expect(worker.caches.urls("mxp-pages-r2")).toContain(MISSION);
    await new Promise((resolve) => setTimeout(resolve, 200));
    worker.network.online = false;
    await expect(worker.navigate(MISSION)).rejects.toThrow("Failed to fetch");
    expect(worker.caches.urls("mxp-pages-r2").filter((url) => url.includes("/missions/"))).toEqual([]);
  });

  test("a kept page shown offline does not cut the session's end short with the end it was kept under", async () => {
    const worker = startWorker();
    await worker.message({ type: "owner", owner: "student-a", until: new Date(Date.now() + 60_000).toISOString() });
    await worker.navigate(MISSION);
    // A later page online moved the end on; then the old copy, shown offline, reports its own end.
    await worker.message({ type: "owner", owner: "student-a", until: IN_A_WEEK });
    worker.network.online = false;
    await worker.navigate(MISSION);
    await worker.message({ type: "owner", owner: "student-a", until: new Date(Date.now() - 1_000).toISOString() });
    const { response } = await worker.navigate(MISSION);
    expect(await response!.text()).toBe("<html>fresh</html>");
  });

  test("without a session end the worker knows of (a page from before it was told), no kept page is shown offline", async () => {
    const worker = startWorker();
    await worker.navigate(MISSION);
    await worker.message({ type: "owner", owner: "student-a" });
    worker.network.online = false;
    await expect(worker.navigate(MISSION)).rejects.toThrow("Failed to fetch");
  });

  test("the same person's later page moves the session's end on", async () => {
    const worker = startWorker();
    await worker.message({ type: "owner", owner: "student-a", until: new Date(Date.now() - 1_000).toISOString() });
    await worker.navigate(MISSION);
    await worker.message({ type: "owner", owner: "student-a", until: IN_A_WEEK });
    worker.network.online = false;
    const { response } = await worker.navigate(MISSION);
    expect(await response!.text()).toBe("<html>fresh</html>");
  });

  test("keeping an open page: fetched unless its navigation came through the worker, with the build files it loaded", async () => {
    const worker = startWorker();
    await worker.message({ type: "owner", owner: "student-a" });
    await worker.message({
      type: "keep",
      url: "/dashboard/student/missions/def-first-shift-auth-log",
      owner: "student-a",
      page: true,
      assets: ["/build/production/route-X.js", "/elsewhere.js"],
    });
    expect(worker.network.requests).toEqual([MISSION, `${ORIGIN}/build/production/route-X.js`]);
    expect(worker.caches.urls("mxp-pages-r2")).toContain(MISSION);
    expect(worker.caches.urls("mxp-shell-r2")).toEqual([`${ORIGIN}/build/production/route-X.js`]);

    worker.network.requests = [];
    await worker.message({ type: "keep", url: "/dashboard/student/missions/def-first-shift-auth-log", owner: "student-a", page: false, assets: ["/build/production/route-X.js"] });
    expect(worker.network.requests).toEqual([]);

    // Pages outside the missions are never kept this way.
    await worker.message({ type: "keep", url: "/dashboard/account", owner: "student-a", page: true, assets: [] });
    expect(worker.network.requests).toEqual([]);
  });

  test("a keep from another person's page drops the former owner's pages first", async () => {
    const worker = startWorker();
    await worker.message({ type: "keep", url: "/dashboard/student/missions/a-mission", owner: "student-a", page: true, assets: [] });
    worker.network.online = false;
    await worker.message({ type: "keep", url: "/dashboard/student/missions/def-first-shift-auth-log", owner: "student-b", page: true, assets: [] });
    expect(worker.caches.urls("mxp-pages-r2").filter((url) => url.includes("/missions/"))).toEqual([]);
  });

  test("a new release's worker drops the former release's caches when it takes over", async () => {
    const previous = startWorker("r1");
    await previous.install();
    await previous.navigate(MISSION);
    const worker = startWorker("r2");
    worker.caches.stores = previous.caches.stores;
    await worker.install();
    await worker.activate();
    expect(await worker.caches.keys()).toEqual(["mxp-shell-r2"]);
    expect(worker.caches.urls("mxp-shell-r2")).toEqual([`${ORIGIN}/favicon.svg`]);
  });
});
