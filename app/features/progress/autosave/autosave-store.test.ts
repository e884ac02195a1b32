import { describe, expect, it } from "vitest";
import {
  adoptDraft,
  applySuccess,
  AutosaveStore,
  bothVersions,
  changesToSend,
  conflictEntries,
  draftKey,
  emptyDraft,
  hasKept,
  hasUnsent,
  LEGACY_REFLECTION_PREFIX,
  memoryStorage,
  normalizeValues,
  prepareDraft,
  rebase,
  recordChange,
  recordReflection,
  resetToServer,
  resolveConflict,
  takeNewerServerState,
  unsentSubtaskIds,
  viewOf,
  type Draft,
  type ServerState,
} from "./autosave-store";

const T0 = new Date("2025-11-20T10:00:00Z");
const T1 = new Date("2025-11-20T10:01:00Z");
const T2 = new Date("2025-11-20T10:02:00Z");

const loaded: ServerState = {
  version: 3,
  subtasks: { a: { notes: "", completed: false }, b: { notes: "base b", completed: false }, c: { notes: "", completed: true } },
};

function fresh(id = "tab1", at = T0): Draft {
  return emptyDraft("p1", id, loaded, at);
}

describe("merging pending changes", () => {
  it("merges edits per subtask and field: the latest value wins, nothing queues up", () => {
    let draft = fresh();
    for (const notes of ["h", "he", "hel", "hello"]) draft = recordChange(draft, "a", { notes });
    draft = recordChange(draft, "a", { completed: true });
    draft = recordChange(draft, "b", { completed: true });
    draft = recordChange(draft, "a", { notes: "hello world" });
    expect(draft.changes).toEqual({ a: { notes: "hello world", completed: true }, b: { completed: true } });
    expect(unsentSubtaskIds(draft)).toEqual(["a", "b"]);
    expect(viewOf(draft, ["a", "b", "c"])).toEqual({
      a: { notes: "hello world", completed: true },
      b: { notes: "base b", completed: true },
      c: { notes: "", completed: true },
    });
  });

  it("sends only what differs from the server", () => {
    let draft = recordChange(fresh(), "b", { notes: "base b", completed: true });
    draft = recordChange(draft, "c", { completed: true });
    expect(changesToSend(draft)).toEqual({ b: { completed: true } });
  });

  it("a new edit clears an old error", () => {
    const draft = recordChange({ ...fresh(), error: { code: "UNAUTHENTICATED", message: "Log in first." } }, "a", { notes: "x" });
    expect(draft.error).toBeNull();
  });
});

describe("applySuccess", () => {
  it("removes what was confirmed and keeps what was typed while the save was on its way", () => {
    let draft = recordChange(fresh(), "a", { notes: "first" });
    draft = recordChange(draft, "b", { completed: true });
    const sent = changesToSend(draft);
    draft = recordChange(draft, "a", { notes: "first and more" });
    const saved = applySuccess(draft, sent, {
      version: 4,
      subtasks: { ...loaded.subtasks, a: { notes: "first", completed: false }, b: { notes: "base b", completed: true } },
      updatedAt: T1.toISOString(),
    });
    expect(saved.version).toBe(4);
    expect(saved.changes).toEqual({ a: { notes: "first and more" } });
    expect(saved.savedAt).toBe(T1.toISOString());
    // The next save of "a" is based on version 4, which already has "first".
    expect(changesToSend(saved)).toEqual({ a: { notes: "first and more" } });
  });

  it("after keeping my version in a conflict, nothing is left once it is saved", () => {
    const conflicted = rebase(recordChange(fresh(), "a", { notes: "mine" }), { version: 4, subtasks: { ...loaded.subtasks, a: { notes: "theirs", completed: false } } });
    const resolved = resolveConflict(conflicted, { a: "mine" });
    expect(resolved.changes.a).toEqual({ notes: "mine", completed: false });
    const sent = changesToSend(resolved);
    expect(sent).toEqual({ a: { notes: "mine" } });
    const saved = applySuccess(resolved, sent, { version: 5, subtasks: { ...loaded.subtasks, a: { notes: "mine", completed: false } } });
    expect(unsentSubtaskIds(saved)).toEqual([]);
  });

  it("keeps a change typed back to the old value during the save (no edit is lost)", () => {
    let draft = recordChange(fresh(), "b", { notes: "base b!" });
    const sent = changesToSend(draft);
    draft = recordChange(draft, "b", { notes: "base b" });
    const saved = applySuccess(draft, sent, { version: 4, subtasks: { ...loaded.subtasks, b: { notes: "base b!", completed: false } } });
    expect(changesToSend(saved)).toEqual({ b: { notes: "base b" } });
  });
});

describe("conflict resolution", () => {
  it("keeps my change where only I changed the subtask, and drops what the server already has", () => {
    let draft = recordChange(fresh(), "a", { notes: "mine a" });
    draft = recordChange(draft, "b", { notes: "same" });
    const current: ServerState = { version: 5, subtasks: { ...loaded.subtasks, b: { notes: "same", completed: false }, c: { notes: "other tab", completed: true } } };
    const rebased = rebase(draft, current, T1);
    expect(rebased.conflict).toBeNull();
    expect(rebased.version).toBe(5);
    expect(rebased.changes).toEqual({ a: { notes: "mine a" } });
    expect(viewOf(rebased).c).toEqual({ notes: "other tab", completed: true });
  });

  it("merges different fields changed on both sides without asking", () => {
    const draft = recordChange(fresh(), "b", { notes: "my notes" });
    const rebased = rebase(draft, { version: 4, subtasks: { ...loaded.subtasks, b: { notes: "base b", completed: true } } });
    expect(rebased.conflict).toBeNull();
    expect(viewOf(rebased).b).toEqual({ notes: "my notes", completed: true });
  });

  it("reports a subtask changed on both sides, with both versions", () => {
    let draft = recordChange(fresh(), "b", { notes: "mine" });
    draft = recordChange(draft, "a", { completed: true });
    const rebased = rebase(draft, { version: 4, subtasks: { ...loaded.subtasks, b: { notes: "theirs", completed: true } } }, T1);
    expect(rebased.conflict?.subtaskIds).toEqual(["b"]);
    expect(conflictEntries(rebased)).toEqual([{ subtaskId: "b", mine: { notes: "mine", completed: false }, theirs: { notes: "theirs", completed: true } }]);
    // The non-conflicting change is kept and will be saved with the resolution.
    expect(rebased.changes.a).toEqual({ completed: true });
  });

  it("resolves per subtask: keep mine is saved on top of the current version, the saved version drops mine", () => {
    let draft = recordChange(fresh(), "a", { notes: "mine a" });
    draft = recordChange(draft, "b", { notes: "mine b" });
    const current: ServerState = { version: 7, subtasks: { a: { notes: "theirs a", completed: false }, b: { notes: "theirs b", completed: false }, c: loaded.subtasks.c! } };
    const rebased = rebase(draft, current);
    expect(rebased.conflict?.subtaskIds).toEqual(["a", "b"]);
    const resolved = resolveConflict(rebased, { a: "mine", b: "theirs" });
    expect(resolved.conflict).toBeNull();
    expect(resolved.version).toBe(7);
    expect(changesToSend(resolved)).toEqual({ a: { notes: "mine a" } });
    expect(viewOf(resolved).b).toEqual({ notes: "theirs b", completed: false });
  });

  it("a conflict not yet resolved stays a conflict when another newer state arrives", () => {
    const draft = rebase(recordChange(fresh(), "a", { notes: "mine" }), { version: 4, subtasks: { ...loaded.subtasks, a: { notes: "theirs", completed: false } } });
    const again = rebase(draft, { version: 5, subtasks: { ...loaded.subtasks, a: { notes: "theirs", completed: false } } });
    expect(again.conflict?.subtaskIds).toEqual(["a"]);
  });

  it("a step without a choice stays in conflict, and nothing is saved until every step has one", () => {
    let draft = recordChange(fresh(), "a", { notes: "mine a" });
    draft = recordChange(draft, "b", { notes: "mine b" });
    const rebased = rebase(draft, { version: 7, subtasks: { a: { notes: "theirs a", completed: false }, b: { notes: "theirs b", completed: false }, c: loaded.subtasks.c! } });
    const partly = resolveConflict(rebased, { a: "theirs" });
    expect(partly.conflict?.subtaskIds).toEqual(["b"]);
    expect(conflictEntries(partly)).toEqual([{ subtaskId: "b", mine: { notes: "mine b", completed: false }, theirs: { notes: "theirs b", completed: false } }]);
    expect(hasUnsent(partly)).toBe(true);
    const done = resolveConflict(partly, { b: "mine" });
    expect(done.conflict).toBeNull();
    expect(changesToSend(done)).toEqual({ b: { notes: "mine b" } });
    expect(viewOf(done).a).toEqual({ notes: "theirs a", completed: false });
  });

  it("keep both saves the saved notes, then mine, and complete if either side is", () => {
    const draft = recordChange(recordChange(fresh(), "b", { notes: "mine" }), "b", { completed: false });
    const rebased = rebase(draft, { version: 4, subtasks: { ...loaded.subtasks, b: { notes: "theirs", completed: true } } });
    const resolved = resolveConflict(rebased, { b: "both" });
    expect(resolved.conflict).toBeNull();
    expect(viewOf(resolved).b).toEqual({ notes: "theirs\n\nmine", completed: true });
    expect(changesToSend(resolved)).toEqual({ b: { notes: "theirs\n\nmine" } });
  });

  it("keep both with one side empty keeps the other as it is", () => {
    expect(bothVersions({ notes: "mine", completed: false }, { notes: "  ", completed: false })).toEqual({ notes: "mine", completed: false });
    expect(bothVersions({ notes: "", completed: true }, { notes: "theirs", completed: false })).toEqual({ notes: "theirs", completed: true });
  });
});

describe("opening a page with drafts kept from before", () => {
  it("takes the loaded state when nothing is pending", () => {
    const own = { ...fresh(), version: 1, savedAt: T0.toISOString() };
    const draft = prepareDraft("p1", "tab1", own, [], loaded, T1);
    expect(draft.version).toBe(3);
    expect(draft.savedAt).toBe(T0.toISOString());
  });

  it("restores unsent changes, and a save that reached the server before a crash is not a conflict", () => {
    let own = emptyDraft("p1", "tab1", { version: 2, subtasks: { ...loaded.subtasks, a: { notes: "", completed: false } } }, T0);
    own = recordChange(own, "a", { notes: "sent before the crash" });
    own = recordChange(own, "c", { notes: "never sent" });
    const draft = prepareDraft("p1", "tab1", own, [], { version: 3, subtasks: { ...loaded.subtasks, a: { notes: "sent before the crash", completed: false } } }, T1);
    expect(draft.conflict).toBeNull();
    expect(draft.changes).toEqual({ c: { notes: "never sent" } });
  });

  it("adopts the drafts of closed tabs; the most recently edited wins a subtask both changed", () => {
    const closed = recordChange(recordChange(fresh("old", T0), "a", { notes: "from the closed tab" }, T0), "b", { notes: "old b" }, T0);
    const own = recordChange(fresh("tab1", T0), "b", { notes: "new b" }, T2);
    const draft = prepareDraft("p1", "tab1", own, [closed], loaded, T2);
    expect(draft.draftId).toBe("tab1");
    expect(viewOf(draft).a?.notes).toBe("from the closed tab");
    expect(viewOf(draft).b?.notes).toBe("new b");
    const later = adoptDraft(fresh("tab1", T0), recordChange(fresh("old"), "b", { notes: "later b" }, T2));
    expect(viewOf(later).b?.notes).toBe("later b");
  });
});

describe("takeNewerServerState", () => {
  it("an idle draft follows a newer version saved by another tab", () => {
    const other = { version: 4, server: { ...loaded.subtasks, a: { notes: "from the other tab", completed: false } }, savedAt: T1.toISOString() };
    const followed = takeNewerServerState(fresh(), other);
    expect(followed.version).toBe(4);
    expect(viewOf(followed).a?.notes).toBe("from the other tab");
    expect(followed.savedAt).toBe(T1.toISOString());
  });

  it("a draft with unsent changes keeps its base (its next save will show the conflict)", () => {
    const own = recordChange(fresh(), "a", { notes: "mine" });
    expect(takeNewerServerState(own, { version: 4, server: loaded.subtasks, savedAt: null })).toBe(own);
    expect(takeNewerServerState(fresh(), { version: 2, server: loaded.subtasks, savedAt: null }).version).toBe(3);
  });
});

describe("AutosaveStore", () => {
  it("keeps drafts per progress and tab, and lists a progress's drafts", () => {
    const storage = memoryStorage();
    const store = new AutosaveStore(storage);
    const seen: string[] = [];
    store.subscribe((key) => seen.push(key));
    store.write(recordChange(fresh("t1"), "a", { notes: "x" }));
    store.write(fresh("t2"));
    store.write(emptyDraft("p2", "t1", loaded));
    expect(
      store
        .list("p1")
        .map((draft) => draft.draftId)
        .sort(),
    ).toEqual(["t1", "t2"]);
    expect(JSON.parse(storage.getItem(draftKey("p1", "t1"))!).changes).toEqual({ a: { notes: "x" } });
    // A second store over the same storage (a reload) finds it.
    expect(new AutosaveStore(storage).read("p1", "t1")?.changes).toEqual({ a: { notes: "x" } });
    store.update("p1", "t2", () => null);
    expect(store.read("p1", "t2")).toBeNull();
    expect(seen).toContain(draftKey("p1", "t1"));
  });

  it("ignores what it cannot read", () => {
    const storage = memoryStorage();
    storage.setItem(draftKey("p1", "bad"), "{not json");
    expect(new AutosaveStore(storage).read("p1", "bad")).toBeNull();
    expect(new AutosaveStore(storage).list("p1")).toEqual([]);
  });

  it("sees writes from another tab after a storage event", () => {
    const storage = memoryStorage();
    const tabA = new AutosaveStore(storage);
    const tabB = new AutosaveStore(storage);
    tabA.write(fresh("t1"));
    expect(tabB.read("p1", "t1")?.changes).toEqual({});
    tabA.write(recordChange(fresh("t1"), "a", { notes: "new" }));
    tabB.storageChanged(draftKey("p1", "t1"));
    expect(tabB.read("p1", "t1")?.changes).toEqual({ a: { notes: "new" } });
  });
});

describe("normalizeValues", () => {
  it("reduces the server's JSON to notes and completed", () => {
    expect(normalizeValues({ a: { notes: "n", completed: true, updatedAt: "x" }, b: {}, c: null })).toEqual({
      a: { notes: "n", completed: true },
      b: { notes: "", completed: false },
      c: { notes: "", completed: false },
    });
    expect(normalizeValues(null)).toEqual({});
  });
});

describe("the reflection draft", () => {
  const REFLECTION = "What I did, what I learned, and what I would do differently.";

  it("is kept in the draft but is not a change to send: the save queue and the count ignore it", () => {
    const draft = recordReflection(fresh(), REFLECTION, T1);
    expect(draft.reflection).toBe(REFLECTION);
    expect(draft.updatedAt).toBe(T1.toISOString());
    expect(changesToSend(draft)).toEqual({});
    expect(unsentSubtaskIds(draft)).toEqual([]);
    expect(hasUnsent(draft)).toBe(false);
    expect(hasKept(draft)).toBe(true);
    expect(hasKept(recordReflection(draft, ""))).toBe(false);
  });

  it("survives saves, conflicts and their resolution", () => {
    let draft = recordReflection(recordChange(fresh(), "a", { notes: "mine" }), REFLECTION);
    const sent = changesToSend(draft);
    draft = applySuccess(draft, sent, { version: 4, subtasks: { ...loaded.subtasks, a: { notes: "mine", completed: false } } });
    expect(draft.reflection).toBe(REFLECTION);
    draft = rebase(recordChange(draft, "b", { notes: "mine b" }), { version: 5, subtasks: { ...loaded.subtasks, b: { notes: "theirs b", completed: false } } });
    expect(draft.conflict?.subtaskIds).toEqual(["b"]);
    expect(draft.reflection).toBe(REFLECTION);
    expect(resolveConflict(draft, { b: "theirs" }).reflection).toBe(REFLECTION);
    expect(takeNewerServerState(recordReflection(fresh(), REFLECTION), { version: 9, server: loaded.subtasks, savedAt: null }).reflection).toBe(REFLECTION);
  });

  it("stays when a newer server state replaces an idle draft's base, on reload or after a revalidation", () => {
    const own = recordReflection({ ...fresh(), version: 1 }, REFLECTION, T1);
    const reloaded = prepareDraft("p1", "tab1", own, [], loaded, T2);
    expect(reloaded.version).toBe(3);
    expect(reloaded.reflection).toBe(REFLECTION);
    // The time of the last edit is the reflection's, not the reload's: a closed tab edited later still wins.
    expect(reloaded.updatedAt).toBe(T1.toISOString());
    const followed = resetToServer(own, { version: 6, subtasks: loaded.subtasks });
    expect(followed).toMatchObject({ version: 6, reflection: REFLECTION, updatedAt: T1.toISOString() });
  });

  it("is kept across a reload and ignored when a stored draft predates it", () => {
    const storage = memoryStorage();
    new AutosaveStore(storage).write(recordReflection(fresh("t1"), REFLECTION));
    expect(new AutosaveStore(storage).read("p1", "t1")?.reflection).toBe(REFLECTION);
    const { reflection: _reflection, ...older } = fresh("t2");
    storage.setItem(draftKey("p1", "t2"), JSON.stringify(older));
    expect(new AutosaveStore(storage).read("p1", "t2")?.reflection).toBe("");
  });

  it("is adopted from a closed tab like the notes: taken when this tab has none, the newer one wins otherwise", () => {
    const closed = recordReflection(fresh("old", T0), "Written in the tab that was closed, long enough to count.", T1);
    // A closed tab holding only a reflection is still adopted.
    expect(hasUnsent(closed)).toBe(false);
    expect(prepareDraft("p1", "tab1", null, [closed], loaded, T2).reflection).toBe(closed.reflection);
    expect(adoptDraft(fresh("tab1", T0), closed).reflection).toBe(closed.reflection);
    // Both have one: the more recently edited wins.
    expect(adoptDraft(recordReflection(fresh("tab1"), "mine, newer", T2), closed).reflection).toBe("mine, newer");
    expect(adoptDraft(recordReflection(fresh("tab1"), "mine, older", T0), closed).reflection).toBe(closed.reflection);
    // A closed tab without one leaves this tab's alone.
    expect(adoptDraft(recordReflection(fresh("tab1"), "mine", T0), recordChange(fresh("old"), "a", { notes: "x" }, T2)).reflection).toBe("mine");
  });

  it("is cleared after a submission without touching the notes still to send", () => {
    const draft = recordReflection(recordChange(fresh(), "a", { notes: "unsent" }), REFLECTION);
    const cleared = recordReflection(draft, "");
    expect(cleared.reflection).toBe("");
    expect(cleared.changes).toEqual({ a: { notes: "unsent" } });
  });

  it("takes over a reflection kept under the old key once, then the key is gone", () => {
    const storage = memoryStorage();
    storage.setItem(`${LEGACY_REFLECTION_PREFIX}p1`, REFLECTION);
    const store = new AutosaveStore(storage);
    expect(store.takeLegacyReflection("p2")).toBeNull();
    expect(store.takeLegacyReflection("p1")).toBe(REFLECTION);
    expect(storage.getItem(`${LEGACY_REFLECTION_PREFIX}p1`)).toBeNull();
    expect(store.takeLegacyReflection("p1")).toBeNull();
  });
});
