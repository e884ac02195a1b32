/**
 * Autosave drafts: the unsent changes of one browser tab to one mission progress, kept in
 * localStorage until the server has confirmed them, and the reflection being written, kept until
 * it is submitted (docs/decisions/007-autosave-offline-queue.md).
 *
 * The first half of this file is pure (merging, three-way rebase on a conflict, resolution) and
 * unit-tested; the second half is a small store over a Storage-like object (localStorage in the
 * browser, a Map in tests). Nothing here touches the DOM.
 */

export interface SubtaskValues {
  notes: string;
  completed: boolean;
}
export type SubtaskPatch = Partial<SubtaskValues>;
export type ValuesMap = Record<string, SubtaskValues>;
export type PatchMap = Record<string, SubtaskPatch>;

/** A state of the progress as the server had it. */
export interface ServerState {
  version: number;
  subtasks: ValuesMap;
}

export interface DraftConflict {
  /** Subtasks changed both here and elsewhere: the student chooses per subtask. */
  subtaskIds: string[];
  /** The server's values of those subtasks. */
  theirs: ValuesMap;
  /** The server version the conflict was found against. */
  version: number;
  at: string;
}

export interface DraftError {
  code: string;
  message: string;
}

export interface Draft {
  progressId: string;
  /** The tab (or closed tab) that owns these changes. */
  draftId: string;
  /** The server version the unsent changes are based on. */
  version: number;
  /** The server's values at `version`: the base of three-way merges. */
  server: ValuesMap;
  /** Unsent edits, merged per subtask and field (the latest value wins). */
  changes: PatchMap;
  conflict: DraftConflict | null;
  /** A failure retrying cannot fix (submitted work, logged out…); the changes stay. */
  error: DraftError | null;
  /** When the server last confirmed a save from this draft (ISO). */
  savedAt: string | null;
  /**
   * The reflection being written for the next submission. The autosave never sends it (the
   * server stores a reflection only with a submission); it lives here so a reload, a crash or a
   * closed tab loses none of it, and it is cleared once a submission has succeeded.
   */
  reflection: string;
  /** Last local edit (ISO): the newest draft wins when several are adopted at once. */
  updatedAt: string;
}

const FIELDS = ["notes", "completed"] as const;
type Field = (typeof FIELDS)[number];

const EMPTY_VALUES: SubtaskValues = { notes: "", completed: false };

/** Whatever the server sent (JSON with extra keys, missing fields) as plain {notes, completed}. */
export function normalizeValues(raw: unknown): ValuesMap {
  const result: ValuesMap = {};
  if (!raw || typeof raw !== "object") return result;
  for (const [id, entry] of Object.entries(raw as Record<string, unknown>)) {
    const value = (entry && typeof entry === "object" ? entry : {}) as { notes?: unknown; completed?: unknown };
    result[id] = { notes: typeof value.notes === "string" ? value.notes : "", completed: value.completed === true };
  }
  return result;
}

function valuesOf(map: ValuesMap, id: string): SubtaskValues {
  return map[id] ?? EMPTY_VALUES;
}

function hasFields(patch: SubtaskPatch | undefined): patch is SubtaskPatch {
  return !!patch && FIELDS.some((field) => patch[field] !== undefined);
}

function definedFields(patch: SubtaskPatch | undefined): SubtaskPatch {
  const kept: SubtaskPatch = {};
  for (const field of FIELDS) if (patch?.[field] !== undefined) (kept as Record<Field, unknown>)[field] = patch[field];
  return kept;
}

function compact(changes: PatchMap): PatchMap {
  const result: PatchMap = {};
  for (const [id, patch] of Object.entries(changes)) {
    const kept: SubtaskPatch = {};
    for (const field of FIELDS) if (patch[field] !== undefined) (kept as Record<Field, unknown>)[field] = patch[field];
    if (hasFields(kept)) result[id] = kept;
  }
  return result;
}

export function emptyDraft(progressId: string, draftId: string, server: ServerState, now: Date = new Date()): Draft {
  return {
    progressId,
    draftId,
    version: server.version,
    server: { ...server.subtasks },
    changes: {},
    conflict: null,
    error: null,
    savedAt: null,
    reflection: "",
    updatedAt: now.toISOString(),
  };
}

/**
 * A draft with nothing pending takes a newer server state as its base; what is kept only on
 * this device (the reflection, the time of the last save and of the last edit) stays.
 */
export function resetToServer(draft: Draft, server: ServerState): Draft {
  return { ...emptyDraft(draft.progressId, draft.draftId, server), savedAt: draft.savedAt, reflection: draft.reflection, updatedAt: draft.updatedAt };
}

/** What the editors show: the server's values with the unsent changes on top. */
export function viewOf(draft: Pick<Draft, "server" | "changes">, subtaskIds: string[] = Object.keys(draft.server)): ValuesMap {
  const view: ValuesMap = {};
  for (const id of new Set([...subtaskIds, ...Object.keys(draft.changes)])) view[id] = { ...valuesOf(draft.server, id), ...definedFields(draft.changes[id]) };
  return view;
}

/** Subtasks with changes the server has not confirmed yet (what "N changes kept" counts). */
export function unsentSubtaskIds(draft: Pick<Draft, "changes">): string[] {
  return Object.keys(draft.changes).filter((id) => hasFields(draft.changes[id]));
}

export function hasUnsent(draft: Pick<Draft, "changes" | "conflict">): boolean {
  return unsentSubtaskIds(draft).length > 0 || draft.conflict !== null;
}

/** Whether the draft holds anything that exists only on this device (unsent changes or a reflection). */
export function hasKept(draft: Pick<Draft, "changes" | "conflict" | "reflection">): boolean {
  return hasUnsent(draft) || draft.reflection !== "";
}

/** The reflection as typed (an empty one clears it). Never sent by the autosave, so nothing is queued. */
export function recordReflection(draft: Draft, reflection: string, now: Date = new Date()): Draft {
  if (reflection === draft.reflection) return draft;
  return { ...draft, reflection, updatedAt: now.toISOString() };
}

/** An edit: merged into the subtask's pending change, the latest value of each field wins. */
export function recordChange(draft: Draft, subtaskId: string, patch: SubtaskPatch, now: Date = new Date()): Draft {
  const merged = compact({ [subtaskId]: { ...draft.changes[subtaskId], ...patch } })[subtaskId];
  const changes = { ...draft.changes };
  if (merged) changes[subtaskId] = merged;
  else delete changes[subtaskId];
  // A new edit is a new attempt: an old "could not save" no longer describes it.
  return { ...draft, changes, error: null, updatedAt: now.toISOString() };
}

/**
 * What to send now: the pending changes minus fields the server already has. Only call this
 * when nothing else of this draft is in flight (the save queue runs one save at a time).
 */
export function changesToSend(draft: Pick<Draft, "server" | "changes">): PatchMap {
  const result: PatchMap = {};
  for (const [id, patch] of Object.entries(draft.changes)) {
    const base = valuesOf(draft.server, id);
    const kept: SubtaskPatch = {};
    for (const field of FIELDS) {
      const value = patch[field];
      if (value !== undefined && value !== base[field]) (kept as Record<Field, unknown>)[field] = value;
    }
    if (hasFields(kept)) result[id] = kept;
  }
  return result;
}

/** Drops pending fields that equal the server's values (nothing left to send for them). */
export function withoutRedundant(draft: Draft): Draft {
  return { ...draft, changes: changesToSend(draft) };
}

/**
 * The server confirmed `sent` and is now at `saved`. Changes typed while the save was on its
 * way (their values differ from what was sent and from what the server now has) stay pending,
 * now based on the new version.
 */
export function applySuccess(draft: Draft, sent: PatchMap, saved: ServerState & { updatedAt?: string }, now: Date = new Date()): Draft {
  const server = { ...draft.server, ...saved.subtasks };
  const changes: PatchMap = {};
  for (const [id, patch] of Object.entries(draft.changes)) {
    const kept: SubtaskPatch = {};
    for (const field of FIELDS) {
      const value = patch[field];
      // Confirmed, or already the server's value (nothing of ours is in flight now): done.
      if (value !== undefined && sent[id]?.[field] !== value && valuesOf(server, id)[field] !== value) (kept as Record<Field, unknown>)[field] = value;
    }
    if (hasFields(kept)) changes[id] = kept;
  }
  return {
    ...draft,
    version: saved.version,
    server,
    changes,
    error: null,
    savedAt: saved.updatedAt ?? now.toISOString(),
  };
}

/**
 * Three-way merge of the unsent changes onto a newer server state (after a VERSION_CONFLICT,
 * or when the page loads with changes kept from before). Per subtask and field:
 * - the server already has my value → nothing left to send;
 * - the server still has the base value → only I changed it: keep mine;
 * - otherwise both sides changed it → a conflict for that subtask; the student chooses.
 * A conflicted subtask keeps my whole version (notes and completed) so "Keep mine" saves exactly
 * what I saw. Earlier unresolved conflicts stay conflicts.
 */
export function rebase(draft: Draft, current: ServerState, now: Date = new Date()): Draft {
  const previous = new Set(draft.conflict?.subtaskIds ?? []);
  const changes: PatchMap = {};
  const conflicted: string[] = [];
  for (const [id, patch] of Object.entries(draft.changes)) {
    if (!hasFields(patch)) continue;
    const base = valuesOf(draft.server, id);
    const theirs = current.subtasks[id] ?? base;
    const mine = { ...base, ...definedFields(patch) };
    if (previous.has(id)) {
      if (mine.notes === theirs.notes && mine.completed === theirs.completed) continue;
      changes[id] = { notes: mine.notes, completed: mine.completed };
      conflicted.push(id);
      continue;
    }
    const kept: SubtaskPatch = {};
    let conflict = false;
    for (const field of FIELDS) {
      const value = patch[field];
      if (value === undefined || value === theirs[field]) continue;
      if (theirs[field] === base[field]) (kept as Record<Field, unknown>)[field] = value;
      else conflict = true;
    }
    if (conflict) {
      changes[id] = { notes: mine.notes, completed: mine.completed };
      conflicted.push(id);
    } else if (hasFields(kept)) {
      changes[id] = kept;
    }
  }
  const theirs: ValuesMap = {};
  for (const id of conflicted) theirs[id] = valuesOf(current.subtasks, id);
  return {
    ...draft,
    version: current.version,
    server: { ...draft.server, ...current.subtasks },
    changes,
    conflict: conflicted.length > 0 ? { subtaskIds: conflicted, theirs, version: current.version, at: now.toISOString() } : null,
  };
}

export type ConflictChoice = "mine" | "theirs" | "both";

/**
 * "Keep both": nothing typed on either side is lost. The saved notes come first (they are what
 * other tabs and devices already show), then mine; the step counts as complete if either side
 * marked it so.
 */
export function bothVersions(mine: SubtaskValues, theirs: SubtaskValues): SubtaskValues {
  const notes = [theirs.notes, mine.notes].filter((text) => text.trim() !== "");
  return { notes: notes.join("\n\n"), completed: mine.completed || theirs.completed };
}

/**
 * The student's choices, per conflicted subtask (at the step it concerns): "mine" keeps my
 * version (saved on top of the current version), "theirs" drops my change and shows the saved
 * one, "both" saves the two notes one after the other. Subtasks without a choice stay in
 * conflict, so nothing typed is dropped or overwritten without being asked; the draft is saved
 * once no conflict is left.
 */
export function resolveConflict(draft: Draft, choices: Record<string, ConflictChoice>): Draft {
  if (!draft.conflict) return draft;
  const changes = { ...draft.changes };
  const view = viewOf(draft);
  const open: string[] = [];
  const theirs: ValuesMap = {};
  for (const id of draft.conflict.subtaskIds) {
    const choice = choices[id];
    const saved = valuesOf(draft.conflict.theirs, id);
    if (choice === "theirs") delete changes[id];
    else if (choice === "both") changes[id] = bothVersions(valuesOf(view, id), saved);
    else if (choice !== "mine") {
      open.push(id);
      theirs[id] = saved;
    }
  }
  const conflict = open.length > 0 ? { ...draft.conflict, subtaskIds: open, theirs } : null;
  return { ...draft, changes, conflict, error: null };
}

/** One conflicted subtask as the dialog shows it. */
export interface ConflictEntry {
  subtaskId: string;
  mine: SubtaskValues;
  theirs: SubtaskValues;
}

export function conflictEntries(draft: Draft): ConflictEntry[] {
  if (!draft.conflict) return [];
  const view = viewOf(draft);
  return draft.conflict.subtaskIds.map((subtaskId) => ({ subtaskId, mine: valuesOf(view, subtaskId), theirs: valuesOf(draft.conflict!.theirs, subtaskId) }));
}

/**
 * The draft a page starts from: this tab's own draft (if any) and the drafts of closed tabs,
 * each rebased onto the state the page was loaded with and merged (for a subtask changed in
 * several, the most recently edited draft wins). An own draft with nothing pending simply
 * takes the loaded state.
 */
export function prepareDraft(progressId: string, draftId: string, own: Draft | null, orphans: Draft[], loaded: ServerState, now: Date = new Date()): Draft {
  let draft: Draft;
  const newest: ServerState = own && own.version > loaded.version ? { version: own.version, subtasks: own.server } : loaded;
  if (!own) draft = emptyDraft(progressId, draftId, newest, now);
  else if (!hasUnsent(own)) draft = resetToServer({ ...own, progressId, draftId }, newest);
  else draft = rebase(own, newest, now);
  for (const orphan of [...orphans].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))) draft = adoptDraft(draft, orphan, now);
  return draft;
}

/**
 * Takes over the unsent changes and the reflection of another (closed) tab's draft: the changes
 * are rebased onto this draft's version, and where both changed a subtask, or both hold a
 * reflection, the more recently edited draft wins.
 */
export function adoptDraft(own: Draft, other: Draft, now: Date = new Date()): Draft {
  if (!hasKept(other)) return own;
  const rebased = rebase(other, { version: own.version, subtasks: own.server }, now);
  const otherWins = rebased.updatedAt > own.updatedAt;
  const changes: PatchMap = { ...own.changes };
  for (const [id, patch] of Object.entries(rebased.changes)) changes[id] = otherWins ? { ...changes[id], ...patch } : { ...patch, ...changes[id] };
  const conflictIds = [...new Set([...(own.conflict?.subtaskIds ?? []), ...(rebased.conflict?.subtaskIds ?? [])])];
  const theirs = { ...own.conflict?.theirs, ...rebased.conflict?.theirs };
  return {
    ...own,
    changes: compact(changes),
    conflict: conflictIds.length > 0 ? { subtaskIds: conflictIds, theirs, version: own.version, at: now.toISOString() } : null,
    reflection: other.reflection !== "" && (otherWins || own.reflection === "") ? other.reflection : own.reflection,
    updatedAt: otherWins ? rebased.updatedAt : own.updatedAt,
  };
}

/**
 * Another draft of the same progress in this browser (another tab, or a closed tab's save run
 * here) knows a newer server state: with nothing of mine pending, show that state rather than
 * an older one, so my next edit starts from the latest version.
 */
export function takeNewerServerState(own: Draft, other: Pick<Draft, "version" | "server" | "savedAt">): Draft {
  if (other.version <= own.version || hasUnsent(own)) return own;
  const savedAt = other.savedAt && (!own.savedAt || other.savedAt > own.savedAt) ? other.savedAt : own.savedAt;
  return { ...own, version: other.version, server: { ...own.server, ...other.server }, error: null, savedAt };
}

/* ───────────────────────────── storage ───────────────────────────── */

/** The part of the Web Storage API the store uses (localStorage, or a Map-backed fake). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

export const DRAFT_PREFIX = "mxp.autosave.v1.";

/** Where the page kept a reflection before it moved into the draft (read once, then removed). */
export const LEGACY_REFLECTION_PREFIX = "mxp.reflection.v1.";

export function draftKey(progressId: string, draftId: string): string {
  return `${DRAFT_PREFIX}${progressId}.${draftId}`;
}

function parseDraft(raw: string | null): Draft | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Draft>;
    if (!value || typeof value.progressId !== "string" || typeof value.draftId !== "string" || typeof value.version !== "number") return null;
    return {
      progressId: value.progressId,
      draftId: value.draftId,
      version: value.version,
      server: normalizeValues(value.server),
      changes: compact(value.changes ?? {}),
      conflict: value.conflict ?? null,
      error: value.error ?? null,
      savedAt: value.savedAt ?? null,
      reflection: typeof value.reflection === "string" ? value.reflection : "",
      updatedAt: value.updatedAt ?? new Date(0).toISOString(),
    };
  } catch {
    return null;
  }
}

type Listener = (key: string) => void;

/**
 * Drafts in a KeyValueStorage. Every update is a synchronous read-modify-write of one key, so
 * the save queue and the editors of one tab never overwrite each other; other tabs' writes
 * arrive through `storageChanged` (the browser's "storage" event).
 */
export class AutosaveStore {
  private readonly cache = new Map<string, Draft | null>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storage: KeyValueStorage) {}

  read(progressId: string, draftId: string): Draft | null {
    const key = draftKey(progressId, draftId);
    if (!this.cache.has(key)) this.cache.set(key, parseDraft(this.safeGet(key)));
    return this.cache.get(key) ?? null;
  }

  write(draft: Draft): Draft {
    const key = draftKey(draft.progressId, draft.draftId);
    this.cache.set(key, draft);
    try {
      this.storage.setItem(key, JSON.stringify(draft));
    } catch {
      // Storage full or disabled: the draft still lives in memory for this tab.
    }
    this.emit(key);
    return draft;
  }

  /** Read-modify-write; `update` returning null removes the draft. */
  update(progressId: string, draftId: string, update: (draft: Draft | null) => Draft | null): Draft | null {
    const next = update(this.read(progressId, draftId));
    if (next) return this.write(next);
    this.remove(progressId, draftId);
    return null;
  }

  remove(progressId: string, draftId: string): void {
    const key = draftKey(progressId, draftId);
    this.cache.set(key, null);
    try {
      this.storage.removeItem(key);
    } catch {
      // nothing to do
    }
    this.emit(key);
  }

  /**
   * A reflection kept under the key the page used before reflections moved into the drafts:
   * returned once and removed, so the draft that takes it over is its only home.
   */
  takeLegacyReflection(progressId: string): string | null {
    const key = `${LEGACY_REFLECTION_PREFIX}${progressId}`;
    const value = this.safeGet(key);
    if (value === null) return null;
    try {
      this.storage.removeItem(key);
    } catch {
      // nothing to do
    }
    return value;
  }

  /** Every draft of a progress kept in this browser (all tabs, open or closed). */
  list(progressId: string): Draft[] {
    const prefix = `${DRAFT_PREFIX}${progressId}.`;
    const drafts: Draft[] = [];
    const keys: string[] = [];
    try {
      for (let index = 0; index < this.storage.length; index += 1) {
        const key = this.storage.key(index);
        if (key?.startsWith(prefix)) keys.push(key);
      }
    } catch {
      return drafts;
    }
    for (const key of keys) {
      this.cache.delete(key);
      const draft = this.read(progressId, key.slice(prefix.length));
      if (draft) drafts.push(draft);
    }
    return drafts;
  }

  /** Another tab changed a key: forget the cached copy and tell subscribers. */
  storageChanged(key: string | null): void {
    if (key === null) this.cache.clear();
    else if (key.startsWith(DRAFT_PREFIX)) this.cache.delete(key);
    else return;
    this.emit(key ?? "");
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(key: string): void {
    for (const listener of this.listeners) listener(key);
  }

  private safeGet(key: string): string | null {
    try {
      return this.storage.getItem(key);
    } catch {
      return null;
    }
  }
}

/** A Map-backed KeyValueStorage (tests; browsers without localStorage). */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
    key: (index) => [...map.keys()][index] ?? null,
    get length() {
      return map.size;
    },
  };
}

let browserStore: AutosaveStore | null = null;

/** The tab's store over localStorage (null on the server). */
export function getBrowserStore(): AutosaveStore | null {
  if (typeof window === "undefined") return null;
  if (!browserStore) {
    let storage: KeyValueStorage;
    try {
      storage = window.localStorage;
      void storage.length; // throws where storage is disabled
    } catch {
      storage = memoryStorage();
    }
    const store = new AutosaveStore(storage);
    window.addEventListener("storage", (event) => {
      if (event.storageArea === null || event.storageArea === storage) store.storageChanged(event.key);
    });
    browserStore = store;
  }
  return browserStore;
}
