import { escapeHtml } from "~/utils/html";
/**
 * E-mail bodies: one content, two parts. The plain-text part is what every client can read; the
 * HTML part says the same, escaped, in a simple single-column layout with real paragraphs, a
 * heading, a language and links with words (screen readers announce them; long addresses are
 * not read out).
 */

export interface EmailContent {
  /** Plain text; a newline inside a paragraph is a line break, and web addresses become links in the HTML part. */
  paragraphs: string[];
  /** The one thing to do, as a button in the HTML part and "label: address" in the text. */
  action?: { label: string; url: string };
  /** Where the person chooses which e-mails they get (notification e-mails), and why they got this one. */
  settings?: { url: string; reason?: string };
}

export interface EmailParts {
  text: string;
  html: string;
}

export const SETTINGS_LINK_LABEL = "Choose which e-mails MXP sends you";

// An address ends before white space or markup, and a sentence's closing punctuation is not part of it.
const WEB_ADDRESS = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

const LINK_STYLE = "color:#1d4ed8;text-decoration:underline;";

/** A paragraph of plain text as HTML: escaped, its addresses linked, its line breaks kept. */
function paragraphHtml(text: string): string {
  let html = "";
  let last = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    html += escapeHtml(text.slice(last, match.index));
    html += `<a href="${escapeHtml(match[0])}" style="${LINK_STYLE}">${escapeHtml(match[0])}</a>`;
    last = match.index + match[0].length;
  }
  html += escapeHtml(text.slice(last));
  return html.replace(/\r?\n/g, "<br>\n");
}

export function renderEmail(subject: string, content: EmailContent): EmailParts {
  return { text: renderText(content), html: renderHtml(subject, content) };
}

export function renderText(content: EmailContent): string {
  const blocks = [...content.paragraphs];
  if (content.action) blocks.push(`${content.action.label}: ${content.action.url}`);
  let text = `${blocks.join("\n\n")}\n`;
  if (content.settings) text += `\n-- \n${content.settings.reason ? `${content.settings.reason} ` : ""}${SETTINGS_LINK_LABEL}: ${content.settings.url}\n`;
  return text;
}

export function renderHtml(subject: string, content: EmailContent): string {
  const body = content.paragraphs.map((paragraph) => `<p style="margin:0 0 16px;">${paragraphHtml(paragraph)}</p>`);
  if (content.action) {
    body.push(
      `<p style="margin:24px 0 8px;"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background-color:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;">${escapeHtml(content.action.label)}</a></p>`,
    );
  }
  const footer = content.settings
    ? `<div style="padding:16px 24px 0;font-size:14px;line-height:1.5;color:#475569;"><p style="margin:0;">${content.settings.reason ? `${escapeHtml(content.settings.reason)} ` : ""}<a href="${escapeHtml(content.settings.url)}" style="color:#334155;text-decoration:underline;">${SETTINGS_LINK_LABEL}</a>.</p></div>\n`
    : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f1f5f9;">
<div style="max-width:600px;margin:0 auto;padding:24px 12px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#0f172a;">
<div style="background-color:#ffffff;border-radius:8px;padding:24px;">
<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3;">${escapeHtml(subject)}</h1>
${body.join("\n")}
</div>
${footer}</div>
</body>
</html>
`;
}

/** The content of an e-mail written as plain text: its paragraphs are the text's blank-line-separated blocks. */
export function contentFromText(text: string): EmailContent {
  return {
    paragraphs: text
      .split(/\r?\n\s*\r?\n/)
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph !== ""),
  };
}
