import { AsyncLocalStorage } from "node:async_hooks";

// Remix hands each loader of a page its own Request object, so a per-request memo cannot key
// on the Request. Each HTTP request runs inside this scope instead (app/server/http.server.ts).
// It lives on globalThis because the server entry and the Remix bundle are two module copies.
const KEY = Symbol.for("mxp.request-scope");
const holder = globalThis as unknown as { [KEY]?: AsyncLocalStorage<Map<string, unknown>> };
export const requestScope: AsyncLocalStorage<Map<string, unknown>> = (holder[KEY] ??= new AsyncLocalStorage());

/** Computes a value once per HTTP request (every time, outside a request). */
export function oncePerRequest<T>(key: string, compute: () => T): T {
  const store = requestScope.getStore();
  if (!store) return compute();
  if (!store.has(key)) store.set(key, compute());
  return store.get(key) as T;
}
