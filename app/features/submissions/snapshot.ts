import { z } from "zod";

/**
 * What a submission freezes (PRODUCT.md, "Submit"): the attempt number, the state of every
 * subtask, the evidence files and the reflection, as they were when the student submitted.
 * Stored as JSON in Submission.snapshot; written only through `buildSnapshot` and read only
 * through `readSnapshot`, so the attempt history shows exactly what the writer froze.
 */
export const snapshotSubtaskSchema = z.object({
  notes: z.string(),
  completed: z.boolean(),
  updatedAt: z.string().optional(),
});

export const snapshotFileSchema = z.object({
  id: z.string(),
  subtaskId: z.string(),
  originalName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string(),
  createdAt: z.string(),
});

export const submissionSnapshotSchema = z.object({
  attempt: z.number().int().positive(),
  missionTitle: z.string(),
  /** The progress version that was frozen. */
  version: z.number().int().nonnegative(),
  subtasks: z.record(z.string(), snapshotSubtaskSchema),
  files: z.array(snapshotFileSchema),
  reflection: z.string(),
});

export type SubmissionSnapshot = z.infer<typeof submissionSnapshotSchema>;
export type SnapshotFile = z.infer<typeof snapshotFileSchema>;
export type SnapshotSubtask = z.infer<typeof snapshotSubtaskSchema>;

export interface SnapshotSource extends Omit<SubmissionSnapshot, "files"> {
  files: (Omit<SnapshotFile, "createdAt"> & { createdAt: Date | string })[];
}

/** The snapshot to store, checked against the schema (a writer's mistake fails the submission, not a later read). */
export function buildSnapshot(source: SnapshotSource): SubmissionSnapshot {
  return submissionSnapshotSchema.parse({
    attempt: source.attempt,
    missionTitle: source.missionTitle,
    version: source.version,
    subtasks: source.subtasks,
    files: source.files.map((file) => ({
      id: file.id,
      subtaskId: file.subtaskId,
      originalName: file.originalName,
      contentType: file.contentType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      createdAt: file.createdAt instanceof Date ? file.createdAt.toISOString() : file.createdAt,
    })),
    reflection: source.reflection,
  });
}

// Rows written before the attempt number was part of the snapshot, or by hand (tests, support),
// are read field by field: whatever is readable is kept, the rest gets an empty value.
const lenientFile = z.object({
  id: z.string(),
  subtaskId: z.string(),
  originalName: z.string().catch("file"),
  contentType: z.string().catch(""),
  sizeBytes: z.number().int().nonnegative().catch(0),
  sha256: z.string().catch(""),
  createdAt: z.string().catch(""),
});

const lenientSnapshot = z.object({
  attempt: z.number().int().positive().optional().catch(undefined),
  missionTitle: z.string().catch(""),
  version: z.number().int().nonnegative().catch(0),
  subtasks: z.record(z.string(), z.unknown()).catch({}),
  files: z.array(z.unknown()).catch([]),
  reflection: z.string().optional().catch(undefined),
});

function lenientSubtask(raw: unknown): SnapshotSubtask {
  const value = (raw && typeof raw === "object" ? raw : {}) as { notes?: unknown; completed?: unknown; updatedAt?: unknown };
  return {
    notes: typeof value.notes === "string" ? value.notes : "",
    completed: value.completed === true,
    ...(typeof value.updatedAt === "string" ? { updatedAt: value.updatedAt } : {}),
  };
}

/**
 * A stored snapshot as the schema describes it. The submission row's own attempt number and
 * reflection fill in what an older row does not hold.
 */
export function readSnapshot(raw: unknown, row: { attempt: number; reflection: string }): SubmissionSnapshot {
  const parsed = submissionSnapshotSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const value = lenientSnapshot.safeParse(raw && typeof raw === "object" ? raw : {});
  const stored = value.success ? value.data : { attempt: undefined, missionTitle: "", version: 0, subtasks: {}, files: [], reflection: undefined };
  const files: SnapshotFile[] = [];
  for (const entry of stored.files) {
    const file = lenientFile.safeParse(entry);
    if (file.success) files.push(file.data);
  }
  return {
    attempt: stored.attempt ?? row.attempt,
    missionTitle: stored.missionTitle,
    version: stored.version,
    subtasks: Object.fromEntries(Object.entries(stored.subtasks).map(([id, entry]) => [id, lenientSubtask(entry)])),
    files,
    reflection: stored.reflection ?? row.reflection,
  };
}
