import { unstable_parseMultipartFormData, type UploadHandlerPart } from "@remix-run/node";
import { toWebStream } from "~/adapters/storage/storage.server";
import { fileTooLargeMessage } from "~/domain/file-types";
import type { OpenedEvidence } from "./service.server";
import { AppError, isAppError } from "~/utils/errors";

/**
 * HTTP plumbing shared by the evidence routes (REST v1 and the page's download link): reading an
 * upload and answering with a stored file.
 */

export interface UploadedFormFile {
  name: string;
  /** What the client claimed; the service decides by content. */
  type: string;
  data: Buffer;
}

export interface EvidenceUploadForm {
  file: UploadedFormFile;
  fields: Record<string, string>;
}

const MAX_TEXT_FIELD_BYTES = 4 * 1024;
const MAX_PARTS = 20;
/** Room for the multipart framing and the small text fields around the file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

function notMultipart(): AppError {
  return new AppError("VALIDATION_FAILED", "Send the upload as multipart/form-data with a `file` field and a `subtaskId` field.", {
    fieldErrors: { file: ["Choose a file to upload"] },
  });
}

async function collect(part: UploadHandlerPart, limit: number, onTooLarge: () => AppError): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of part.data) {
    size += chunk.byteLength;
    if (size > limit) throw onTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a multipart body with exactly one `file` part and a few small text fields. The body is
 * streamed and abandoned as soon as the file passes `maxBytes`: a too-large upload is a 413
 * (FILE_TOO_LARGE), a body that is not multipart a 400 (VALIDATION_FAILED), never a 500.
 */
export async function readEvidenceUpload(request: Request, options: { maxBytes: number; fields?: string[] }): Promise<EvidenceUploadForm> {
  const { maxBytes } = options;
  const allowedFields = new Set(options.fields ?? ["subtaskId", "progressId"]);
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data\s*;.*boundary=/i.test(contentType) || !request.body) throw notMultipart();
  const declaredLength = Number(request.headers.get("Content-Length") ?? NaN);
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes + MULTIPART_OVERHEAD_BYTES) {
    throw new AppError("FILE_TOO_LARGE", fileTooLargeMessage(maxBytes), { maxBytes });
  }

  let file: UploadedFormFile | undefined;
  const fields: Record<string, string> = {};
  let parts = 0;
  try {
    await unstable_parseMultipartFormData(request, async (part) => {
      if (++parts > MAX_PARTS) throw new AppError("VALIDATION_FAILED", "Too many form fields in this upload.");
      if (typeof part.filename === "string") {
        if (part.name !== "file") {
          await collect(part, maxBytes, () => new AppError("FILE_TOO_LARGE", fileTooLargeMessage(maxBytes), { maxBytes }));
          return undefined;
        }
        if (file) throw new AppError("VALIDATION_FAILED", "Send one file per request.", { fieldErrors: { file: ["Send one file per request"] } });
        const data = await collect(part, maxBytes, () => new AppError("FILE_TOO_LARGE", fileTooLargeMessage(maxBytes), { maxBytes }));
        // Browsers escape `"`, CR and LF in multipart file names (WHATWG HTML: %22, %0D, %0A).
        file = { name: part.filename.replace(/%22/g, '"').replace(/%0D|%0A/gi, ""), type: part.contentType, data };
        return undefined;
      }
      const value = await collect(part, MAX_TEXT_FIELD_BYTES, () => new AppError("VALIDATION_FAILED", `The field ${part.name} is too long.`));
      if (allowedFields.has(part.name) && !(part.name in fields)) fields[part.name] = value.toString("utf8");
      return undefined;
    });
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError("VALIDATION_FAILED", "The upload could not be read as multipart/form-data.", { fieldErrors: { file: ["The upload could not be read"] } }, { cause: error });
  }
  if (!file) throw new AppError("VALIDATION_FAILED", "Choose a file to upload.", { fieldErrors: { file: ["Choose a file to upload"] } });
  return { file, fields };
}

/** An ASCII stand-in for old clients; the real name travels in `filename*`. */
function asciiFallback(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/["\\;%]/g, "_")
    .trim();
  return ascii || "evidence";
}

/** RFC 8187 ext-value: UTF-8, percent-encoded beyond attr-char. */
function encodeExtValue(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(fileName: string, inline: boolean): string {
  return `${inline ? "inline" : "attachment"}; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodeExtValue(fileName)}`;
}

/**
 * The headers of a stored evidence file's answer. Only images and PDF are shown inline; the type
 * is the one detected at upload and the browser may not sniff another. Everything but PDF runs
 * sandboxed with no permission to load or run anything, whatever it contains. Browsers refuse to
 * show a PDF under a sandbox policy (Chrome's and Safari's viewers are blocked by it); a PDF is
 * drawn by the browser's viewer, which keeps any script in the document away from this origin.
 */
export function evidenceFileHeaders(file: OpenedEvidence): Record<string, string> {
  const pdf = file.contentType === "application/pdf";
  return {
    "Content-Type": file.contentType === "text/plain" ? "text/plain; charset=utf-8" : file.contentType,
    "Content-Length": String(file.sizeBytes),
    "Content-Disposition": contentDisposition(file.fileName, file.inline),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
    ...(pdf ? {} : { "Content-Security-Policy": "default-src 'none'; sandbox" }),
    "Cross-Origin-Resource-Policy": "same-origin",
    ETag: `"${file.sha256}"`,
  };
}

/** Streams a stored evidence file as a Fetch Response (the page's download route). */
export async function evidenceFileResponse(file: OpenedEvidence): Promise<Response> {
  return new Response(await toWebStream(file.stream), { status: 200, headers: new Headers(evidenceFileHeaders(file)) });
}
