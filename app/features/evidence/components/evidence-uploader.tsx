import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState, type DragEvent } from "react";
import { ACCEPTED_FILE_TYPES_DESCRIPTION } from "~/domain/file-types";
import { errorBodyMessage } from "~/utils/errors";
import type { EvidenceFileView } from "~/features/progress/service.server";
import { formatBytes, ProgressRow, type PendingUpload, type RowProps } from "./upload-row";

// UploadThing's client comes in only when the server runs with it (window.ENV.UPLOADTHING).
const UploadThingRow = lazy(() => import("./uploadthing-upload-row"));

export interface EvidenceUploaderProps {
  progressId: string;
  subtaskId: string;
  /** The subtask's files (EvidenceFileView from the progress record). */
  files: EvidenceFileView[];
  /** Whether the work may still be changed (IN_PROGRESS or CHANGES_REQUESTED). */
  editable: boolean;
  /** UPLOAD_MAX_BYTES, for a fast message before anything is sent (the server still checks). */
  maxBytes: number;
  onUploaded: (file: EvidenceFileView) => void;
  onDeleted: (fileId: string) => void;
}

/** The message of an API route's error answer ({error: {code, message}}), or the fallback. */
function errorMessageOf(body: unknown, fallback: string): string {
  return (typeof body === "object" ? errorBodyMessage(body) : undefined) ?? fallback;
}

function useUploadThingMode(): boolean {
  const [enabled, setEnabled] = useState(false);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- window.ENV is read after hydration so the server and first client render match
  useEffect(() => setEnabled(window.ENV?.UPLOADTHING === true), []);
  return enabled;
}

/**
 * Evidence for one subtask: a drop zone with a real file input, one progress bar per upload,
 * the files already attached (download link; Delete while the work is editable and the file is
 * not part of a submitted attempt). Uploads and deletions go through REST v1, like the autosave:
 * `POST /api/v1/mission-progress/{id}/files` with XMLHttpRequest (for progress events) and
 * `DELETE …/files/{fileId}`; uploads go straight to UploadThing when the server runs with
 * UploadThing (window.ENV.UPLOADTHING).
 */
export function EvidenceUploader({ progressId, subtaskId, files, editable, maxBytes, onUploaded, onDeleted }: EvidenceUploaderProps) {
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const inputRef = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<PendingUpload[]>([]);
  const [dragging, setDragging] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<{ fileId: string; message: string } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const uploadThing = useUploadThingMode();

  const update = useCallback((id: string, change: Partial<PendingUpload>) => {
    setPending((rows) => rows.map((row) => (row.id === id ? { ...row, ...change } : row)));
  }, []);

  const finish = useCallback(
    (id: string, file: EvidenceFileView) => {
      setPending((rows) => rows.filter((row) => row.id !== id));
      setAnnouncement(`${file.originalName} uploaded.`);
      onUploaded(file);
    },
    [onUploaded],
  );

  const fail = useCallback(
    (id: string, name: string, message: string) => {
      update(id, { status: "failed", error: message });
      setAnnouncement(`${name} was not uploaded: ${message}`);
    },
    [update],
  );

  function addFiles(list: FileList | File[]) {
    const added: PendingUpload[] = Array.from(list).map((file) => {
      const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      if (file.size === 0) return { id, file, progress: 0, status: "failed", error: "This file is empty." };
      if (file.size > maxBytes) {
        return { id, file, progress: 0, status: "failed", error: `This file is ${formatBytes(file.size)}; evidence files can be at most ${formatBytes(maxBytes)}.` };
      }
      return { id, file, progress: 0, status: "uploading" };
    });
    setPending((rows) => [...rows, ...added]);
    if (inputRef.current) inputRef.current.value = "";
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (!editable) return;
    if (event.dataTransfer.files.length > 0) addFiles(event.dataTransfer.files);
  }

  async function deleteFile(file: EvidenceFileView) {
    setDeleting(file.id);
    setDeleteError(null);
    try {
      const response = await fetch(`/api/v1/mission-progress/${encodeURIComponent(progressId)}/files/${encodeURIComponent(file.id)}`, {
        method: "DELETE",
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (response.ok) {
        setAnnouncement(`${file.originalName} deleted.`);
        onDeleted(file.id);
      } else {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- an error answer's JSON, read only through errorBodyMessage
        const body = await response.json().catch(() => null);
        setDeleteError({ fileId: file.id, message: errorMessageOf(body, `The file could not be deleted (error ${response.status}).`) });
      }
    } catch {
      setDeleteError({ fileId: file.id, message: "The file could not be deleted: you seem to be offline. Try again when you are back online." });
    } finally {
      setDeleting(null);
    }
  }

  const uploading = pending.some((row) => row.status === "uploading");

  return (
    <div className="space-y-3">
      {editable ? (
        <div
          onDragEnter={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragOver={(event) => event.preventDefault()}
          onDragLeave={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
          }}
          onDrop={onDrop}
          className={`rounded-xl border-2 border-dashed px-4 py-6 text-center transition focus-within:border-brand-600 focus-within:ring-2 focus-within:ring-brand-600 focus-within:ring-offset-2 ${
            dragging ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-slate-50"
          }`}
        >
          <input
            ref={inputRef}
            id={inputId}
            type="file"
            multiple
            className="sr-only"
            aria-describedby={hintId}
            onChange={(event) => {
              if (event.currentTarget.files?.length) addFiles(event.currentTarget.files);
            }}
          />
          <label htmlFor={inputId} className="btn-secondary cursor-pointer">
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
              <path d="M9.25 13.25a.75.75 0 0 0 1.5 0V4.636l2.955 3.129a.75.75 0 0 0 1.09-1.03l-4.25-4.5a.75.75 0 0 0-1.09 0l-4.25 4.5a.75.75 0 1 0 1.09 1.03L9.25 4.636v8.614Z" />
              <path d="M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z" />
            </svg>
            Add evidence files
          </label>
          <p id={hintId} className="mt-2 text-sm text-slate-600">
            or drop them here. Up to {formatBytes(maxBytes)} each: {ACCEPTED_FILE_TYPES_DESCRIPTION}.
          </p>
        </div>
      ) : null}

      {pending.length > 0 ? (
        <ul className="space-y-2" aria-label="Uploads">
          {pending.map((row) =>
            row.status === "uploading" && uploadThing ? (
              <Suspense key={row.id} fallback={<ProgressRow row={row} />}>
                <UploadThingRow row={row} progressId={progressId} subtaskId={subtaskId} onProgress={update} onDone={finish} onFail={fail} />
              </Suspense>
            ) : row.status === "uploading" ? (
              <XhrRow key={row.id} row={row} progressId={progressId} subtaskId={subtaskId} onProgress={update} onDone={finish} onFail={fail} />
            ) : (
              <li key={row.id} className="card flex items-start justify-between gap-3 border-red-200 px-4 py-3">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium text-slate-900">{row.file.name}</p>
                  <p className="mt-1 text-sm text-red-700" role="alert">
                    {row.error}
                  </p>
                </div>
                <button type="button" className="btn-ghost px-2 py-1 text-xs" onClick={() => setPending((rows) => rows.filter((other) => other.id !== row.id))}>
                  Dismiss<span className="sr-only"> the message about {row.file.name}</span>
                </button>
              </li>
            ),
          )}
        </ul>
      ) : null}

      {files.length > 0 ? (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" aria-label="Attached evidence">
          {files.map((file) => (
            <li key={file.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div className="min-w-0">
                <a href={file.url} className="block truncate text-sm font-medium text-brand-700 underline-offset-2 hover:underline" target="_blank" rel="noopener noreferrer">
                  {file.originalName}
                </a>
                <p className="text-xs text-slate-500">{`${formatBytes(file.sizeBytes)} · ${file.contentType}${file.locked ? " · part of a submitted attempt" : ""}`}</p>
                {deleteError?.fileId === file.id ? (
                  <p className="mt-1 text-sm text-red-700" role="alert">
                    {deleteError.message}
                  </p>
                ) : null}
              </div>
              {editable && !file.locked ? (
                <button type="button" className="btn-secondary px-3 py-1 text-xs" disabled={deleting === file.id} onClick={() => void deleteFile(file)}>
                  {deleting === file.id ? "Deleting…" : "Delete"}
                  <span className="sr-only"> {file.originalName}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : !editable ? (
        <p className="text-sm text-slate-500">No evidence attached.</p>
      ) : null}

      <p className="sr-only" role="status" aria-live="polite">
        {uploading ? "Uploading…" : announcement}
      </p>
    </div>
  );
}

/** Uploads through REST v1; XMLHttpRequest because fetch reports no upload progress. */
function XhrRow({ row, progressId, subtaskId, onProgress, onDone, onFail }: RowProps) {
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return; // once, even under StrictMode's double effects
    started.current = true;
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    const body = new FormData();
    body.append("subtaskId", subtaskId);
    body.append("file", row.file, row.file.name);
    xhr.open("POST", `/api/v1/mission-progress/${encodeURIComponent(progressId)}/files`);
    xhr.responseType = "json";
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(row.id, { progress: Math.min(99, (event.loaded / event.total) * 100) });
    });
    xhr.addEventListener("load", () => {
      if (xhr.status === 201 && xhr.response && typeof xhr.response === "object") onDone(row.id, xhr.response as EvidenceFileView);
      else onFail(row.id, row.file.name, errorMessageOf(xhr.response, `The upload failed (error ${xhr.status}). Please try again.`));
    });
    xhr.addEventListener("error", () => onFail(row.id, row.file.name, "The upload failed: the connection was lost. Check your connection and try again."));
    xhr.addEventListener("abort", () => onFail(row.id, row.file.name, "Upload cancelled."));
    xhr.send(body);
    // The upload outlives re-renders; it is only cancelled by the Cancel button.
  }, [row.id, row.file, progressId, subtaskId, onProgress, onDone, onFail]);

  return <ProgressRow row={row} onCancel={() => xhrRef.current?.abort()} />;
}
