import { useEffect, useRef } from "react";

// A "prose" look without the typography plugin: the class `prose-mxp` (app/tailwind.css) styles
// the elements the renderer produces. The HTML comes from `renderMarkdown` on the server
// (app/utils/markdown.server.ts), which makes author markdown safe to insert.
export function Markdown({ html, className = "" }: { html: string; className?: string }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => enableCodeCopy(container.current), [html]);
  return <div ref={container} className={className ? `prose-mxp ${className}` : "prose-mxp"} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Shows each code block's Copy button where the browser can copy, and copies the block's text. */
function enableCodeCopy(root: HTMLElement | null): (() => void) | undefined {
  if (!root || !navigator.clipboard) return undefined;
  for (const button of root.querySelectorAll<HTMLButtonElement>("button.code-copy")) button.hidden = false;
  const copy = (event: MouseEvent) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>("button.code-copy");
    const block = button?.closest(".code-block");
    const code = block?.querySelector("pre")?.textContent;
    if (!button || !block || code == null) return;
    const status = block.querySelector('[role="status"]');
    navigator.clipboard.writeText(code).then(
      () => {
        button.textContent = "Copied";
        if (status) status.textContent = "Copied to the clipboard";
        setTimeout(() => {
          button.textContent = "Copy";
          if (status) status.textContent = "";
        }, 2000);
      },
      () => {
        if (status) status.textContent = "Could not copy: select the text and copy it yourself";
      },
    );
  };
  root.addEventListener("click", copy);
  return () => root.removeEventListener("click", copy);
}
