import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { toWebStream } from "~/adapters/storage/storage.server";
import { fileTooLargeMessage } from "~/domain/file-types";
import type { OpenedEvidence } from "./service.server";
import { AppError } from "~/utils/errors";

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

function unreadable(cause: unknown): AppError {
  return new AppError("VALIDATION_FAILED", "The upload could not be read as multipart/form-data.", { fieldErrors: { file: ["The upload could not be read"] } }, { cause });
}

/**
 * Reads a multipart body with exactly one `file` part and a few small text fields, with busboy
 * (a maintained streaming parser: file names may hold any character, `;` and `=` included). The
 * body is streamed and abandoned as soon as the file passes `maxBytes`: a too-large upload is a
 * 413 (FILE_TOO_LARGE), a body that is not multipart a 400 (VALIDATION_FAILED), never a 500.
 */
export async function readEvidenceUpload(request: Request, options: { maxBytes: number; fields?: string[] }): Promise<EvidenceUploadForm> {
  const { maxBytes } = options;
  const allowedFields = new Set(options.fields ?? ["subtaskId", "progressId"]);
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data\s*;.*boundary=/i.test(contentType) || !request.body) throw notMultipart();
  const declaredLength = Number(request.headers.get("Content-Length") ?? NaN);
  const tooLarge = () => new AppError("FILE_TOO_LARGE", fileTooLargeMessage(maxBytes), { maxBytes });
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge();

  let parser: busboy.Busboy;
  try {
    // Browsers send file names as raw UTF-8.
    parser = busboy({ headers: { "content-type": contentType }, defParamCharset: "utf8", limits: { parts: MAX_PARTS, fieldSize: MAX_TEXT_FIELD_BYTES, fileSize: maxBytes } });
  } catch (error) {
    throw unreadable(error);
  }
  const body = Readable.fromWeb(request.body as NodeWebReadableStream<Uint8Array>);

  return await new Promise<EvidenceUploadForm>((resolve, reject) => {
    let file: (UploadedFormFile & { complete: boolean }) | undefined;
    const chunks: Buffer[] = [];
    const fields: Record<string, string> = {};
    let failed = false;
    // Stops reading at the first problem: the rest of the body is never buffered.
    const fail = (error: AppError) => {
      if (failed) return;
      failed = true;
      body.unpipe(parser);
      body.destroy();
      reject(error);
    };

    // A listener that throws would escape the parser as an unhandled error: every one reports
    // through `fail` instead.
    const guarded =
      <Args extends unknown[]>(listener: (...args: Args) => void) =>
      (...args: Args) => {
        try {
          listener(...args);
        } catch (error) {
          fail(unreadable(error));
        }
      };

    parser.on(
      "file",
      guarded((name: string, stream: Readable & { truncated?: boolean }, info: busboy.FileInfo) => {
        stream.on("limit", () => fail(tooLarge()));
        // A body that ends inside a file part errors the part's stream too.
        stream.on("error", (error) => fail(unreadable(error)));
        if (name !== "file") {
          stream.resume();
          return;
        }
        if (file) {
          stream.resume();
          fail(new AppError("VALIDATION_FAILED", "Send one file per request.", { fieldErrors: { file: ["Send one file per request"] } }));
          return;
        }
        // A part without a file name (busboy counts an octet-stream part as a file) keeps an
        // empty one. Browsers escape `"`, CR and LF in multipart file names (WHATWG HTML: %22, %0D, %0A).
        const current = { name: (info.filename ?? "").replace(/%22/g, '"').replace(/%0D|%0A/gi, ""), type: info.mimeType, data: Buffer.alloc(0), complete: false };
        file = current;
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          current.data = Buffer.concat(chunks);
          current.complete = true;
        });
      }),
    );
    parser.on(
      "field",
      guarded((name: string, value: string, info: busboy.FieldInfo) => {
        if (info.valueTruncated) fail(new AppError("VALIDATION_FAILED", `The field ${name} is too long.`));
        else if (allowedFields.has(name) && !(name in fields)) fields[name] = value;
      }),
    );
    parser.on("partsLimit", () => fail(new AppError("VALIDATION_FAILED", "Too many form fields in this upload.")));
    parser.on("error", (error) => fail(unreadable(error)));
    body.on("error", (error) => fail(unreadable(error)));
    parser.on("close", () => {
      if (failed) return;
      if (!file?.complete) {
        reject(new AppError("VALIDATION_FAILED", "Choose a file to upload.", { fieldErrors: { file: ["Choose a file to upload"] } }));
        return;
      }
      resolve({ file: { name: file.name, type: file.type, data: file.data }, fields });
    });
    body.pipe(parser);
  });
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
