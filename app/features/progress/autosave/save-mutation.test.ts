import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { AutosaveStore, emptyDraft, memoryStorage, recordChange, type ServerState } from "./autosave-store";
import { classifySaveError, enqueueSave, registerAutosaveMutation, runSave, type SaveFn, type SaveInput } from "./save-mutation";

const loaded: ServerState = { version: 1, subtasks: { a: { notes: "", completed: false }, b: { notes: "", completed: false } } };

function trpcError(httpStatus: number, appCode: string, message: string, details?: unknown) {
  return Object.assign(new Error(message), { data: { httpStatus, appCode, code: "X", details } });
}

/** A fake server with the real rules: a stale version is refused with the current state. */
function fakeServer(initial: ServerState = loaded) {
  const state = { version: initial.version, subtasks: structuredClone(initial.subtasks) };
  const calls: SaveInput[] = [];
  const save: SaveFn = async (input) => {
    calls.push(structuredClone(input));
    if (input.version !== state.version) throw trpcError(409, "VERSION_CONFLICT", "changed elsewhere", { current: { version: state.version, subtasks: structuredClone(state.subtasks) } });
    for (const [id, patch] of Object.entries(input.subtasks)) state.subtasks[id] = { ...state.subtasks[id]!, ...patch };
    state.version += 1;
    return { version: state.version, subtasks: structuredClone(state.subtasks), updatedAt: new Date().toISOString() };
  };
  return { state, calls, save };
}

function setUp() {
  const store = new AutosaveStore(memoryStorage());
  store.write(emptyDraft("p1", "t1", loaded));
  return store;
}

describe("classifySaveError", () => {
  it("tells conflicts, refusals and network trouble apart", () => {
    const conflict = classifySaveError(trpcError(409, "VERSION_CONFLICT", "x", { current: { version: 9, subtasks: { a: { notes: "n", completed: true, updatedAt: "t" } } } }));
    expect(conflict).toEqual({ kind: "conflict", current: { version: 9, subtasks: { a: { notes: "n", completed: true } } } });
    expect(classifySaveError(trpcError(409, "INVALID_STATE", "Submitted."))).toEqual({ kind: "fatal", code: "INVALID_STATE", message: "Submitted." });
    expect(classifySaveError(trpcError(401, "UNAUTHENTICATED", "Log in first."))).toMatchObject({ kind: "fatal", code: "UNAUTHENTICATED" });
    expect(classifySaveError(new TypeError("Failed to fetch"))).toEqual({ kind: "retry" });
    expect(classifySaveError(trpcError(500, "INTERNAL", "oops"))).toEqual({ kind: "retry" });
    expect(classifySaveError(trpcError(429, "RATE_LIMITED", "slow"))).toEqual({ kind: "retry" });
  });
});

describe("runSave", () => {
  it("chained saves read the latest version when they run, so they never conflict with each other", async () => {
    const store = setUp();
    const server = fakeServer();
    store.update("p1", "t1", (draft) => recordChange(draft!, "a", { notes: "one" }));
    expect(await runSave({ progressId: "p1", draftId: "t1" }, { save: server.save, store: () => store })).toBe("saved");
    store.update("p1", "t1", (draft) => recordChange(draft!, "a", { notes: "one two" }));
    expect(await runSave({ progressId: "p1", draftId: "t1" }, { save: server.save, store: () => store })).toBe("saved");
    expect(server.calls.map((call) => call.version)).toEqual([1, 2]);
    expect(store.read("p1", "t1")).toMatchObject({ version: 3, changes: {} });
    // A save with nothing left to send makes no request.
    expect(await runSave({ progressId: "p1", draftId: "t1" }, { save: server.save, store: () => store })).toBe("nothing");
    expect(server.calls).toHaveLength(2);
  });

  it("merges a stale save that touches other subtasks and sends it again", async () => {
    const store = setUp();
    const server = fakeServer();
    server.state.version = 2;
    server.state.subtasks.b = { notes: "other tab", completed: false };
    store.update("p1", "t1", (draft) => recordChange(draft!, "a", { notes: "mine" }));
    expect(await runSave({ progressId: "p1", draftId: "t1" }, { save: server.save, store: () => store })).toBe("saved");
    expect(server.state.subtasks).toEqual({ a: { notes: "mine", completed: false }, b: { notes: "other tab", completed: false } });
  });

  it("a save whose response was lost (the server has it already) counts as saved", async () => {
    const store = setUp();
    const server = fakeServer();
    server.state.version = 2;
    server.state.subtasks.a = { notes: "mine", completed: false };
    store.update("p1", "t1", (draft) => recordChange(draft!, "a", { notes: "mine" }));
    expect(await runSave({ progressId: "p1", draftId: "t1" }, { save: server.save, store: () => store })).toBe("saved");
    expect(server.calls).toHaveLength(1);
    expect(store.read("p1", "t1")).toMatchObject({ version: 2, changes: {}, conflict: null });
    expect(store.read("p1", "t1")?.savedAt).not.toBeNull();
  });

  it("stops at a real conflict and keeps both versions for the student", async () => {
    const store = setUp();
    const server = fakeServer();
    server.state.version = 2;
    server.state.subtasks.a = { notes: "theirs", completed: false };
    store.update("p1", "t1", (draft) => recordChange(draft!, "a", { notes: "mine" }));
    expect(await runSave({ progressId: "p1", draftId: "t1" }, { save: server.save, store: () => store })).toBe("conflict");
    const draft = store.read("p1", "t1")!;
    expect(draft.conflict?.theirs.a?.notes).toBe("theirs");
    expect(draft.changes.a?.notes).toBe("mine");
    // While the conflict waits, nothing is sent.
    expect(await runSave({ progressId: "p1", draftId: "t1" }, { save: server.save, store: () => store })).toBe("nothing");
    expect(server.calls).toHaveLength(1);
  });

  it("records a refusal and throws network errors for the queue to retry", async () => {
    const store = setUp();
    store.update("p1", "t1", (draft) => recordChange(draft!, "a", { notes: "x" }));
    const refused: SaveFn = async () => {
      throw trpcError(409, "INVALID_STATE", "Submitted already.");
    };
    expect(await runSave({ progressId: "p1", draftId: "t1" }, { save: refused, store: () => store })).toBe("failed");
    expect(store.read("p1", "t1")?.error).toEqual({ code: "INVALID_STATE", message: "Submitted already." });
    const offline: SaveFn = async () => {
      throw new TypeError("Failed to fetch");
    };
    await expect(runSave({ progressId: "p1", draftId: "t1" }, { save: offline, store: () => store })).rejects.toThrow("Failed to fetch");
    expect(store.read("p1", "t1")?.changes).toEqual({ a: { notes: "x" } });
  });

  it("leaves a draft owned by another open tab alone", async () => {
    const store = setUp();
    store.update("p1", "t1", (draft) => recordChange(draft!, "a", { notes: "x" }));
    const save = vi.fn<SaveFn>();
    expect(await runSave({ progressId: "p1", draftId: "t1" }, { save, store: () => store, ownedElsewhere: async () => true })).toBe("skipped");
    expect(save).not.toHaveBeenCalled();
  });
});

describe("the save queue", () => {
  it("runs saves of a progress one at a time and coalesces saves waiting behind", async () => {
    const store = setUp();
    const server = fakeServer();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowSave: SaveFn = async (input) => {
      await gate;
      return server.save(input);
    };
    const queryClient = new QueryClient();
    registerAutosaveMutation(queryClient, { save: slowSave, store: () => store });
    store.update("p1", "t1", (draft) => recordChange(draft!, "a", { notes: "1" }));
    const first = enqueueSave(queryClient, { progressId: "p1", draftId: "t1" });
    await Promise.resolve();
    for (const notes of ["12", "123", "1234"]) {
      store.update("p1", "t1", (draft) => recordChange(draft!, "a", { notes }));
      void enqueueSave(queryClient, { progressId: "p1", draftId: "t1" });
    }
    // One in flight, one waiting: the later requests collapsed into the waiting one.
    expect(queryClient.getMutationCache().findAll({ status: "pending" })).toHaveLength(2);
    release();
    await first;
    await vi.waitFor(() => expect(queryClient.getMutationCache().findAll({ status: "pending" })).toHaveLength(0));
    expect(server.calls.map((call) => [call.version, call.subtasks.a?.notes])).toEqual([
      [1, "1"],
      [2, "1234"],
    ]);
    expect(server.state.subtasks.a?.notes).toBe("1234");
  });
});
