import { MutationObserver, type QueryClient } from "@tanstack/react-query";
import { isApiError, readApiAnswer } from "~/utils/api-client";
import { applySuccess, changesToSend, getBrowserStore, normalizeValues, rebase, withoutRedundant, type AutosaveStore, type PatchMap, type ServerState } from "./autosave-store";

/**
 * The save queue, on TanStack Query's mutations (docs/decisions/007-autosave-offline-queue.md).
 * A queued save carries only {progressId, draftId}: its mutationFn reads the draft when it runs,
 * so it sends the latest changes with the latest known version, and saves queued behind it find
 * nothing left and finish without a request. Registered with `setMutationDefaults`, so saves
 * persisted while offline resume after a reload, on whatever page the student opens.
 */

// Saves paused offline are persisted under this key: it names the operation (the procedure
// progress.save, served as PATCH /api/v1/mission-progress/{id}) and stays stable across releases.
export const AUTOSAVE_MUTATION_KEY = ["autosave", "progress.save"] as const;

export interface AutosaveVariables {
  progressId: string;
  draftId: string;
}

export interface SaveInput {
  progressId: string;
  version: number;
  subtasks: PatchMap;
}

export interface SaveResponse {
  version: number;
  subtasks: unknown;
  updatedAt: string;
}

export type SaveFn = (input: SaveInput) => Promise<SaveResponse>;

export type SaveOutcome = "saved" | "nothing" | "conflict" | "failed" | "skipped";

export type SaveErrorKind = { kind: "conflict"; current: ServerState } | { kind: "fatal"; code: string; message: string } | { kind: "retry" };

/**
 * How to treat a failed save (an ApiError from the REST answer, or anything else thrown):
 * a version conflict carries the server's state; other refusals by the server (4xx) cannot be
 * fixed by retrying and are recorded on the draft (NOT_FOUND too); everything else (no network,
 * timeouts, 5xx, rate limits) is retried.
 */
export function classifySaveError(error: unknown): SaveErrorKind {
  if (!isApiError(error)) return { kind: "retry" };
  const current = (error.details as { current?: { version?: unknown; subtasks?: unknown } } | undefined)?.current;
  if (error.code === "VERSION_CONFLICT" && current && typeof current.version === "number") {
    return { kind: "conflict", current: { version: current.version, subtasks: normalizeValues(current.subtasks) } };
  }
  if (error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429) {
    return { kind: "fatal", code: error.code, message: error.message || "The server refused this change." };
  }
  return { kind: "retry" };
}

/** Longest a save may take before it counts as failed (and is retried). */
export const SAVE_TIMEOUT_MS = 20_000;
/** Browsers cap the bodies of `keepalive` requests in flight at 64 KiB. */
const KEEPALIVE_MAX_BODY = 60_000;

/**
 * The autosave's fetch: same-origin credentials, a timeout so a hung request cannot block the
 * save queue, and `keepalive` for small bodies so the save sent when the tab is hidden or closed
 * still reaches the server.
 */
export function autosaveFetch(fetchImpl: typeof fetch = (url, init) => fetch(url, init), timeoutMs = SAVE_TIMEOUT_MS): typeof fetch {
  return (url, init) => {
    const body = typeof init?.body === "string" ? init.body : "";
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal && typeof AbortSignal.any === "function" ? AbortSignal.any([init.signal, timeout]) : (init?.signal ?? timeout);
    return fetchImpl(url, { ...init, signal, credentials: "same-origin", keepalive: body.length > 0 && body.length < KEEPALIVE_MAX_BODY });
  };
}

/**
 * A save over REST v1: `PATCH /api/v1/mission-progress/{id}` with `{version, subtasks}`. The
 * transport's own concerns (credentials, timeout, keepalive) belong to the `fetch` given.
 */
export function restSave(fetchImpl: typeof fetch): SaveFn {
  return async ({ progressId, version, subtasks }) => {
    const response = await fetchImpl(`/api/v1/mission-progress/${encodeURIComponent(progressId)}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ version, subtasks }),
    });
    return await readApiAnswer<SaveResponse>(response);
  };
}

export interface RunSaveDeps {
  save: SaveFn;
  store: () => AutosaveStore | null;
  /** True when another open tab owns the draft (it sends its own changes). */
  ownedElsewhere?: (draftId: string) => Promise<boolean>;
}

/** One run of the save queue for one draft. Network trouble is thrown (and retried). */
export async function runSave({ progressId, draftId }: AutosaveVariables, deps: RunSaveDeps): Promise<SaveOutcome> {
  const store = deps.store();
  if (!store) return "skipped";
  if (deps.ownedElsewhere && (await deps.ownedElsewhere(draftId))) return "skipped";
  // A conflict that merges cleanly is sent again at once; a few rounds at most.
  let rebased = false;
  for (let round = 0; round < 3; round += 1) {
    const draft = store.read(progressId, draftId);
    if (!draft || draft.conflict) return "nothing";
    const sent = changesToSend(draft);
    if (Object.keys(sent).length === 0) {
      // After a conflict that showed the server already had everything, that is a save too.
      if (rebased) store.update(progressId, draftId, (fresh) => fresh && { ...withoutRedundant(fresh), savedAt: new Date().toISOString() });
      else if (Object.keys(draft.changes).length > 0) store.update(progressId, draftId, (fresh) => fresh && withoutRedundant(fresh));
      return rebased ? "saved" : "nothing";
    }
    try {
      const saved = await deps.save({ progressId, version: draft.version, subtasks: sent });
      store.update(progressId, draftId, (fresh) =>
        fresh ? applySuccess(fresh, sent, { version: saved.version, subtasks: normalizeValues(saved.subtasks), updatedAt: saved.updatedAt }) : null,
      );
      return "saved";
    } catch (error) {
      const failure = classifySaveError(error);
      if (failure.kind === "retry") throw error;
      if (failure.kind === "fatal") {
        store.update(progressId, draftId, (fresh) => fresh && { ...fresh, error: { code: failure.code, message: failure.message } });
        return "failed";
      }
      const next = store.update(progressId, draftId, (fresh) => fresh && rebase(fresh, failure.current));
      if (!next || next.conflict) return "conflict";
      rebased = true;
    }
  }
  return "nothing";
}

export function registerAutosaveMutation(queryClient: QueryClient, deps: Omit<RunSaveDeps, "store"> & { store?: RunSaveDeps["store"] }): void {
  const fullDeps: RunSaveDeps = { store: getBrowserStore, ...deps };
  queryClient.setMutationDefaults(AUTOSAVE_MUTATION_KEY, {
    mutationFn: (variables: AutosaveVariables) => runSave(variables, fullDeps),
    retry: (_failureCount: number, error: unknown) => classifySaveError(error).kind === "retry",
    // PRODUCT.md: at most 30 s between attempts while changes wait.
    retryDelay: (failureCount: number) => Math.min(1_000 * 2 ** failureCount, 30_000),
    networkMode: "online",
    gcTime: 60_000,
  });
}

export function autosaveScope(progressId: string): { id: string } {
  return { id: `progress:${progressId}` };
}

function isFor(variables: unknown, target: AutosaveVariables): boolean {
  const value = variables as Partial<AutosaveVariables> | undefined;
  return value?.progressId === target.progressId && value?.draftId === target.draftId;
}

/**
 * Queues a save of the draft, unless one is already waiting (it will read the latest changes
 * when it runs): however long the student types offline, at most one save waits per draft.
 */
export function enqueueSave(queryClient: QueryClient, variables: AutosaveVariables): Promise<SaveOutcome | undefined> {
  const cache = queryClient.getMutationCache();
  const waiting = cache.findAll({
    mutationKey: [...AUTOSAVE_MUTATION_KEY],
    status: "pending",
    predicate: (mutation) => mutation.state.isPaused && isFor(mutation.state.variables, variables),
  });
  if (waiting.length > 0) return Promise.resolve(undefined);
  const observer = new MutationObserver<SaveOutcome, unknown, AutosaveVariables>(queryClient, {
    mutationKey: [...AUTOSAVE_MUTATION_KEY],
    scope: autosaveScope(variables.progressId),
  });
  return observer.mutate(variables).catch(() => undefined);
}

export interface PendingSaveState {
  /** A save of this draft is on its way to the server right now. */
  sending: boolean;
  /** Failed attempts of the current save (it keeps retrying). */
  failures: number;
  /** Saves of this draft queued or paused (offline). */
  queued: number;
}

export function pendingSaveState(queryClient: QueryClient, variables: AutosaveVariables): PendingSaveState {
  const mutations = queryClient
    .getMutationCache()
    .findAll({ mutationKey: [...AUTOSAVE_MUTATION_KEY], status: "pending", predicate: (mutation) => isFor(mutation.state.variables, variables) });
  return {
    sending: mutations.some((mutation) => !mutation.state.isPaused),
    failures: Math.max(0, ...mutations.map((mutation) => mutation.state.failureCount)),
    queued: mutations.length,
  };
}
