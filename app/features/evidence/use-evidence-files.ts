import { useCallback, useEffect, useState } from "react";
import type { EvidenceFileView } from "~/features/progress/service.server";

/**
 * The evidence files of a progress as the page shows them: the loader's list, with uploads and
 * deletions applied at once (the next load brings the server's list again).
 */
export function useEvidenceFiles(loaded: EvidenceFileView[]) {
  const [files, setFiles] = useState<EvidenceFileView[]>(loaded);
  // eslint-disable-next-line react-hooks/set-state-in-effect -- new server data replaces the local list when the loader revalidates
  useEffect(() => setFiles(loaded), [loaded]);
  const onUploaded = useCallback((file: EvidenceFileView) => setFiles((current) => (current.some((other) => other.id === file.id) ? current : [...current, file])), []);
  const onDeleted = useCallback((fileId: string) => setFiles((current) => current.filter((file) => file.id !== fileId)), []);
  return { files, onUploaded, onDeleted };
}
