/**
 * Small helpers that keep the track files readable. Not part of the seed's data shapes.
 */
import type { RubricLevelSeed } from "./types";

/**
 * Tag for markdown written in indented template literals.
 *
 * - Works on the raw text, so backslashes reach the markdown exactly as typed (shell regexes,
 *   Windows paths). Only two escapes are undone: \` becomes a backtick and \${ becomes "${".
 * - Removes the common leading indentation, blank lines at both ends and trailing spaces.
 * - Write fenced code blocks with ~~~ (valid CommonMark) so they need no escaping.
 */
export function md(strings: TemplateStringsArray, ...values: unknown[]): string {
  let text = "";
  strings.raw.forEach((chunk, i) => {
    text += chunk.replace(/\\`/g, "`").replace(/\\\$\{/g, "${");
    if (i < values.length) text += String(values[i]);
  });
  const lines = text.split("\n");
  while (lines.length > 0 && lines[0]!.trim() === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
  if (lines.length === 0) return "";
  const indent = Math.min(...lines.filter((line) => line.trim() !== "").map((line) => line.length - line.trimStart().length));
  return lines.map((line) => line.slice(indent).trimEnd()).join("\n");
}

/** The academy's standard four-level scale (maxScore 3), described for one criterion. */
export function levels(missing: string, emerging: string, proficient: string, exemplary: string): RubricLevelSeed[] {
  return [
    { score: 0, label: "Missing", description: missing },
    { score: 1, label: "Emerging", description: emerging },
    { score: 2, label: "Proficient", description: proficient },
    { score: 3, label: "Exemplary", description: exemplary },
  ];
}
