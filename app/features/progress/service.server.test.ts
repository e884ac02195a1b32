import { describe, expect, it } from "vitest";
import { queuedJobs } from "~/testing/jobs";
import { createUser } from "~/testing/factories";
import { createMission, startProgress } from "~/testing/missions";
import { getDb } from "~/utils/db.server";
import { appErrorFrom as failure } from "~/testing/errors";
import { getProgress, saveProgress } from "./service.server";
import { submitProgress } from "~/features/submissions/service.server";
import { submissionSnapshotSchema } from "~/features/submissions/snapshot";

async function setup() {
  const student = await createUser();
  const mission = await createMission();
  const progress = await startProgress(student.id, mission.id);
  const [a, b, c] = mission.subtasks.map((subtask) => subtask.id) as [string, string, string];
  return { student, mission, progress, a, b, c };
}

const REFLECTION = "I learned to read a packet capture and to tie each packet to a step of the attack.";

describe("autosave", () => {
  it("merges a patch into one subtask, keeps the others and bumps the version", async () => {
    const { student, progress, a, b } = await setup();
    const first = await saveProgress(getDb(), student, progress.id, { version: 1, subtasks: { [a]: { notes: "tcpdump -i eth0" } } });
    expect(first.version).toBe(2);
    const second = await saveProgress(getDb(), student, progress.id, { version: 2, subtasks: { [a]: { completed: true }, [b]: { notes: "step 1" } } });
    expect(second.version).toBe(3);
    const view = await getProgress(getDb(), student, progress.id);
    expect(view.subtasks[a]).toMatchObject({ notes: "tcpdump -i eth0", completed: true });
    expect(view.subtasks[b]).toMatchObject({ notes: "step 1", completed: false });
    expect(view.version).toBe(3);
  });

  it("stores the save time as UTC whatever the server's time zone", async () => {
    const { student, progress, a } = await setup();
    const at = new Date("2026-11-25T10:00:00.000Z");
    const saved = await saveProgress(getDb(), student, progress.id, { version: 1, subtasks: { [a]: { notes: "x" } } }, at);
    expect(saved.updatedAt).toBe("2026-11-25T10:00:00.000Z");
    expect(saved.subtasks[a]!.updatedAt).toBe("2026-11-25T10:00:00.000Z");
    const row = await getDb().missionProgress.findUniqueOrThrow({ where: { id: progress.id } });
    expect(row.updatedAt.toISOString()).toBe("2026-11-25T10:00:00.000Z");
  });

  it("refuses a save based on a stale version with 409 and the current state", async () => {
    const { student, progress, a } = await setup();
    await saveProgress(getDb(), student, progress.id, { version: 1, subtasks: { [a]: { notes: "from tab one" } } });
    const conflict = await failure(saveProgress(getDb(), student, progress.id, { version: 1, subtasks: { [a]: { notes: "from tab two" } } }));
    expect(conflict.code).toBe("VERSION_CONFLICT");
    expect(conflict.status).toBe(409);
    const current = (conflict.details as { current: { version: number; subtasks: Record<string, { notes: string }> } }).current;
    expect(current.version).toBe(2);
    expect(current.subtasks[a]!.notes).toBe("from tab one");
    // nothing was lost or overwritten
    expect((await getProgress(getDb(), student, progress.id)).subtasks[a]!.notes).toBe("from tab one");
  });

  it("lets exactly one of two concurrent saves on the same version win", async () => {
    const { student, progress, a } = await setup();
    const results = await Promise.allSettled(
      ["one", "two", "three"].map((text) => saveProgress(getDb(), student, progress.id, { version: 1, subtasks: { [a]: { notes: text } } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await getProgress(getDb(), student, progress.id)).version).toBe(2);
  });

  it("rejects bad input field by field, unknown subtasks, and other students", async () => {
    const { student, progress, a } = await setup();
    expect((await failure(saveProgress(getDb(), student, progress.id, { version: "x", subtasks: {} }))).code).toBe("VALIDATION_FAILED");
    expect((await failure(saveProgress(getDb(), student, progress.id, { version: 1, subtasks: { [a]: { notes: 5 } } }))).code).toBe("VALIDATION_FAILED");
    expect((await failure(saveProgress(getDb(), student, progress.id, { version: 1, subtasks: { [a]: { hacked: true } } }))).code).toBe("VALIDATION_FAILED");
    const unknown = await failure(saveProgress(getDb(), student, progress.id, { version: 1, subtasks: { "not-a-subtask": { notes: "x" } } }));
    expect(unknown.code).toBe("VALIDATION_FAILED");
    expect(JSON.stringify(unknown.details)).toContain("not-a-subtask");
    const intruder = await createUser();
    expect((await failure(saveProgress(getDb(), intruder, progress.id, { version: 1, subtasks: { [a]: { notes: "mine now" } } }))).code).toBe("NOT_FOUND");
    expect((await failure(getProgress(getDb(), intruder, progress.id))).code).toBe("NOT_FOUND");
    expect((await failure(saveProgress(getDb(), student, "nope", { version: 1, subtasks: { [a]: { notes: "x" } } }))).code).toBe("NOT_FOUND");
  });
});

describe("submission", () => {
  it("lists everything missing and submits nothing while work is incomplete", async () => {
    const { student, progress, a } = await setup();
    await saveProgress(getDb(), student, progress.id, { version: 1, subtasks: { [a]: { completed: true } } });
    const incomplete = await failure(submitProgress(getDb(), student, progress.id, { reflection: "short" }));
    expect(incomplete.code).toBe("INCOMPLETE_SUBMISSION");
    expect(incomplete.status).toBe(422);
    const kinds = (incomplete.details as { missing: { kind: string }[] }).missing.map((item) => item.kind);
    expect(kinds).toEqual(["evidence-missing", "subtask-incomplete", "subtask-incomplete", "reflection-too-short"]);
    expect(await getDb().submission.count({ where: { progressId: progress.id } })).toBe(0);
  });

  it("freezes a snapshot, locks the files, moves to SUBMITTED and queues the AI review", async () => {
    const { student, mission, progress, a, b, c } = await setup();
    await saveProgress(getDb(), student, progress.id, { version: 1, subtasks: { [a]: { notes: "capture", completed: true }, [b]: { completed: true }, [c]: { completed: true } } });
    const file = await getDb().evidenceFile.create({
      data: {
        progressId: progress.id,
        subtaskId: mission.subtasks[0]!.id,
        ownerId: student.id,
        originalName: "capture.pcap",
        storageKey: `k-${progress.id}`,
        contentType: "application/vnd.tcpdump.pcap",
        sizeBytes: 10,
        sha256: "0".repeat(64),
      },
    });
    const submission = await submitProgress(getDb(), student, progress.id, { reflection: REFLECTION });
    expect(submission).toMatchObject({ attempt: 1, status: "SUBMITTED", aiReview: { status: "PENDING" } });
    const stored = await getDb().submission.findUniqueOrThrow({ where: { id: submission.id }, include: { aiReview: true } });
    expect(stored.snapshot).toMatchObject({
      subtasks: { [a]: { notes: "capture", completed: true } },
      files: [{ id: file.id, originalName: "capture.pcap" }],
      reflection: REFLECTION,
    });
    // What was stored is the shared schema's shape, attempt number included, and reads back unchanged.
    const frozen = submissionSnapshotSchema.parse(stored.snapshot);
    expect(frozen).toMatchObject({
      attempt: 1,
      missionTitle: mission.title,
      files: [{ id: file.id, subtaskId: mission.subtasks[0]!.id, contentType: "application/vnd.tcpdump.pcap", sizeBytes: 10 }],
    });
    expect(stored.aiReview?.status).toBe("PENDING");
    expect((await getDb().evidenceFile.findUniqueOrThrow({ where: { id: file.id } })).lockedAt).not.toBeNull();
    expect((await queuedJobs("ai-review")).map((job) => job.payload)).toContainEqual({ submissionId: submission.id });
    const view = await getProgress(getDb(), student, progress.id);
    expect(view).toMatchObject({ status: "SUBMITTED", editable: false, currentAttempt: 1 });
    expect(view.submissions[0]!.snapshot).toEqual(frozen);
    // the work is frozen: no more autosaves, no second submission
    expect((await failure(saveProgress(getDb(), student, progress.id, { version: view.version, subtasks: { [a]: { notes: "edit" } } }))).code).toBe("INVALID_STATE");
    expect((await failure(submitProgress(getDb(), student, progress.id, { reflection: REFLECTION }))).code).toBe("INVALID_STATE");
  });

  it("keeps earlier attempts readable after changes are requested and a resubmission", async () => {
    const { student, mission, progress, a, b, c } = await setup();
    await getDb().evidenceFile.create({
      data: {
        progressId: progress.id,
        subtaskId: mission.subtasks[0]!.id,
        ownerId: student.id,
        originalName: "one.png",
        storageKey: `k1-${progress.id}`,
        contentType: "image/png",
        sizeBytes: 10,
        sha256: "1".repeat(64),
      },
    });
    await saveProgress(getDb(), student, progress.id, {
      version: 1,
      subtasks: { [a]: { notes: "first try", completed: true }, [b]: { completed: true }, [c]: { completed: true } },
    });
    await submitProgress(getDb(), student, progress.id, { reflection: REFLECTION });
    await getDb().missionProgress.update({ where: { id: progress.id }, data: { status: "CHANGES_REQUESTED" } });
    const version = (await getProgress(getDb(), student, progress.id)).version;
    await saveProgress(getDb(), student, progress.id, { version, subtasks: { [a]: { notes: "second try" } } });
    await submitProgress(getDb(), student, progress.id, { reflection: `${REFLECTION} Second attempt.` });
    const view = await getProgress(getDb(), student, progress.id);
    expect(view.submissions.map((s) => s.attempt)).toEqual([2, 1]);
    expect(view.submissions[1]!.snapshot.subtasks[a]!.notes).toBe("first try");
    expect(view.submissions[0]!.snapshot.subtasks[a]!.notes).toBe("second try");
    expect(view.submissions.map((s) => s.snapshot.attempt)).toEqual([2, 1]);
  });

  it("makes one attempt of two simultaneous submissions", async () => {
    const { student, mission, progress, a, b, c } = await setup();
    await getDb().evidenceFile.create({
      data: {
        progressId: progress.id,
        subtaskId: mission.subtasks[0]!.id,
        ownerId: student.id,
        originalName: "x.png",
        storageKey: `k2-${progress.id}`,
        contentType: "image/png",
        sizeBytes: 10,
        sha256: "2".repeat(64),
      },
    });
    await saveProgress(getDb(), student, progress.id, { version: 1, subtasks: { [a]: { completed: true }, [b]: { completed: true }, [c]: { completed: true } } });
    const results = await Promise.allSettled([1, 2, 3].map(() => submitProgress(getDb(), student, progress.id, { reflection: REFLECTION })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await getDb().submission.count({ where: { progressId: progress.id } })).toBe(1);
  });

  it("does not let another student submit", async () => {
    const { progress } = await setup();
    const intruder = await createUser();
    expect((await failure(submitProgress(getDb(), intruder, progress.id, { reflection: REFLECTION }))).code).toBe("NOT_FOUND");
  });
});
