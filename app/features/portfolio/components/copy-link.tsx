import { useState } from "react";
import { useHydrated } from "~/utils/use-hydrated";

/**
 * The public page's address in a read-only field anyone can select and copy, and, once the page
 * runs JavaScript, a button that copies it.
 */
export function CopyLink({ url }: { url: string }) {
  const hydrated = useHydrated();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  // The clipboard is there only in a browser running the page's script (and on a secure origin).
  const canCopy = hydrated && typeof navigator !== "undefined" && Boolean(navigator.clipboard);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor="public-url" className="sr-only">
        Address of your public page
      </label>
      <input id="public-url" readOnly value={url} className="field-input max-w-md flex-1 font-mono text-sm" onFocus={(event) => event.currentTarget.select()} />
      {canCopy ? (
        <button
          type="button"
          className="btn-secondary"
          onClick={() => {
            navigator.clipboard.writeText(url).then(
              () => setCopied("yes"),
              () => setCopied("failed"),
            );
          }}
        >
          Copy address
        </button>
      ) : null}
      <span role="status" className="text-sm text-slate-600">
        {copied === "yes" ? "Copied." : copied === "failed" ? "Copying did not work here: select the address and copy it." : ""}
      </span>
    </div>
  );
}
