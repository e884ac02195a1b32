// Escaping and link checks shared by the markdown renderer, e-mails and pages that show a
// link an author or student wrote.

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe to put between tags or in a quoted attribute. */
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
