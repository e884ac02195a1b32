import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const REPORT = path.resolve("docs", "BENCHMARKS.md");

const HEADER = `# Benchmarks

Produced by \`npm run bench\` (all) or \`npm run bench -- <name>\` (one). Each section says
the command and the machine it ran on; numbers from one run are compared with each other,
never with a fixed timing in the test suite.
`;

/** The CPU model and the number of cores, from /proc/cpuinfo (what the numbers depend on most). */
function cpuLine(): string {
  try {
    const info = fs.readFileSync("/proc/cpuinfo", "utf8");
    const models = [...info.matchAll(/^model name\s*:\s*(.+)$/gm)].map((match) => match[1]!.trim());
    if (models.length > 0) return `${models.length} × ${models[0]} (/proc/cpuinfo)`;
  } catch {
    // not Linux
  }
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"}`;
}

export function machineLine(): string {
  return `${cpuLine()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

/** Replaces (or appends) one benchmark's section, leaving the others as they were. */
export function writeSection(name: string, markdown: string): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  let text = fs.existsSync(REPORT) ? fs.readFileSync(REPORT, "utf8") : HEADER;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  text = from !== -1 && to !== -1 ? text.slice(0, from) + block + text.slice(to + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  fs.mkdirSync(path.dirname(REPORT), { recursive: true });
  fs.writeFileSync(REPORT, text);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
