/** Changes kept on this device that can no longer be saved: the attempt was submitted before they reached the server. */
export function UnsendableNotice({ subtaskIds, titles, onDiscard }: { subtaskIds: string[]; titles: Record<string, string>; onDiscard: () => void }) {
  return (
    <div className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900" role="alert">
      <p className="font-semibold">Changes kept on this device could not be saved</p>
      <p className="mt-1">
        This attempt was submitted before these changes reached the server: {subtaskIds.map((id) => titles[id] ?? id).join(", ")}. Copy what you need (it is shown in the steps
        below), then discard them.
      </p>
      <button type="button" className="btn-secondary mt-3" onClick={onDiscard}>
        Discard the unsaved changes
      </button>
    </div>
  );
}
