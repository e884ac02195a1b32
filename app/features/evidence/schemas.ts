import { z } from "zod";
import { idSchema } from "~/utils/validation";

/** An evidence file as answers show it (EvidenceFileView); `url` is the page's download link. */
export const evidenceFileSchema = z
  .object({
    id: z.string(),
    subtaskId: z.string(),
    originalName: z.string(),
    contentType: z.string().meta({ description: "The type detected from the content at upload, not the one the client claimed" }),
    sizeBytes: z.number().int(),
    locked: z.boolean().meta({ description: "Part of a submitted attempt: kept forever, cannot be deleted" }),
    createdAt: z.iso.datetime(),
    url: z.string(),
  })
  .meta({ id: "EvidenceFile" });

export const evidenceFileParams = z.object({ progressId: idSchema, fileId: idSchema });

export const deleteEvidenceOutput = z.object({ deleted: z.string() });

/** The multipart form of an upload, for the OpenAPI document (the handler reads it as a stream). */
export const evidenceUploadForm = z.object({
  file: z.string().meta({ format: "binary", description: "The file; its type is decided by its content" }),
  subtaskId: z.string().meta({ description: "The subtask the file is evidence for" }),
});
