import type { EvidenceFileView } from "~/features/progress/service.server";

/** "912 B", "14.2 KiB", "25 MiB": binary multiples, the unit the server states its limits in. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KiB", "MiB", "GiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

export interface PendingUpload {
  id: string;
  file: File;
  /** 0–100 */
  progress: number;
  status: "uploading" | "failed";
  error?: string;
}

export interface RowProps {
  row: PendingUpload;
  progressId: string;
  subtaskId: string;
  onProgress: (id: string, change: Partial<PendingUpload>) => void;
  onDone: (id: string, file: EvidenceFileView) => void;
  onFail: (id: string, name: string, message: string) => void;
}

export function ProgressRow({ row, onCancel }: { row: PendingUpload; onCancel?: () => void }) {
  return (
    <li className="card px-4 py-3">
      <div className="flex items-center justify-between gap-3">
        <p className="truncate text-sm font-medium text-slate-900">{row.file.name}</p>
        <span className="shrink-0 text-xs text-slate-500">
          {formatBytes(row.file.size)} · {Math.round(row.progress)}%
        </span>
      </div>
      <div className="mt-2 flex items-center gap-3">
        <progress className="h-2 w-full overflow-hidden rounded-full accent-brand-700" max={100} value={row.progress} aria-label={`Uploading ${row.file.name}`} />
        {onCancel ? (
          <button type="button" className="btn-ghost px-2 py-1 text-xs" onClick={onCancel}>
            Cancel<span className="sr-only"> uploading {row.file.name}</span>
          </button>
        ) : null}
      </div>
    </li>
  );
}
