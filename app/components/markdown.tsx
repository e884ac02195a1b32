import { Marked, type Tokens } from "marked";
import { useMemo } from "react";

/**
 * Markdown written by academy authors (mission stories, subtask instructions), rendered to HTML
 * that is safe to put in the page:
 * - raw HTML in the source is shown as text, never interpreted (`<script>` stays visible text);
 * - links keep only http(s) and mailto targets, anything else (javascript:, data:, vbscript:,
 *   relative paths) is rendered as its plain text;
 * - images are not loaded (they could track readers); their alt text links to them instead;
 * - headings are shifted down so a story's "# Title" never outranks the page's own headings.
 */

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** marked hands link targets over already percent-encoded; strip what browsers ignore before judging the scheme. */
export function safeHref(href: string | null | undefined): string | null {
  if (!href) return null;
  // Browsers drop ASCII whitespace and control characters anywhere in a URL's scheme ("java\tscript:").
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this strips
  const compact = href.replace(/[\u0000-\u0020\u007f]/g, "");
  if (/^https?:\/\/[^/]/i.test(compact) || /^mailto:[^/]/i.test(compact)) return href.trim();
  return null;
}

function createRenderer(headingOffset: number) {
  const marked = new Marked({ gfm: true, breaks: false, async: false });
  marked.use({
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
      heading({ tokens, depth }: Tokens.Heading) {
        const level = Math.min(6, depth + headingOffset);
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
      link({ href, title, tokens }: Tokens.Link) {
        const text = this.parser.parseInline(tokens);
        const target = safeHref(href);
        if (!target) return `<span class="unsafe-link">${text}</span>`;
        const titleAttribute = title ? ` title="${escapeHtml(title)}"` : "";
        return `<a href="${escapeHtml(target)}"${titleAttribute} rel="noopener noreferrer nofollow" target="_blank">${text}</a>`;
      },
      image({ href, text }: Tokens.Image) {
        const target = safeHref(href);
        const label = escapeHtml(text || "image");
        return target ? `<a href="${escapeHtml(target)}" rel="noopener noreferrer nofollow" target="_blank">[${label}]</a>` : `[${label}]`;
      },
    },
  });
  return marked;
}

// The HTML is a function of the source alone, and the sources are author content that changes
// when the academy is edited: each one is parsed once and its HTML kept, so a mission page
// renders its story and instructions once per edit (the catalogue revision, ADR 011), not once
// per request. An edit brings a new source, hence a new entry; the oldest entries leave first.
const KEPT_PER_OFFSET = 2_000;
const renderers = new Map<number, { marked: Marked; html: Map<string, string> }>();

/** Markdown → safe HTML (see above). `headingOffset` 2 turns "# x" into an h3. */
export function renderMarkdown(source: string, headingOffset = 2): string {
  let renderer = renderers.get(headingOffset);
  if (!renderer) {
    renderer = { marked: createRenderer(headingOffset), html: new Map() };
    renderers.set(headingOffset, renderer);
  }
  const text = source ?? "";
  let html = renderer.html.get(text);
  if (html === undefined) {
    html = renderer.marked.parse(text, { async: false });
    if (renderer.html.size >= KEPT_PER_OFFSET) renderer.html.delete(renderer.html.keys().next().value!);
    renderer.html.set(text, html);
  }
  return html;
}

// A "prose" look without the typography plugin: the class `prose-mxp` (app/tailwind.css) styles
// the elements marked produces.
export function Markdown({ source, headingOffset = 2, className = "" }: { source: string; headingOffset?: number; className?: string }) {
  const html = useMemo(() => renderMarkdown(source, headingOffset), [source, headingOffset]);
  return <div className={className ? `prose-mxp ${className}` : "prose-mxp"} dangerouslySetInnerHTML={{ __html: html }} />;
}
