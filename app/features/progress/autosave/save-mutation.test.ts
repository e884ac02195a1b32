import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { AutosaveStore, emptyDraft, memoryStorage, recordChange, type ServerState } from "./autosave-store";
import { ApiError } from "~/utils/api-client";
import { autosaveFetch, classifySaveError, enqueueSave, registerAutosaveMutation, restSave, runSave, type SaveFn, type SaveInput } from "./save-mutation";

const loaded: ServerState = { version: 1, subtasks: { a: { notes: "", completed: false }, b: { notes: "", completed: false } } };

/** What a refused save throws: REST v1's error answer, read by readApiAnswer. */
function apiError(status: number, code: string, message: string, details?: Record<string, unknown>) {
  return new ApiError(status, code, message, details);
}

/** A fake server with the real rules: a stale version is refused with the current state. */
function fakeServer(initial: ServerState = loaded) {
  const state = { version: initial.version, subtasks: structuredClone(initial.subtasks) };
  const calls: SaveInput[] = [];
  const save: SaveFn = async (input) => {
    calls.push(structuredClone(input));
    if (input.version !== state.version)
      throw apiError(409, "VERSION_CONFLICT", "changed elsewhere", { current: { version: state.version, subtasks: structuredClone(state.subtasks) } });
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
    const conflict = classifySaveError(apiError(409, "VERSION_CONFLICT", "x", { current: { version: 9, subtasks: { a: { notes: "n", completed: true, updatedAt: "t" } } } }));
    expect(conflict).toEqual({ kind: "conflict", current: { version: 9, subtasks: { a: { notes: "n", completed: true } } } });
    expect(classifySaveError(apiError(409, "INVALID_STATE", "Submitted."))).toEqual({ kind: "fatal", code: "INVALID_STATE", message: "Submitted." });
    expect(classifySaveError(apiError(401, "UNAUTHENTICATED", "Log in first."))).toMatchObject({ kind: "fatal", code: "UNAUTHENTICATED" });
    expect(classifySaveError(new TypeError("Failed to fetch"))).toEqual({ kind: "retry" });
    expect(classifySaveError(apiError(500, "INTERNAL", "oops"))).toEqual({ kind: "retry" });
    expect(classifySaveError(apiError(429, "RATE_LIMITED", "slow"))).toEqual({ kind: "retry" });
    expect(classifySaveError(apiError(404, "NOT_FOUND", "This mission progress was not found."))).toEqual({
      kind: "fatal",
      code: "NOT_FOUND",
      message: "This mission progress was not found.",
    });
    expect(classifySaveError(apiError(408, "HTTP_408", "timeout"))).toEqual({ kind: "retry" });
    expect(classifySaveError(apiError(503, "UNAVAILABLE", "later"))).toEqual({ kind: "retry" });
    expect(classifySaveError(new DOMException("The operation timed out.", "TimeoutError"))).toEqual({ kind: "retry" });
    // A conflict without the server's state cannot be merged: it is recorded, not retried for ever.
    expect(classifySaveError(apiError(409, "VERSION_CONFLICT", "changed"))).toMatchObject({ kind: "fatal", code: "VERSION_CONFLICT" });
  });
});

/** A fetch that answers with `answer` and records what it was asked. */
function fakeFetch(answer: () => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl: typeof fetch = async (url, init) => {
    calls.push({ url: url instanceof Request ? url.url : url.toString(), init: init ?? {} });
    return await answer();
  };
  return { calls, fetchImpl };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

describe("restSave (PATCH /api/v1/mission-progress/{id})", () => {
  it("sends {version, subtasks} as JSON and answers the saved state", async () => {
    const saved = { id: "p 1", status: "IN_PROGRESS", version: 4, subtasks: { a: { notes: "n", completed: true } }, updatedAt: "2026-01-01T00:00:00.000Z" };
    const { calls, fetchImpl } = fakeFetch(() => json(200, saved));
    expect(await restSave(fetchImpl)({ progressId: "p 1", version: 3, subtasks: { a: { notes: "n", completed: true } } })).toEqual(saved);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe("/api/v1/mission-progress/p%201");
    expect(calls[0]!.init.method).toBe("PATCH");
    expect(new Headers(calls[0]!.init.headers).get("Content-Type")).toBe("application/json");
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ version: 3, subtasks: { a: { notes: "n", completed: true } } });
  });

  it("turns the API's error answers into what the queue decides on", async () => {
    const current = { id: "p1", status: "IN_PROGRESS", version: 7, subtasks: { a: { notes: "theirs", completed: false, updatedAt: "t" } }, updatedAt: "t" };
    const failureOf = async (response: Response) =>
      classifySaveError(await restSave(fakeFetch(() => response).fetchImpl)({ progressId: "p1", version: 1, subtasks: { a: { notes: "x" } } }).catch((error: unknown) => error));
    expect(await failureOf(json(409, { error: { code: "VERSION_CONFLICT", message: "changed", details: { current, yourVersion: 1 } } }))).toEqual({
      kind: "conflict",
      current: { version: 7, subtasks: { a: { notes: "theirs", completed: false } } },
    });
    expect(await failureOf(json(404, { error: { code: "NOT_FOUND", message: "This mission progress was not found." } }))).toEqual({
      kind: "fatal",
      code: "NOT_FOUND",
      message: "This mission progress was not found.",
    });
    expect(await failureOf(json(409, { error: { code: "INVALID_STATE", message: "Submitted." } }))).toEqual({ kind: "fatal", code: "INVALID_STATE", message: "Submitted." });
    expect(await failureOf(json(400, { error: { code: "VALIDATION_FAILED", message: "Some fields need attention." } }))).toMatchObject({
      kind: "fatal",
      code: "VALIDATION_FAILED",
    });
    expect(await failureOf(json(401, { error: { code: "UNAUTHENTICATED", message: "Log in first." } }))).toMatchObject({ kind: "fatal", code: "UNAUTHENTICATED" });
    expect(await failureOf(json(429, { error: { code: "RATE_LIMITED", message: "slow" } }))).toEqual({ kind: "retry" });
    expect(await failureOf(json(500, { error: { code: "INTERNAL", message: "oops" } }))).toEqual({ kind: "retry" });
    // A proxy's page instead of our answer: its status decides.
    expect(await failureOf(new Response("<html>Bad gateway</html>", { status: 502, headers: { "Content-Type": "text/html" } }))).toEqual({ kind: "retry" });
    const offline = restSave(async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(classifySaveError(await offline({ progressId: "p1", version: 1, subtasks: {} }).catch((error: unknown) => error))).toEqual({ kind: "retry" });
  });
});

describe("autosaveFetch", () => {
  it("sends same-origin credentials and keepalive for small bodies only", async () => {
    const { calls, fetchImpl } = fakeFetch(() => json(200, {}));
    const send = autosaveFetch(fetchImpl);
    await send("/api/v1/mission-progress/p1", { method: "PATCH", body: JSON.stringify({ notes: "short" }) });
    await send("/api/v1/mission-progress/p1", { method: "PATCH", body: JSON.stringify({ notes: "x".repeat(70_000) }) });
    expect(calls.map((call) => [call.init.credentials, call.init.keepalive])).toEqual([
      ["same-origin", true],
      ["same-origin", false],
    ]);
    expect(calls[0]!.init.signal).toBeInstanceOf(AbortSignal);
  });

  it("gives up on a hung request after its timeout, as a failure the queue retries", async () => {
    const hanging: typeof fetch = (_url, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason as Error)));
    const failure = await restSave(autosaveFetch(hanging, 20))({ progressId: "p1", version: 1, subtasks: { a: { notes: "x" } } }).catch((error: unknown) => error);
    expect((failure as DOMException).name).toBe("TimeoutError");
    expect(classifySaveError(failure)).toEqual({ kind: "retry" });
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
      throw apiError(409, "INVALID_STATE", "Submitted already.");
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
