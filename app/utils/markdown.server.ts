import { Marked, type Tokens } from "marked";
import { escapeHtml, safeHref } from "./html";

/**
 * Markdown written by academy authors (mission stories, subtask instructions), rendered to HTML
 * that is safe to put in the page (it runs on the server only: pages receive the HTML, so the
 * browser never downloads the renderer):
 * - raw HTML in the source is shown as text, never interpreted (`<script>` stays visible text);
 * - links keep only http(s) and mailto targets, anything else (javascript:, data:, vbscript:,
 *   relative paths) is rendered as its plain text;
 * - images are not loaded (they could track readers); their alt text links to them instead;
 * - headings are shifted down so a story's "# Title" never outranks the page's own headings.
 */

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
      // A code block can be wider than the page: it scrolls sideways, so it takes the focus (the
      // keyboard can scroll it) and is named; its copy button stays hidden until the page's script
      // can copy (components/markdown.tsx), so a page without JavaScript never shows a dead button.
      code({ text, lang }: Tokens.Code) {
        const language = lang?.match(/^[\w+-]+/)?.[0];
        const languageClass = language ? ` class="language-${escapeHtml(language)}"` : "";
        return (
          `<div class="code-block"><pre tabindex="0" role="group" aria-label="Code${language ? ` (${escapeHtml(language)})` : ""}"><code${languageClass}>${escapeHtml(text)}</code></pre>` +
          `<button type="button" class="code-copy" hidden>Copy</button><span class="sr-only" role="status"></span></div>\n`
        );
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
