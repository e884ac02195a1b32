import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDiskStorage } from "~/adapters/storage/local-disk.server";
import { readStream, STORAGE_KEY_PATTERN, type EvidenceStorage } from "~/adapters/storage/storage.server";
import { deleteEvidenceBlob } from "#jobs/tasks/delete-evidence-blob";
import { createUser } from "~/testing/factories";
import { queuedJobs } from "~/testing/jobs";
import { createMission, startProgress } from "~/testing/missions";
import { getDb } from "~/utils/db.server";
import { appErrorFrom as expectAppError } from "~/testing/errors";
import type { AppError } from "~/utils/errors";
import { deleteEvidence, EVIDENCE_QUOTA_BYTES, openEvidence, uploadEvidence } from "./service.server";
import type { PublicUser } from "~/features/accounts/service.server";

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(200)]);
const LOG = Buffer.from("2025-01-01 sshd[42]: Failed password for root from 203.0.113.9\n");

let root: string;
let storage: LocalDiskStorage;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "mxp-evidence-"));
  storage = new LocalDiskStorage(root);
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function asPublic(user: { id: string; email: string; name: string; handle: string; role: PublicUser["role"]; profilerScore: number | null }): PublicUser {
  return { id: user.id, email: user.email, name: user.name, handle: user.handle, role: user.role, profilerScore: user.profilerScore };
}

/** A student with a started mission. */
async function setup() {
  const student = asPublic(await createUser());
  const mission = await createMission();
  const progress = await startProgress(student.id, mission.id);
  return { student, mission, progress, subtaskId: mission.subtasks[0]!.id };
}

function storedFiles(): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

describe("uploadEvidence", () => {
  it("stores the blob under a random key and records the file", async () => {
    const { student, progress, subtaskId } = await setup();
    const view = await uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "../../screens/Scan ✓\u202E.png", claimedType: "text/html", data: PNG });

    expect(view).toMatchObject({ subtaskId, originalName: "Scan ✓.png", contentType: "image/png", sizeBytes: PNG.length, locked: false, url: `/evidence/${view.id}` });
    const row = await getDb().evidenceFile.findUniqueOrThrow({ where: { id: view.id } });
    expect(row).toMatchObject({ progressId: progress.id, ownerId: student.id, storage: "LOCAL", contentType: "image/png", sizeBytes: PNG.length, lockedAt: null });
    expect(row.sha256).toBe(crypto.createHash("sha256").update(PNG).digest("hex"));
    expect(row.storageKey).toMatch(STORAGE_KEY_PATTERN);
    expect(row.storageKey).not.toContain("Scan");
    const onDisk = fs.readFileSync(storage.pathFor(row.storageKey));
    expect(onDisk.equals(PNG)).toBe(true);
    expect(path.basename(path.dirname(storage.pathFor(row.storageKey)))).toBe(row.storageKey.slice(0, 2));

    const second = await uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "scan.png", data: PNG });
    const secondRow = await getDb().evidenceFile.findUniqueOrThrow({ where: { id: second.id } });
    expect(secondRow.storageKey).not.toBe(row.storageKey);
  });

  it("records plain text as text/plain whatever the browser claimed", async () => {
    const { student, progress, subtaskId } = await setup();
    const view = await uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "auth.log", claimedType: "application/octet-stream", data: LOG });
    expect(view.contentType).toBe("text/plain");
  });

  it("refuses a file larger than UPLOAD_MAX_BYTES with 413 and the limit in MiB", async () => {
    const { student, progress, subtaskId } = await setup();
    const previous = process.env.UPLOAD_MAX_BYTES;
    process.env.UPLOAD_MAX_BYTES = String(1024 * 1024);
    try {
      const data = Buffer.alloc(1024 * 1024 + 1, 0x41);
      const error = await expectAppError(uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "big.txt", data }), "FILE_TOO_LARGE", /1 MiB/);
      expect(error.status).toBe(413);
    } finally {
      if (previous === undefined) delete process.env.UPLOAD_MAX_BYTES;
      else process.env.UPLOAD_MAX_BYTES = previous;
    }
  });

  it("refuses an empty file", async () => {
    const { student, progress, subtaskId } = await setup();
    const error = await expectAppError(uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "empty.txt", data: Buffer.alloc(0) }), "VALIDATION_FAILED");
    expect(error.details).toHaveProperty("fieldErrors.file");
  });

  it("decides the type by content: an HTML page named report.png is refused (415) and nothing is stored", async () => {
    const { student, progress, subtaskId } = await setup();
    const before = storedFiles().length;
    const html = Buffer.from("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");
    const error = await expectAppError(
      uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "report.png", claimedType: "image/png", data: html }),
      "UNSUPPORTED_FILE_TYPE",
      /PNG.*PDF.*pcap/,
    );
    expect(error.status).toBe(415);
    const exe = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(64)]);
    await expectAppError(
      uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "notes.txt", claimedType: "text/plain", data: exe }),
      "UNSUPPORTED_FILE_TYPE",
    );
    expect(storedFiles().length).toBe(before);
    expect(await getDb().evidenceFile.count({ where: { progressId: progress.id } })).toBe(0);
  });

  it("refuses a subtask that is not part of the mission", async () => {
    const { student, progress } = await setup();
    const other = await createMission();
    for (const subtaskId of [other.subtasks[0]!.id, "no-such-subtask", undefined]) {
      const error = await expectAppError(uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "a.png", data: PNG }), "VALIDATION_FAILED");
      expect(error.details).toHaveProperty("fieldErrors.subtaskId");
    }
  });

  it("answers NOT_FOUND for another student's progress or an unknown one", async () => {
    const { progress, subtaskId } = await setup();
    const intruder = asPublic(await createUser());
    await expectAppError(uploadEvidence(getDb(), storage, intruder, progress.id, { subtaskId, fileName: "a.png", data: PNG }), "NOT_FOUND");
    await expectAppError(uploadEvidence(getDb(), storage, intruder, "does-not-exist", { subtaskId, fileName: "a.png", data: PNG }), "NOT_FOUND");
    expect(await getDb().evidenceFile.count({ where: { progressId: progress.id } })).toBe(0);
  });

  it("refuses uploads to submitted work (INVALID_STATE)", async () => {
    const { student, progress, subtaskId } = await setup();
    await getDb().missionProgress.update({ where: { id: progress.id }, data: { status: "SUBMITTED" } });
    const error = await expectAppError(uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "a.png", data: PNG }), "INVALID_STATE");
    expect(error.status).toBe(409);
  });

  it("keeps each student within the storage quota", async () => {
    const { student, progress, subtaskId } = await setup();
    // An existing file that leaves 150 bytes of the quota.
    await getDb().evidenceFile.create({
      data: {
        progressId: progress.id,
        subtaskId,
        ownerId: student.id,
        originalName: "huge.pcap",
        storageKey: crypto.randomBytes(16).toString("hex"),
        contentType: "application/vnd.tcpdump.pcap",
        sizeBytes: EVIDENCE_QUOTA_BYTES - 150,
        sha256: "0".repeat(64),
      },
    });
    const error = await expectAppError(
      uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "a.png", data: PNG }),
      "FILE_TOO_LARGE",
      /storage is full.*500 MiB/,
    );
    expect(error.status).toBe(413);

    // Three uploads of 100 bytes at once: only one fits.
    const small = Buffer.from("x".repeat(99) + "\n");
    const results = await Promise.allSettled([1, 2, 3].map((n) => uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: `note-${n}.txt`, data: small })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect((result.reason as AppError).code).toBe("FILE_TOO_LARGE");
    }
    // The refused uploads left no blobs behind.
    const keys = (await getDb().evidenceFile.findMany({ where: { ownerId: student.id }, select: { storageKey: true } })).map((row) => row.storageKey);
    for (const name of storedFiles()) if (!name.endsWith(".tmp")) expect(await getDb().evidenceFile.count({ where: { storageKey: name } })).toBe(1);
    expect(keys).toHaveLength(2);
  });

  it("removes the blob again when the row cannot be written", async () => {
    const { student, progress, subtaskId } = await setup();
    // The work is submitted while the blob is being written (a concurrent submission).
    const racing: EvidenceStorage = {
      backend: "LOCAL",
      put: async (key, data, type) => {
        await storage.put(key, data, type);
        await getDb().missionProgress.update({ where: { id: progress.id }, data: { status: "SUBMITTED" } });
      },
      get: (key) => storage.get(key),
      delete: (key) => storage.delete(key),
    };
    const before = storedFiles().length;
    await expectAppError(uploadEvidence(getDb(), racing, student, progress.id, { subtaskId, fileName: "a.png", data: PNG }), "INVALID_STATE");
    expect(storedFiles().length).toBe(before);
    expect(await getDb().evidenceFile.count({ where: { progressId: progress.id } })).toBe(0);
  });
});

describe("deleteEvidence", () => {
  it("deletes the row and the blob before submission", async () => {
    const { student, progress, subtaskId } = await setup();
    const view = await uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "a.png", data: PNG });
    const { storageKey } = await getDb().evidenceFile.findUniqueOrThrow({ where: { id: view.id } });
    await deleteEvidence(getDb(), storage, student, view.id);
    expect(await getDb().evidenceFile.findUnique({ where: { id: view.id } })).toBeNull();
    expect(fs.existsSync(storage.pathFor(storageKey))).toBe(false);
  });

  it("answers NOT_FOUND to anyone but the owner, and for a file of another progress", async () => {
    const { student, progress, subtaskId } = await setup();
    const view = await uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "a.png", data: PNG });
    const intruder = asPublic(await createUser());
    const admin = asPublic(await createUser({ role: "ADMIN" }));
    await expectAppError(deleteEvidence(getDb(), storage, intruder, view.id), "NOT_FOUND");
    await expectAppError(deleteEvidence(getDb(), storage, admin, view.id), "NOT_FOUND");
    await expectAppError(deleteEvidence(getDb(), storage, student, view.id, { progressId: "another-progress" }), "NOT_FOUND");
    await expectAppError(deleteEvidence(getDb(), storage, student, "unknown-file"), "NOT_FOUND");
    expect(await getDb().evidenceFile.count({ where: { id: view.id } })).toBe(1);
  });

  it("leaves a blob the storage will not delete now to a job that retries, and the job deletes it", async () => {
    const { student, progress, subtaskId } = await setup();
    const view = await uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "a.png", data: PNG });
    const { storageKey } = await getDb().evidenceFile.findUniqueOrThrow({ where: { id: view.id } });
    const unavailable: EvidenceStorage = {
      backend: "LOCAL",
      put: (key, data, type) => storage.put(key, data, type),
      get: (key) => storage.get(key),
      delete: () => Promise.reject(new Error("storage is down")),
    };

    await deleteEvidence(getDb(), unavailable, student, view.id);
    expect(await getDb().evidenceFile.findUnique({ where: { id: view.id } })).toBeNull();
    expect(fs.existsSync(storage.pathFor(storageKey))).toBe(true);
    expect(await queuedJobs("delete-evidence-blob")).toContainEqual(expect.objectContaining({ payload: { backend: "LOCAL", key: storageKey } }));

    // The storage is back: the job deletes the blob; running it again is harmless.
    expect(await deleteEvidenceBlob(getDb(), { backend: "LOCAL", key: storageKey }, () => storage)).toBe("deleted");
    expect(fs.existsSync(storage.pathFor(storageKey))).toBe(false);
    expect(await deleteEvidenceBlob(getDb(), { backend: "LOCAL", key: storageKey }, () => storage)).toBe("deleted");
  });

  it("the blob deletion job never removes a blob a file still uses", async () => {
    const { student, progress, subtaskId } = await setup();
    const view = await uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "a.png", data: PNG });
    const { storageKey } = await getDb().evidenceFile.findUniqueOrThrow({ where: { id: view.id } });
    expect(await deleteEvidenceBlob(getDb(), { backend: "LOCAL", key: storageKey }, () => storage)).toBe("in-use");
    expect(fs.existsSync(storage.pathFor(storageKey))).toBe(true);
  });

  it("refuses to delete a file of a submitted attempt", async () => {
    const { student, progress, subtaskId } = await setup();
    const view = await uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "a.png", data: PNG });
    // Changes were requested after the attempt: the progress is editable again, the file stays locked.
    await getDb().evidenceFile.update({ where: { id: view.id }, data: { lockedAt: new Date() } });
    await getDb().missionProgress.update({ where: { id: progress.id }, data: { status: "CHANGES_REQUESTED" } });
    await expectAppError(deleteEvidence(getDb(), storage, student, view.id), "INVALID_STATE", /files of a submitted attempt cannot be changed/i);
    const { storageKey } = await getDb().evidenceFile.findUniqueOrThrow({ where: { id: view.id } });
    expect(fs.existsSync(storage.pathFor(storageKey))).toBe(true);
  });

  it("refuses to delete while the work is submitted", async () => {
    const { student, progress, subtaskId } = await setup();
    const view = await uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "a.png", data: PNG });
    await getDb().missionProgress.update({ where: { id: progress.id }, data: { status: "AI_REVIEWED" } });
    await expectAppError(deleteEvidence(getDb(), storage, student, view.id), "INVALID_STATE");
  });
});

describe("openEvidence", () => {
  async function submitted() {
    const context = await setup();
    const view = await uploadEvidence(getDb(), storage, context.student, context.progress.id, { subtaskId: context.subtaskId, fileName: "capture.png", data: PNG });
    const submission = await getDb().submission.create({ data: { progressId: context.progress.id, attempt: 1, reflection: "r".repeat(60), snapshot: {} } });
    return { ...context, view, submission };
  }

  async function readAs(user: PublicUser, fileId: string) {
    const opened = await openEvidence(getDb(), storage, user, fileId);
    return { ...opened, bytes: await readStream(opened.stream) };
  }

  it("lets the owner and admins read, with the detected type and inline only for images and PDF", async () => {
    const { student, view, progress, subtaskId } = await submitted();
    const own = await readAs(student, view.id);
    expect(own).toMatchObject({ contentType: "image/png", sizeBytes: PNG.length, fileName: "capture.png", inline: true, progressId: progress.id });
    expect(own.bytes.equals(PNG)).toBe(true);

    const admin = asPublic(await createUser({ role: "ADMIN" }));
    expect((await readAs(admin, view.id)).bytes.equals(PNG)).toBe(true);

    await getDb().missionProgress.update({ where: { id: progress.id }, data: { status: "IN_PROGRESS" } });
    const text = await uploadEvidence(getDb(), storage, student, progress.id, { subtaskId, fileName: "auth.log", data: LOG });
    const openedText = await readAs(student, text.id);
    expect(openedText.inline).toBe(false);
    expect(openedText.contentType).toBe("text/plain");
  });

  it("answers NOT_FOUND to other students and to unknown files", async () => {
    const { view } = await submitted();
    const other = asPublic(await createUser());
    await expectAppError(openEvidence(getDb(), storage, other, view.id), "NOT_FOUND");
    await expectAppError(openEvidence(getDb(), storage, other, "no-such-file"), "NOT_FOUND");
  });

  it("lets a mentor read only with a waiting review or one they claimed", async () => {
    const { student, view, submission, mission } = await submitted();
    const mentor = asPublic(await createUser({ role: "MENTOR" }));
    const otherMentor = asPublic(await createUser({ role: "MENTOR" }));
    await expectAppError(openEvidence(getDb(), storage, mentor, view.id), "NOT_FOUND");

    const review = await getDb().mentorReview.create({
      data: { submissionId: submission.id, requestedById: student.id, status: "REQUESTED", trackId: mission.trackId, isCapstone: false, isRegrade: false },
    });
    expect((await readAs(mentor, view.id)).bytes.equals(PNG)).toBe(true);

    await getDb().mentorReview.update({ where: { id: review.id }, data: { status: "CLAIMED", mentorId: otherMentor.id, claimedAt: new Date() } });
    await expectAppError(openEvidence(getDb(), storage, mentor, view.id), "NOT_FOUND");
    expect((await readAs(otherMentor, view.id)).bytes.equals(PNG)).toBe(true);
  });
});
