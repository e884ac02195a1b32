import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type express from "express";
import { z } from "zod";
import { getEvidenceStorage } from "~/adapters/storage/storage.server";
import { requireSignedIn, sendJson, type RestHandlerRoute } from "~/server/rest.server";
import { errorResponses } from "~/trpc/rest-meta";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { evidenceFileParams, evidenceFileSchema, evidenceUploadForm } from "./schemas";
import { fileTooLargeMessage } from "~/domain/file-types";
import { evidenceFileHeaders, MULTIPART_OVERHEAD_BYTES, readEvidenceUpload } from "./http.server";
import { assertCanUploadEvidence, openEvidence, uploadEvidence, type OpenedEvidence } from "./service.server";

/**
 * REST v1's evidence upload and download, as HTTP handlers of their own rather than procedures
 * (docs/decisions/012-rest-from-procedures.md): an upload is a multipart stream whose checks run
 * before the body is read and which is abandoned at the size limit, and a download is a stream
 * of bytes; a procedure's input and output are parsed JSON. Deleting a file is a procedure.
 * Both are described in the OpenAPI document with the procedures' error shape.
 */

/**
 * The request body as a web stream for the multipart reader, read only when the reader pulls.
 * `release` drains whatever was not read (a file over the limit, a refusal before reading) rather
 * than destroying the socket, so the answer reaches the client and the connection stays usable.
 */
function uploadRequest(req: express.Request): { request: Request; release: () => Promise<void> } {
  let chunks: AsyncIterator<unknown> | undefined;
  const release = async () => {
    await chunks?.return?.();
    chunks = undefined;
    if (!req.complete) req.resume();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        chunks ??= req.iterator({ destroyOnReturn: false });
        // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- a Node stream iterator's chunks are untyped Buffers
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(new Uint8Array((value as Buffer).buffer, (value as Buffer).byteOffset, (value as Buffer).byteLength));
      },
      cancel: release,
    },
    { highWaterMark: 0 },
  );
  const headers = new Headers();
  for (const name of ["content-type", "content-length"]) {
    const value = req.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  const request = new Request(`http://localhost${req.originalUrl}`, { method: "POST", headers, body, duplex: "half" });
  return { request, release };
}

async function upload(req: express.Request, res: express.Response, params: Record<string, string>): Promise<void> {
  const { db, user } = await requireSignedIn(req);
  const progressId = params.progressId!;
  // Unknown or foreign progress, or submitted work: answered before the body is read.
  await assertCanUploadEvidence(db, user, progressId, { countUpload: true });
  const { request, release } = uploadRequest(req);
  const form = await readEvidenceUpload(request, { maxBytes: getEnv().UPLOAD_MAX_BYTES }).finally(release);
  if (form.fields.progressId !== undefined && form.fields.progressId !== progressId) {
    throw new AppError("VALIDATION_FAILED", "The progress in the address and in the form differ.", { fieldErrors: { progressId: ["Does not match the address"] } });
  }
  const file = await uploadEvidence(db, getEvidenceStorage(), user, progressId, {
    subtaskId: form.fields.subtaskId,
    fileName: form.file.name,
    claimedType: form.file.type,
    data: form.file.data,
  });
  sendJson(res, 201, file, { Location: `/api/v1/mission-progress/${encodeURIComponent(progressId)}/files/${file.id}` });
}

async function discard(stream: OpenedEvidence["stream"]): Promise<void> {
  if (stream instanceof ReadableStream) await stream.cancel().catch(() => undefined);
  else (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
}

async function download(req: express.Request, res: express.Response, params: Record<string, string>): Promise<void> {
  const { db, user } = await requireSignedIn(req);
  const file = await openEvidence(db, getEvidenceStorage(), user, params.fileId);
  if (file.progressId !== params.progressId) {
    await discard(file.stream);
    throw AppError.notFound("This file");
  }
  res.statusCode = 200;
  for (const [name, value] of Object.entries(evidenceFileHeaders(file))) res.setHeader(name, value);
  if (req.method === "HEAD") {
    await discard(file.stream);
    res.end();
    return;
  }
  const source = file.stream instanceof ReadableStream ? Readable.fromWeb(file.stream as import("node:stream/web").ReadableStream) : (file.stream as Readable);
  await pipeline(source, res);
}

const progressParam = z.object({ progressId: z.string().meta({ description: "The mission progress record's id" }) });

export const evidenceRestRoutes: RestHandlerRoute[] = [
  {
    method: "POST",
    path: "/mission-progress/{progressId}/files",
    handle: upload,
    bodyLimit: () => {
      const maxBytes = getEnv().UPLOAD_MAX_BYTES;
      return { maxBytes: maxBytes + MULTIPART_OVERHEAD_BYTES, tooLarge: () => new AppError("FILE_TOO_LARGE", fileTooLargeMessage(maxBytes), { maxBytes }) };
    },
    document: {
      operationId: "evidence-upload",
      summary: "Upload an evidence file",
      description:
        "Multipart form with one `file` and the `subtaskId` it is evidence for. The file's kind is decided by its content (images, PDF, text, logs, packet captures, archives…), never by its name or claimed type. The progress is checked before the body is read.",
      tags: ["Evidence"],
      requestParams: { path: progressParam },
      requestBody: { required: true, content: { "multipart/form-data": { schema: evidenceUploadForm } } },
      responses: {
        201: {
          description: "The file record",
          headers: { Location: { description: "Where the file can be downloaded", schema: { type: "string" } } },
          content: { "application/json": { schema: evidenceFileSchema } },
        },
      },
    },
    errorResponses: errorResponses(
      ["VALIDATION_FAILED", "not a multipart form with one `file` and a `subtaskId` of this mission (`details.fieldErrors`), or an empty file"],
      "UNAUTHENTICATED",
      "NOT_FOUND",
      ["INVALID_STATE", "the work is submitted; its evidence can no longer change"],
      ["FILE_TOO_LARGE", "the file is over the upload limit, or the caller's evidence storage is full"],
      ["UNSUPPORTED_FILE_TYPE", "the content is not an accepted kind of evidence"],
    ),
  },
  {
    method: "GET",
    path: "/mission-progress/{progressId}/files/{fileId}",
    handle: download,
    document: {
      operationId: "evidence-download",
      summary: "Download an evidence file",
      description: "The file's bytes, with the type detected at upload. Images and PDF are sent inline, everything else as an attachment.",
      tags: ["Evidence"],
      requestParams: { path: evidenceFileParams },
      responses: {
        200: {
          description: "The file",
          headers: {
            "Content-Disposition": { description: "inline for images and PDF, attachment otherwise; the original name", schema: { type: "string" } },
            ETag: { description: "The file's SHA-256", schema: { type: "string" } },
          },
          // The type detected from the content at upload (images, PDF, archives, captures, text).
          content: { "*/*": { schema: { type: "string", format: "binary" } } },
        },
      },
    },
    errorResponses: errorResponses("UNAUTHENTICATED", ["NOT_FOUND", "no such file in this progress record, or the caller may not read it"]),
  },
];
