import { onlineManager, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import {
  adoptDraft,
  conflictEntries,
  draftKey,
  emptyDraft,
  getBrowserStore,
  hasKept,
  hasUnsent,
  prepareDraft,
  rebase,
  recordChange,
  recordReflection,
  resetToServer,
  resolveConflict,
  takeNewerServerState,
  unsentSubtaskIds,
  viewOf,
  type ConflictChoice,
  type ConflictEntry,
  type Draft,
  type ServerState,
  type SubtaskPatch,
  type ValuesMap,
} from "./autosave-store";
import { enqueueSave, pendingSaveState, type PendingSaveState } from "./save-mutation";
import { describeSaveState, type SaveState } from "./save-state-text";
import { AUTOSAVE_DEBOUNCE_MS, AUTOSAVE_MAX_WAIT_MS, createSaveScheduler, type SaveScheduler } from "./scheduler";
import { claimTab, currentTabId, isTabAlive } from "./tab-identity";

export interface UseAutosaveOptions {
  progressId: string;
  subtaskIds: string[];
  /** The progress as the loader delivered it. */
  loaded: ServerState;
  editable: boolean;
}

export type SyncResult = { ok: true } | { ok: false; reason: "offline" | "conflict" | "error" | "timeout"; message: string };

export interface Autosave {
  /** The draft is loaded and edits are being saved (false during server rendering and hydration). */
  ready: boolean;
  /** What the editors show. */
  values: ValuesMap;
  change(subtaskId: string, patch: SubtaskPatch): void;
  saveState: SaveState;
  unsentSubtaskIds: string[];
  conflicts: ConflictEntry[];
  resolve(choices: Record<string, ConflictChoice>): void;
  /** Sends everything now and waits until the server has it (before submitting). */
  sync(timeoutMs?: number): Promise<SyncResult>;
  /** Drops changes that can no longer be saved (the work was submitted meanwhile). */
  discard(): void;
  /** The reflection being written, kept in the draft (never sent by the autosave). */
  reflection: string;
  setReflection(reflection: string): void;
  /** After a successful submission: the reflection is now the server's. */
  clearReflection(): void;
}

const NOTHING_PENDING: PendingSaveState = { sending: false, failures: 0, queued: 0 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function subscribeOnline(callback: () => void) {
  return onlineManager.subscribe(callback);
}

/**
 * Autosave for one mission progress (PRODUCT.md, "Work"): edits go to a draft in localStorage at
 * once; a save is queued 1 s after the last change, at most 30 s after the first one waiting,
 * and when the tab is hidden or left. See docs/decisions/007-autosave-offline-queue.md.
 */
export function useAutosave({ progressId, subtaskIds, loaded, editable }: UseAutosaveOptions): Autosave {
  const queryClient = useQueryClient();
  const store = typeof window === "undefined" ? null : getBrowserStore();
  const [draftId, setDraftId] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const loadedRef = useRef(loaded);
  loadedRef.current = loaded;
  const editableRef = useRef(editable);
  editableRef.current = editable;
  const draftIdRef = useRef<string | null>(null);
  draftIdRef.current = draftId;

  const draft = useSyncExternalStore(
    useCallback((callback: () => void) => (store ? store.subscribe(callback) : () => undefined), [store]),
    () => (store && draftId ? store.read(progressId, draftId) : null),
    () => null,
  );
  const online = useSyncExternalStore(
    subscribeOnline,
    () => onlineManager.isOnline(),
    () => true,
  );

  const [pending, setPending] = useState<PendingSaveState>(NOTHING_PENDING);
  useEffect(() => {
    if (!draftId) return;
    const update = () => {
      const next = pendingSaveState(queryClient, { progressId, draftId });
      setPending((previous) => (previous.sending === next.sending && previous.failures === next.failures && previous.queued === next.queued ? previous : next));
    };
    update();
    return queryClient.getMutationCache().subscribe(update);
  }, [queryClient, progressId, draftId]);

  const enqueue = useCallback(() => {
    const id = draftIdRef.current;
    if (!id || !editableRef.current) return;
    void enqueueSave(queryClient, { progressId, draftId: id });
  }, [queryClient, progressId]);

  const schedulerRef = useRef<SaveScheduler | null>(null);
  if (!schedulerRef.current) schedulerRef.current = createSaveScheduler({ wait: AUTOSAVE_DEBOUNCE_MS, maxWait: AUTOSAVE_MAX_WAIT_MS, onFlush: () => enqueue() });
  const scheduler = schedulerRef.current;

  // Open the draft: this tab's own (a reload keeps it), then adopt those of closed tabs.
  useEffect(() => {
    if (!store) return;
    let cancelled = false;
    let id = currentTabId();
    store.update(progressId, id, (own) => prepareDraft(progressId, id, own, [], loadedRef.current));
    // A reflection the page kept before reflections moved into the drafts.
    const legacy = store.takeLegacyReflection(progressId);
    if (legacy) store.update(progressId, id, (own) => own && (own.reflection ? own : recordReflection(own, legacy)));
    setDraftId(id);
    setReady(true);

    // Another tab, or a closed tab's queued save resumed here, reached a newer version: with
    // nothing of ours pending, follow it (so the editors never show an older state).
    const prefix = draftKey(progressId, "");
    const follow = (other: Draft | null) => {
      if (!other || other.draftId === id || pendingSaveState(queryClient, { progressId, draftId: id }).queued > 0) return;
      const own = store.read(progressId, id);
      if (own && takeNewerServerState(own, other) !== own) store.update(progressId, id, (current) => current && takeNewerServerState(current, other));
    };
    const unsubscribe = store.subscribe((key) => {
      if (key.startsWith(prefix) && key !== draftKey(progressId, id)) follow(store.read(progressId, key.slice(prefix.length)));
    });

    void (async () => {
      const claimed = await claimTab();
      if (cancelled) return;
      if (claimed !== id) {
        // A duplicated tab: the original keeps the old id; this one continues under a new one.
        const copy = store.read(progressId, id);
        if (copy) store.write({ ...copy, draftId: claimed });
        id = claimed;
        setDraftId(id);
      }
      const orphans: Draft[] = [];
      for (const other of store.list(progressId)) {
        if (other.draftId !== id && !(await isTabAlive(other.draftId))) orphans.push(other);
      }
      if (cancelled) return;
      const adopted = orphans.filter(hasKept).sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
      if (adopted.length > 0) {
        store.update(progressId, id, (own) => {
          let merged = own ?? emptyDraft(progressId, id, loadedRef.current);
          for (const orphan of adopted) merged = adoptDraft(merged, orphan);
          return merged;
        });
      }
      // Adopted drafts go; empty ones once they are clearly stale (a tab opened this instant
      // may not hold its lock yet).
      const staleBefore = new Date(Date.now() - 60_000).toISOString();
      for (const orphan of orphans) if (hasKept(orphan) || orphan.updatedAt < staleBefore) store.remove(progressId, orphan.draftId);
      for (const other of store.list(progressId)) follow(other);
      const current = store.read(progressId, id);
      if (current && hasUnsent(current) && !current.conflict) enqueue();
    })();
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [store, progressId, enqueue, queryClient]);

  // A newer state from the loader (after a submission, an upload, a revalidation).
  useEffect(() => {
    if (!store || !draftId) return;
    store.update(progressId, draftId, (current) => {
      if (!current) return prepareDraft(progressId, draftId, null, [], loaded);
      if (loaded.version <= current.version) return current;
      if (!hasUnsent(current)) return resetToServer(current, loaded);
      if (pendingSaveState(queryClient, { progressId, draftId }).sending) return current;
      return rebase(current, loaded);
    });
    // Only a new version matters (`loaded` itself is read through the latest render).
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per progress record; loaded and queryClient are stable for it
  }, [store, progressId, draftId, loaded.version]);

  // Save when the tab is hidden or left, and keep trying every 30 s while changes wait.
  useEffect(() => {
    if (!store || !draftId) return;
    const flushNow = () => {
      scheduler.flush();
      const current = store.read(progressId, draftId);
      if (current && unsentSubtaskIds(current).length > 0 && !current.conflict) enqueue();
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flushNow();
    };
    const interval = setInterval(() => {
      const current = store.read(progressId, draftId);
      if (current && unsentSubtaskIds(current).length > 0 && !current.conflict && !current.error && pendingSaveState(queryClient, { progressId, draftId }).queued === 0) {
        enqueue();
      }
    }, AUTOSAVE_MAX_WAIT_MS);
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", flushNow);
    return () => {
      clearInterval(interval);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", flushNow);
    };
  }, [store, progressId, draftId, scheduler, enqueue, queryClient]);

  // Leaving the page within the app (client-side navigation): send what waits.
  useEffect(() => () => scheduler.flush(), [scheduler]);

  const change = useCallback(
    (subtaskId: string, patch: SubtaskPatch) => {
      const id = draftIdRef.current;
      if (!store || !id || !editableRef.current) return;
      store.update(progressId, id, (current) => recordChange(current ?? emptyDraft(progressId, id, loadedRef.current), subtaskId, patch));
      scheduler.changed();
    },
    [store, progressId, scheduler],
  );

  const resolve = useCallback(
    (choices: Record<string, ConflictChoice>) => {
      const id = draftIdRef.current;
      if (!store || !id) return;
      store.update(progressId, id, (current) => current && resolveConflict(current, choices));
      enqueue();
    },
    [store, progressId, enqueue],
  );

  const discard = useCallback(() => {
    const id = draftIdRef.current;
    if (!store || !id) return;
    store.update(progressId, id, (current) => current && { ...current, changes: {}, conflict: null, error: null });
  }, [store, progressId]);

  const setReflection = useCallback(
    (reflection: string) => {
      const id = draftIdRef.current;
      if (!store || !id) return;
      store.update(progressId, id, (current) => recordReflection(current ?? emptyDraft(progressId, id, loadedRef.current), reflection));
    },
    [store, progressId],
  );

  const clearReflection = useCallback(() => {
    const id = draftIdRef.current;
    if (!store || !id) return;
    store.update(progressId, id, (current) => current && recordReflection(current, ""));
  }, [store, progressId]);

  const sync = useCallback(
    async (timeoutMs = 15_000): Promise<SyncResult> => {
      const id = draftIdRef.current;
      if (!store || !id) return { ok: true };
      scheduler.flush();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = store.read(progressId, id);
        const state = pendingSaveState(queryClient, { progressId, draftId: id });
        if (current?.conflict) return { ok: false, reason: "conflict", message: "A step was changed in another tab or device: choose which version to keep at that step first." };
        if (current?.error) return { ok: false, reason: "error", message: `Your latest changes could not be saved: ${current.error.message}` };
        const unsent = current ? unsentSubtaskIds(current).length : 0;
        if (unsent === 0 && state.queued === 0) return { ok: true };
        if (!onlineManager.isOnline())
          return { ok: false, reason: "offline", message: "You are offline: your latest changes are kept on this device. Submit once you are back online." };
        if (unsent > 0 && state.queued === 0) enqueue();
        if (Date.now() > deadline) return { ok: false, reason: "timeout", message: "Your latest changes are not saved yet. Try again in a moment." };
        await sleep(100);
      }
    },
    [store, progressId, queryClient, scheduler, enqueue],
  );

  const unsent = useMemo(() => (draft ? unsentSubtaskIds(draft) : []), [draft]);
  const values = useMemo(() => (draft ? viewOf(draft, subtaskIds) : loaded.subtasks), [draft, subtaskIds, loaded.subtasks]);
  const conflicts = useMemo(() => (draft ? conflictEntries(draft) : []), [draft]);
  const saveState = describeSaveState({
    online,
    unsent: unsent.length,
    sending: pending.sending,
    failures: pending.failures,
    conflict: !!draft?.conflict,
    error: draft?.error?.message ?? null,
    savedAt: draft?.savedAt ?? null,
  });

  return {
    ready: ready && !!draft,
    values,
    change,
    saveState,
    unsentSubtaskIds: unsent,
    conflicts,
    resolve,
    sync,
    discard,
    reflection: draft?.reflection ?? "",
    setReflection,
    clearReflection,
  };
}
