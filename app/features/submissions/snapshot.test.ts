import { describe, expect, it } from "vitest";
import { buildSnapshot, readSnapshot, submissionSnapshotSchema, type SnapshotSource } from "./snapshot";

const source: SnapshotSource = {
  attempt: 2,
  missionTitle: "First Shift",
  version: 7,
  subtasks: { s1: { notes: "ran grep", completed: true, updatedAt: "2025-11-20T10:00:00.000Z" }, s2: { notes: "", completed: false } },
  files: [{ id: "f1", subtaskId: "s1", originalName: "auth.png", contentType: "image/png", sizeBytes: 120, sha256: "a".repeat(64), createdAt: new Date("2025-11-20T09:59:00Z") }],
  reflection: "What I did, what I learned, what I would do differently next time.",
};

describe("writing a snapshot", () => {
  it("freezes attempt, subtask state, files and reflection in the schema's shape", () => {
    const snapshot = buildSnapshot(source);
    expect(submissionSnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(snapshot).toMatchObject({ attempt: 2, version: 7, reflection: source.reflection });
    expect(snapshot.files).toEqual([
      { id: "f1", subtaskId: "s1", originalName: "auth.png", contentType: "image/png", sizeBytes: 120, sha256: "a".repeat(64), createdAt: "2025-11-20T09:59:00.000Z" },
    ]);
    expect(snapshot.subtasks.s1).toEqual({ notes: "ran grep", completed: true, updatedAt: "2025-11-20T10:00:00.000Z" });
  });

  it("keeps only what the schema describes (no storage keys or other columns leak in)", () => {
    const file = { ...source.files[0]!, storageKey: "uploads/secret", ownerId: "u1" };
    expect(Object.keys(buildSnapshot({ ...source, files: [file] }).files[0]!).sort()).toEqual([
      "contentType",
      "createdAt",
      "id",
      "originalName",
      "sha256",
      "sizeBytes",
      "subtaskId",
    ]);
  });

  it("refuses a snapshot that breaks the schema", () => {
    expect(() => buildSnapshot({ ...source, attempt: 0 })).toThrow();
    expect(() => buildSnapshot({ ...source, files: [{ ...source.files[0]!, sizeBytes: -1 }] })).toThrow();
  });
});

describe("reading a snapshot", () => {
  const row = { attempt: 2, reflection: "the row's reflection" };

  it("reads back exactly what was written, after a trip through JSON", () => {
    const written = buildSnapshot(source);
    expect(readSnapshot(JSON.parse(JSON.stringify(written)), row)).toEqual(written);
  });

  it("reads a row written before the attempt number was frozen, with the row's attempt", () => {
    const { attempt: _attempt, ...older } = buildSnapshot(source);
    const read = readSnapshot(JSON.parse(JSON.stringify(older)), { attempt: 1, reflection: "ignored" });
    expect(read.attempt).toBe(1);
    expect(read.reflection).toBe(source.reflection);
    expect(read.subtasks.s1).toEqual({ notes: "ran grep", completed: true, updatedAt: "2025-11-20T10:00:00.000Z" });
    expect(read.files.map((file) => file.originalName)).toEqual(["auth.png"]);
  });

  it("tolerates partial or broken rows: what is readable is kept, the rest is empty", () => {
    expect(readSnapshot({}, row)).toEqual({ attempt: 2, missionTitle: "", version: 0, subtasks: {}, files: [], reflection: "the row's reflection" });
    expect(readSnapshot(null, row)).toEqual({ attempt: 2, missionTitle: "", version: 0, subtasks: {}, files: [], reflection: "the row's reflection" });
    const read = readSnapshot(
      {
        subtasks: { s1: { notes: 42, completed: "yes" }, s2: null, s3: { notes: "kept", completed: true } },
        files: [{ id: "f1", subtaskId: "s1" }, { id: 5 }, "junk", { id: "f2", subtaskId: "s3", originalName: "b.txt", sizeBytes: "big" }],
        reflection: 12,
      },
      row,
    );
    expect(read.subtasks).toEqual({ s1: { notes: "", completed: false }, s2: { notes: "", completed: false }, s3: { notes: "kept", completed: true } });
    expect(read.files.map((file) => [file.id, file.originalName, file.sizeBytes])).toEqual([
      ["f1", "file", 0],
      ["f2", "b.txt", 0],
    ]);
    expect(read.reflection).toBe("the row's reflection");
    expect(submissionSnapshotSchema.safeParse(read).success).toBe(true);
  });
});
