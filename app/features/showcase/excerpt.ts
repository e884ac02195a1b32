/**
 * Short public excerpts of a mission's story. The story is markdown; an excerpt is whole
 * paragraphs of it (never a cut in the middle of its markup), so it renders as the author wrote it.
 */

const NOT_PROSE = /^(#|```|~~~|>|[-*+] |\d+[.)] |\||<)/u;

/** The story's paragraphs of prose, in order: no headings, lists, quotes, tables or code. */
function proseParagraphs(markdown: string): string[] {
  return markdown
    .replace(/\r\n?/gu, "\n")
    .split(/\n\s*\n/u)
    .map((block) => block.trim())
    .filter((block) => block.length > 0 && !NOT_PROSE.test(block));
}

/** The first paragraph of prose (empty when the story has none). */
export function firstParagraph(markdown: string): string {
  return proseParagraphs(markdown)[0] ?? "";
}

/** Markdown as plain text: what a meta description or a link preview shows. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/`([^`]*)`/gu, "$1")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/gu, "$1")
    .replace(/(\*\*|__|\*|_|~~)(\S(?:.*?\S)?)\1/gu, "$2")
    .replace(/\s+/gu, " ")
    .trim();
}

/** At most `limit` characters, cut at a word with an ellipsis when it had to be cut. */
export function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > limit / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.–-]+$/u, "")}…`;
}
