/**
 * Evidence file types, recognised by their content (magic bytes), never by the name or the type
 * the browser claims. Pure and framework-free: the upload component reads the description and
 * the size helpers from here too.
 */

export interface DetectedFileType {
  mime: string;
  /** Without the dot. */
  extension: string;
  /** Safe to show in the browser (served `inline`): images and PDF. Everything else downloads. */
  inlineSafe: boolean;
}

export const ACCEPTED_FILE_TYPES_DESCRIPTION =
  "PNG, JPEG, GIF or WebP images, PDF, ZIP archives (also .docx/.xlsx/.pptx), packet captures (pcap, pcapng), gzip archives and plain text (.txt, .log, .md, .csv, .json, source code)";

const MiB = 1024 * 1024;

/** "25 MiB", "1.5 MiB": limits as people read them. */
export function formatMiB(bytes: number): string {
  if (bytes > 0 && bytes < MiB / 10) return `${Math.max(1, Math.round(bytes / 1024))} KiB`;
  const value = bytes / MiB;
  return `${Number.isInteger(value) ? value : Math.round(value * 10) / 10} MiB`;
}

export function fileTooLargeMessage(maxBytes: number): string {
  return `This file is too large: evidence files can be at most ${formatMiB(maxBytes)}.`;
}

function startsWith(data: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  if (data.length < offset + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (data[offset + i] !== bytes[i]) return false;
  return true;
}

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii("GIF87a");
const GIF89 = ascii("GIF89a");
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
const PDF = ascii("%PDF-");
const ZIP_LOCAL_FILE = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const GZIP = [0x1f, 0x8b, 0x08];
const PCAP_MAGICS = [
  [0xa1, 0xb2, 0xc3, 0xd4], // microseconds, big-endian
  [0xd4, 0xc3, 0xb2, 0xa1], // microseconds, little-endian
  [0xa1, 0xb2, 0x3c, 0x4d], // nanoseconds, big-endian
  [0x4d, 0x3c, 0xb2, 0xa1], // nanoseconds, little-endian
];
const PCAPNG_SECTION_HEADER = [0x0a, 0x0d, 0x0d, 0x0a];
const PCAPNG_BYTE_ORDER = [
  [0x1a, 0x2b, 0x3c, 0x4d],
  [0x4d, 0x3c, 0x2b, 0x1a],
];
/** Never accepted, even though some would pass as "text": native executables. */
const EXECUTABLE_MAGICS = [
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xfe, 0xed, 0xfa, 0xce], // Mach-O 32
  [0xfe, 0xed, 0xfa, 0xcf], // Mach-O 64
  [0xce, 0xfa, 0xed, 0xfe], // Mach-O 32, reversed
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O 64, reversed
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal (and Java classes)
];
const MZ = [0x4d, 0x5a];

const IMAGE = (mime: string, extension: string): DetectedFileType => ({ mime, extension, inlineSafe: true });

function detectBinary(data: Uint8Array): DetectedFileType | null {
  if (startsWith(data, PNG)) return IMAGE("image/png", "png");
  if (startsWith(data, JPEG)) return IMAGE("image/jpeg", "jpg");
  if (startsWith(data, GIF87) || startsWith(data, GIF89)) return IMAGE("image/gif", "gif");
  if (startsWith(data, RIFF) && startsWith(data, WEBP, 8)) return IMAGE("image/webp", "webp");
  if (startsWith(data, PDF)) return { mime: "application/pdf", extension: "pdf", inlineSafe: true };
  // A .docx/.xlsx is a ZIP too; telling them apart reliably needs the central directory, so
  // they are stored and served as ZIP (the original name keeps its extension for the download).
  if (startsWith(data, ZIP_LOCAL_FILE) || startsWith(data, ZIP_EMPTY)) return { mime: "application/zip", extension: "zip", inlineSafe: false };
  if (startsWith(data, GZIP)) return { mime: "application/gzip", extension: "gz", inlineSafe: false };
  if (PCAP_MAGICS.some((magic) => startsWith(data, magic)) && data.length >= 24) {
    return { mime: "application/vnd.tcpdump.pcap", extension: "pcap", inlineSafe: false };
  }
  if (startsWith(data, PCAPNG_SECTION_HEADER) && PCAPNG_BYTE_ORDER.some((magic) => startsWith(data, magic, 8))) {
    return { mime: "application/x-pcapng", extension: "pcapng", inlineSafe: false };
  }
  return null;
}

/** Markup a browser would render as a page (or script), refused even as text to be safe. */
const MARKUP_PREFIXES = ["<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<svg", "<!doctype svg"];

function looksLikeMarkup(text: string): boolean {
  const start = text
    .replace(/^\uFEFF/, "")
    .trimStart()
    .slice(0, 4096)
    .toLowerCase();
  if (MARKUP_PREFIXES.some((prefix) => start.startsWith(prefix))) return true;
  // An SVG behind an XML declaration or a comment.
  if ((start.startsWith("<?xml") || start.startsWith("<!--")) && /<svg[\s>]/.test(start)) return true;
  return false;
}

/** Share of control characters tolerated in "plain text" (tabs, newlines and ESC for ANSI colours excepted). */
const MAX_CONTROL_SHARE = 0.01;

function isPlainText(data: Uint8Array): string | null {
  if (data.includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return null;
  }
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isControl = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c && code !== 0x0b && code !== 0x1b) || code === 0x7f;
    if (isControl) control++;
  }
  return control <= Math.max(0, text.length * MAX_CONTROL_SHARE) ? text : null;
}

/**
 * The evidence type of `data`, or null when it is not on the allow-list (unknown binaries,
 * executables, HTML/SVG, empty input).
 */
export function detectFileType(data: Uint8Array): DetectedFileType | null {
  if (data.length === 0) return null;
  if (EXECUTABLE_MAGICS.some((magic) => startsWith(data, magic))) return null;
  const binary = detectBinary(data);
  if (binary) return binary;
  if (startsWith(data, MZ) && data.subarray(0, 512).includes(0)) return null; // Windows PE
  const text = isPlainText(data);
  if (text === null || looksLikeMarkup(text)) return null;
  return { mime: "text/plain", extension: "txt", inlineSafe: false };
}

const MAX_DISPLAY_NAME = 200;

/**
 * A file name fit to show and to offer as the download name: no directories, no control or
 * bidirectional-override characters, trimmed, at most 200 characters (the extension kept).
 */
export function sanitizeFileName(raw: unknown, fallbackExtension = "bin"): string {
  let name = typeof raw === "string" ? raw : "";
  name = name.split(/[/\\]/).pop() ?? "";
  name = name
    .normalize("NFC")
    // C0/C1 controls, DEL, bidi overrides and isolates, zero-width characters.
    // eslint-disable-next-line no-control-regex -- control characters are exactly what text detection looks for
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if (!name) name = `evidence.${fallbackExtension}`;
  if (name.length > MAX_DISPLAY_NAME) {
    const dot = name.lastIndexOf(".");
    const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : "";
    name = truncateCodePoints(name.slice(0, name.length - extension.length), MAX_DISPLAY_NAME - extension.length) + extension;
  }
  return name;
}

/**
 * The extensions a stored name may keep for each detected type. Text is plain text whatever it
 * is called, so only names that a mentor's computer opens as text keep theirs: `notes.bat`,
 * `report.html` or `k.svg` uploaded as text would run or render when opened from a download.
 */
const NAME_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  "image/png": ["png"],
  "image/jpeg": ["jpg", "jpeg"],
  "image/gif": ["gif"],
  "image/webp": ["webp"],
  "application/pdf": ["pdf"],
  "application/zip": ["zip", "docx", "xlsx", "pptx", "odt", "ods", "odp"],
  "application/gzip": ["gz", "tgz"],
  "application/vnd.tcpdump.pcap": ["pcap", "cap"],
  "application/x-pcapng": ["pcapng"],
  // Not .csv (a spreadsheet runs its formulas) nor scripts an installed interpreter runs on a double-click (.py, .rb, .js).
  "text/plain": ["txt", "log", "md", "tsv", "json", "yaml", "yml", "toml", "ini", "conf", "cfg", "rules", "yar", "c", "h", "cpp", "go", "rs", "java", "sql"],
};

/**
 * The name a file is stored and offered under: `sanitizeFileName`, with an extension that fits
 * the type detected from its content. A name whose extension does not fit keeps it as part of
 * the name and gets the type's own (`notes.bat` → `notes.bat.txt`), so nobody receives a file
 * their computer would run or render.
 */
export function storedFileName(raw: unknown, detected: DetectedFileType): string {
  const name = sanitizeFileName(raw, detected.extension);
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  const allowed = NAME_EXTENSIONS[detected.mime] ?? [detected.extension];
  if (allowed.includes(extension)) return name;
  return sanitizeFileName(`${name}.${detected.extension}`, detected.extension);
}

/** Cuts to at most `maxUnits` UTF-16 units without splitting a surrogate pair. */
function truncateCodePoints(text: string, maxUnits: number): string {
  let out = "";
  for (const char of text) {
    if (out.length + char.length > maxUnits) break;
    out += char;
  }
  return out;
}
