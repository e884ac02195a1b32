import { generateReactHelpers } from "@uploadthing/react";
import { useEffect, useRef } from "react";
import type { EvidenceRouter, EvidenceUploadResult } from "~/adapters/storage/uploadthing-router.server";
import { ProgressRow, type RowProps } from "./upload-row";

// Loaded only when the server runs with UploadThing (evidence-uploader.tsx imports it lazily):
// its client library is most of the mission page's JavaScript otherwise.

let uploadThingHelpers: ReturnType<typeof generateReactHelpers<EvidenceRouter>> | undefined;
function getUploadThingHelpers() {
  // Created on first use, in the browser only: the helpers resolve the URL against window.location.
  uploadThingHelpers ??= generateReactHelpers<EvidenceRouter>({ url: "/api/uploadthing" });
  return uploadThingHelpers;
}

/** UploadThing mode: the file goes straight to UploadThing; our server records it in its callback. */
export default function UploadThingRow({ row, progressId, subtaskId, onProgress, onDone, onFail }: RowProps) {
  const started = useRef(false);
  const { useUploadThing } = getUploadThingHelpers();
  const { startUpload } = useUploadThing("evidence", {
    uploadProgressGranularity: "fine",
    onUploadProgress: (progress) => onProgress(row.id, { progress: Math.min(99, progress) }),
    onUploadError: (error) => onFail(row.id, row.file.name, error.message || "The upload failed. Please try again."),
  });

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void startUpload([row.file], { progressId, subtaskId })
      .then((results) => {
        const result = results?.[0]?.serverData as EvidenceUploadResult | undefined | null;
        if (result?.ok) onDone(row.id, result.file);
        else if (result && !result.ok) onFail(row.id, row.file.name, result.error.message);
        else if (results) onFail(row.id, row.file.name, "The upload finished but was not recorded. Please try again.");
      })
      .catch((error: unknown) => onFail(row.id, row.file.name, error instanceof Error ? error.message : "The upload failed. Please try again."));
  }, [row.id, row.file, progressId, subtaskId, startUpload, onDone, onFail]);

  return <ProgressRow row={row} />;
}
