import { describe, expect, it } from "vitest";
import { detectFileType, fileTooLargeMessage, formatMiB, sanitizeFileName, storedFileName } from "./file-types";

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);
const withTail = (head: Uint8Array, length = 64) => {
  const out = new Uint8Array(Math.max(length, head.length));
  out.set(head);
  return out;
};

describe("detectFileType", () => {
  it.each([
    ["PNG", withTail(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)), "image/png", "png", true],
    ["JPEG", withTail(bytes(0xff, 0xd8, 0xff, 0xe0)), "image/jpeg", "jpg", true],
    ["GIF87a", withTail(text("GIF87a")), "image/gif", "gif", true],
    ["GIF89a", withTail(text("GIF89a")), "image/gif", "gif", true],
    ["WebP", withTail(text("RIFF\x24\x00\x00\x00WEBPVP8 ")), "image/webp", "webp", true],
    ["PDF", text("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), "application/pdf", "pdf", true],
    ["ZIP", withTail(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00)), "application/zip", "zip", false],
    ["empty ZIP", withTail(bytes(0x50, 0x4b, 0x05, 0x06), 22), "application/zip", "zip", false],
    ["gzip", withTail(bytes(0x1f, 0x8b, 0x08, 0x00)), "application/gzip", "gz", false],
    ["pcap little-endian", withTail(bytes(0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00)), "application/vnd.tcpdump.pcap", "pcap", false],
    ["pcap big-endian", withTail(bytes(0xa1, 0xb2, 0xc3, 0xd4, 0x00, 0x02, 0x00, 0x04)), "application/vnd.tcpdump.pcap", "pcap", false],
    ["pcap nanosecond", withTail(bytes(0x4d, 0x3c, 0xb2, 0xa1)), "application/vnd.tcpdump.pcap", "pcap", false],
    ["pcapng little-endian", withTail(bytes(0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a)), "application/x-pcapng", "pcapng", false],
    ["pcapng big-endian", withTail(bytes(0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0x1c, 0x1a, 0x2b, 0x3c, 0x4d)), "application/x-pcapng", "pcapng", false],
  ])("recognises %s", (_label, data, mime, extension, inlineSafe) => {
    expect(detectFileType(data)).toEqual({ mime, extension, inlineSafe });
  });

  it.each([
    ["a log", "2025-01-01T00:00:00Z sshd[42]: Failed password for root from 203.0.113.9\n"],
    ["markdown", "# Findings\n\n- port 22 open\n- **weak** cipher suites\n"],
    ["CSV", "host,port,service\n10.0.0.1,22,ssh\n"],
    ["JSON", '{"alerts": [{"rule": 5710, "level": 5}]}'],
    ["a shell script", "#!/bin/sh\nnmap -sV 10.0.0.0/24\n"],
    ["UTF-8 with a BOM", "\uFEFFRésumé — naïve café ✓\n"],
    ["ANSI-coloured output", "\u001b[31mCRITICAL\u001b[0m finding\tdetails\r\n"],
    ["XML that is not SVG", '<?xml version="1.0"?>\n<nmaprun scanner="nmap"></nmaprun>\n'],
    ["a text starting with MZ", "MZ is not always an executable\n"],
  ])("accepts %s as text/plain", (_label, value) => {
    expect(detectFileType(text(value))).toEqual({ mime: "text/plain", extension: "txt", inlineSafe: false });
  });

  it.each([
    ["empty input", new Uint8Array()],
    ["HTML", text("<!DOCTYPE html><html><script>alert(1)</script></html>")],
    ["HTML after whitespace and a BOM", text("\uFEFF \n\t<html><body>hi</body></html>")],
    ["a bare script tag", text("  <script>fetch('/api')</script>")],
    ["SVG", text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>')],
    ["SVG behind an XML declaration", text('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ["ELF", withTail(bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01))],
    ["a Windows executable", withTail(bytes(0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00))],
    ["Mach-O", withTail(bytes(0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01))],
    ["text with NUL bytes (UTF-16)", new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00])],
    ["invalid UTF-8", bytes(0x68, 0x69, 0xc3, 0x28, 0x0a)],
    ["mostly control characters", bytes(0x01, 0x02, 0x03, 0x04, 0x05, 0x41, 0x42)],
    ["an unknown binary", bytes(0x00, 0x01, 0x02, 0x03, 0xfe, 0xff)],
    ["a truncated pcap header", bytes(0xd4, 0xc3, 0xb2, 0xa1)],
  ])("rejects %s", (_label, data) => {
    expect(detectFileType(data)).toBeNull();
  });
});

describe("sanitizeFileName", () => {
  it("keeps ordinary names", () => {
    expect(sanitizeFileName("nmap scan (final).txt")).toBe("nmap scan (final).txt");
    expect(sanitizeFileName("Résumé ✓.pdf")).toBe("Résumé ✓.pdf");
  });

  it("drops directories, control and bidi characters and leading dots", () => {
    expect(sanitizeFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFileName("C:\\Users\\me\\report.pdf")).toBe("report.pdf");
    expect(sanitizeFileName("evil\u202Egpj.exe")).toBe("evilgpj.exe");
    expect(sanitizeFileName("line\r\nbreak\u0000.txt")).toBe("linebreak.txt");
    expect(sanitizeFileName(".htaccess")).toBe("htaccess");
  });

  it("falls back to a neutral name", () => {
    expect(sanitizeFileName("", "png")).toBe("evidence.png");
    expect(sanitizeFileName(undefined)).toBe("evidence.bin");
    expect(sanitizeFileName("/")).toBe("evidence.bin");
  });

  it("caps the length at 200 characters and keeps the extension", () => {
    const long = `${"a".repeat(300)}.log`;
    const result = sanitizeFileName(long);
    expect(result).toHaveLength(200);
    expect(result.endsWith(".log")).toBe(true);
    const emoji = sanitizeFileName(`${"😀".repeat(150)}.png`);
    expect(emoji.length).toBeLessThanOrEqual(200);
    expect(emoji.endsWith(".png")).toBe(true);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no split surrogate pair
  });
});

describe("size messages", () => {
  it("states limits in MiB", () => {
    expect(formatMiB(25 * 1024 * 1024)).toBe("25 MiB");
    expect(formatMiB(1.5 * 1024 * 1024)).toBe("1.5 MiB");
    expect(fileTooLargeMessage(25 * 1024 * 1024)).toContain("25 MiB");
  });
});

describe("storedFileName", () => {
  const png = { mime: "image/png", extension: "png", inlineSafe: true };
  const text = { mime: "text/plain", extension: "txt", inlineSafe: false };
  const zip = { mime: "application/zip", extension: "zip", inlineSafe: false };

  it("keeps an extension that fits the detected type", () => {
    expect(storedFileName("scan.PNG", png)).toBe("scan.PNG");
    expect(storedFileName("auth.log", text)).toBe("auth.log");
    expect(storedFileName("report.docx", zip)).toBe("report.docx");
  });

  it("adds the type's own extension to any other name", () => {
    expect(storedFileName("notes.bat", text)).toBe("notes.bat.txt");
    expect(storedFileName("page.html", text)).toBe("page.html.txt");
    expect(storedFileName("k.svg", text)).toBe("k.svg.txt");
    expect(storedFileName("payload.exe", zip)).toBe("payload.exe.zip");
    expect(storedFileName("README", text)).toBe("README.txt");
    expect(storedFileName("", png)).toBe("evidence.png");
  });

  it("stays within the length cap with the new extension", () => {
    const result = storedFileName(`${"a".repeat(300)}.bat`, text);
    expect(result).toHaveLength(200);
    expect(result.endsWith(".txt")).toBe(true);
  });
});
