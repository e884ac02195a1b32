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

// A "prose" look without the typography plugin: styles for the elements marked produces.
const PROSE =
  "text-slate-700 leading-relaxed break-words " +
  "[&>*+*]:mt-3 [&_h3]:text-base [&_h3]:font-semibold [&_h3]:text-slate-900 [&_h4]:font-semibold [&_h4]:text-slate-900 [&_h5]:font-semibold [&_h6]:font-semibold " +
  "[&_ul]:list-disc [&_ul]:pl-6 [&_ol]:list-decimal [&_ol]:pl-6 [&_li+li]:mt-1 [&_li>ul]:mt-1 [&_li>ol]:mt-1 " +
  "[&_a]:font-medium [&_a]:text-brand-700 [&_a]:underline [&_a:hover]:text-brand-900 " +
  "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:py-0.5 [&_code]:font-mono [&_code]:text-[0.85em] [&_code]:text-slate-800 " +
  "[&_pre]:overflow-x-auto [&_pre]:rounded-lg [&_pre]:bg-slate-900 [&_pre]:p-4 [&_pre]:text-sm [&_pre]:text-slate-100 " +
  "[&_pre_code]:bg-transparent [&_pre_code]:p-0 [&_pre_code]:text-slate-100 " +
  "[&_blockquote]:border-l-4 [&_blockquote]:border-brand-200 [&_blockquote]:bg-brand-50/50 [&_blockquote]:px-4 [&_blockquote]:py-2 [&_blockquote]:text-slate-700 " +
  "[&_table]:w-full [&_table]:text-sm [&_th]:border-b [&_th]:border-slate-200 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left [&_td]:border-b [&_td]:border-slate-100 [&_td]:px-2 [&_td]:py-1 " +
  "[&_hr]:border-slate-200 [&_strong]:font-semibold [&_strong]:text-slate-900";

export function Markdown({ source, headingOffset = 2, className = "" }: { source: string; headingOffset?: number; className?: string }) {
  const html = useMemo(() => renderMarkdown(source, headingOffset), [source, headingOffset]);
  return <div className={`${PROSE} ${className}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
