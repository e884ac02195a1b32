import { evidenceStorageFor, type EvidenceStorage, type StorageBackend } from "~/adapters/storage/storage.server";
import type { Db } from "~/utils/db.server";
import type { ParsedJobPayload } from "../definitions";

/**
 * Deletes a blob that no evidence row points at any more. A blob that a row uses again (it
 * cannot be, keys are random, but a hand-made job could name one) is left alone. Deleting a
 * missing blob is not an error, so the job is safe to run twice; a storage failure is thrown and
 * graphile-worker retries with back-off.
 */
export async function deleteEvidenceBlob(
  db: Db,
  payload: ParsedJobPayload<"delete-evidence-blob">,
  storageFor: (backend: StorageBackend) => EvidenceStorage = evidenceStorageFor,
): Promise<"deleted" | "in-use"> {
  const inUse = await db.evidenceFile.count({ where: { storageKey: payload.key, storage: payload.backend } });
  if (inUse > 0) return "in-use";
  await storageFor(payload.backend).delete(payload.key);
  return "deleted";
}
