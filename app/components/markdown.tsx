// A "prose" look without the typography plugin: the class `prose-mxp` (app/tailwind.css) styles
// the elements the renderer produces. The HTML comes from `renderMarkdown` on the server
// (app/utils/markdown.server.ts), which makes author markdown safe to insert.
export function Markdown({ html, className = "" }: { html: string; className?: string }) {
  return <div className={className ? `prose-mxp ${className}` : "prose-mxp"} dangerouslySetInnerHTML={{ __html: html }} />;
}
