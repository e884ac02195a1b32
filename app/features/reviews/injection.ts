import type { ReviewFlag } from "~/domain/rubric";
import { reviewFlag } from "./flags";
import type { InjectionDetector } from "./reviewer";
import { workPassages, type ReviewRequest } from "./work";

/**
 * Deterministic checks for student work that tries to steer the reviewer: sentences addressed to
 * the grader, made-up score blocks, and text hidden from the human reader (which a model still
 * reads). Each finding says where it was and what it was in plain words, so the student can act
 * on it and an admin can see why a review was blocked.
 *
 * Security students quote payloads and discuss prompt injection, so a code block, a quotation or
 * a blockquote is read as a quoted sample — and left alone — when the words around it say so
 * ("the payload I found was …"). The same words unframed, or a bare code block, still count.
 * Reported speech ("tricks the model into …", "phrases such as …") is not an instruction either.
 * Hidden text counts wherever it is: a reader cannot see it, whatever surrounds it.
 */

export type InjectionFindingKind = "instruction" | "fake-score" | "hidden-text";

export interface InjectionFinding {
  /** Where it was, e.g. "notes for step 2" or "reflection". */
  source: string;
  kind: InjectionFindingKind;
  /** What was found, in words a student understands. */
  description: string;
  /** A short, visible extract of the text found, when showing it helps. */
  excerpt?: string;
}

interface Passage {
  source: string;
  text: string;
  /** The student's own prose (notes, reflection) rather than an attached file or a file name. */
  prose: boolean;
  /** Words near the passage that may frame it as a quoted sample (an evidence file's step notes). */
  context: string;
}

/** Every piece of the work a reviewer reads, evidence file names included. */
function passagesOf(request: ReviewRequest): Passage[] {
  const passages: Passage[] = [];
  const notesByStep = new Map(request.work.subtasks.map((subtask) => [subtask.position, subtask.notes]));
  for (const passage of workPassages(request.work)) {
    const step = /\(step (\d+)\)$/u.exec(passage.source);
    const isEvidence = passage.source.startsWith("evidence file");
    passages.push({ ...passage, prose: !isEvidence, context: isEvidence && step ? (notesByStep.get(Number(step[1])) ?? "") : "" });
  }
  for (const subtask of request.work.subtasks) {
    for (const file of subtask.evidence) {
      passages.push({ source: `name of evidence file “${visible(file.name)}” (step ${subtask.position})`, text: file.name, prose: false, context: "" });
    }
  }
  return passages;
}

// ── Quoted samples ─────────────────────────────────────────────────────────────────────────────

/** Words that present what follows or precedes as something quoted, found or observed. */
const FRAMING =
  /\b(?:payloads?|samples?|examples?|excerpts?|quoted|quoting|quotes?|verbatim|captured|found|observed|spotted|seen|attackers?|adversary|malicious|injections?|injected|jailbreaks?|phishing|lure|literally|reads|read|says|said|contained|contains|containing|string)\b/iu;

const SAMPLE_PATTERNS: readonly RegExp[] = [
  /(?:^|\n)[ \t]*(```|~~~)[^\n]*\n[\s\S]*?(?:\n[ \t]*\1[^\n]*|$)/gu, // fenced code block
  /`[^`\n]+`/gu, // inline code
  /"[^"\n]{3,}"|“[^”]{3,}”/gu, // quotation
  /(?:^|\n)(?:[ \t]*>[^\n]*(?:\n|$))+/gu, // blockquote
];

interface Sample {
  start: number;
  end: number;
  framed: boolean;
  code: boolean;
}

/**
 * The quoted samples of a text, and a map of what each character is part of (0 = prose,
 * 1 = a framed sample, 2 = an unframed one), so every later question is a lookup rather than a
 * scan: work is large and can be built to be slow.
 */
interface Samples {
  list: Sample[];
  /** Per character: 0 prose, 1 framed sample, 2 unframed sample. */
  map: Uint8Array;
  /** Per character: inside a code block or inline code. */
  code: Uint8Array;
}

function samplesIn(text: string, context: string): Samples {
  const taken = new Uint8Array(text.length);
  const list: Sample[] = [];
  for (const pattern of SAMPLE_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.subarray(start, end).some((cell) => cell !== 0)) continue;
      taken.fill(1, start, end);
      list.push({ start, end, framed: false, code: /^\s*(?:```|~~~|`)/u.test(match[0]) });
    }
  }
  list.sort((a, b) => a.start - b.start);
  const framedContext = FRAMING.test(context);
  for (const sample of list) {
    const from = Math.max(0, sample.start - 200);
    const before = blankOut(text.slice(from, sample.start), taken.subarray(from, sample.start));
    const after = blankOut(text.slice(sample.end, sample.end + 200), taken.subarray(sample.end, sample.end + 200));
    sample.framed = framedContext || FRAMING.test(before) || FRAMING.test(after);
  }
  const map = new Uint8Array(text.length);
  const code = new Uint8Array(text.length);
  for (const sample of list) {
    map.fill(sample.framed ? 1 : 2, sample.start, sample.end);
    if (sample.code) code.fill(1, sample.start, sample.end);
  }
  return { list, map, code };
}

/** `slice` with the characters marked in `mask` replaced by spaces. */
function blankOut(slice: string, mask: Uint8Array): string {
  let result = "";
  for (let index = 0; index < slice.length; index += 1) result += mask[index] ? " " : slice[index];
  return result;
}

/** The text with framed samples blanked out (same length, so positions still line up). */
function withoutFramedSamples(text: string, samples: Samples): string {
  const parts: string[] = [];
  let at = 0;
  for (const sample of samples.list) {
    if (!sample.framed) continue;
    parts.push(text.slice(at, sample.start), " ".repeat(sample.end - sample.start));
    at = sample.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

// ── Instructions to the reviewer ───────────────────────────────────────────────────────────────

const REVIEWER = String.raw`(?:ai|a\.i\.|llm|gpt|chatgpt|claude|gemini|language\s+model|model|assistant|chatbot|bot|grader|reviewer|evaluator|examiner|marker|assessor|grading\s+(?:ai|bot|model|system))`;

interface Rule {
  pattern: RegExp;
  description: string;
  kind: InjectionFindingKind;
  /** Reported speech ("phrases such as …", "tells the model to …") does not count. */
  reportable: boolean;
}

const INSTRUCTION_RULES: readonly Rule[] = [
  {
    pattern:
      /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+|my\s+|these\s+)?(?:previous|prior|above|earlier|preceding|original|initial|system|grading|given|other)\s+(?:instructions?|prompts?|directions?|rules|guidelines|messages?|context)\b/giu,
    description: "a sentence telling the reviewer to ignore its instructions",
    kind: "instruction",
    reportable: true,
  },
  {
    pattern:
      /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:your\s+|the\s+)?(?:instructions|system\s+prompt|prompt|rubric|grading\s+(?:criteria|rules|guidelines|instructions))\b/giu,
    description: "a sentence telling the reviewer to ignore its instructions or the rubric",
    kind: "instruction",
    reportable: true,
  },
  {
    pattern: new RegExp(
      String.raw`\byou\s+are\s+now\s+(?:a|an|the|my|in)?\s*(?:[\w-]+\s+){0,3}?(?:${REVIEWER}|dan|jailbroken|unrestricted|unfiltered|developer\s+mode|god\s+mode)\b|\bfrom\s+now\s+on,?\s+you\s+(?:are|will|must|should)\b|\b(?:act|behave|pretend|respond)\s+(?:as|like)\s+(?:a|an|the)?\s*(?:\w+\s+)?${REVIEWER}\b|\bnew\s+(?:system\s+)?instructions\s*:`,
      "giu",
    ),
    description: "a sentence that tries to give the reviewer a new role or new instructions",
    kind: "instruction",
    reportable: true,
  },
  {
    pattern: new RegExp(
      String.raw`\bas\s+(?:the|an?|my|our)\s+(?:ai\s+)?${REVIEWER}\s*,\s*(?:you\s+(?:must|should|will|shall)\s+)?(?:please\s+)?(?:give|award|assign|grade|score|mark|rate|pass|approve|accept|ignore|output|return|respond|set|treat)\b`,
      "giu",
    ),
    description: "a sentence telling the reviewer how to grade",
    kind: "instruction",
    reportable: true,
  },
  {
    pattern:
      /\b(?:dear|attention|hey|hello|hi|note\s+(?:to|for))\s+(?:the\s+|any\s+|an?\s+)?(?:ai|a\.i\.|llm|gpt|chatgpt|claude|gemini|language\s+model|ai\s+(?:grader|reviewer|model|assistant|evaluator)|grading\s+(?:ai|bot|model|system)|automated\s+(?:grader|reviewer))\b|\b(?:any|an?|the)\s+(?:ai|llm|language\s+model|automated\s+(?:grader|reviewer))\s+(?:reading|reviewing|grading|evaluating|scoring)\s+this\b/giu,
    description: "a message addressed to an AI reviewer",
    kind: "instruction",
    reportable: true,
  },
  {
    pattern:
      /\b(?:give|award|assign|grant)\s+(?:this|me|it|him|her|them|the\s+(?:student|submission|work|attempt|report|author))\s+(?:a\s+|the\s+)?(?:full\s+(?:marks|score|points|credit)|max(?:imum)?(?:\s+(?:score|marks|points))?|perfect\s+(?:score|marks)|top\s+(?:marks|score)|100(?:\s*%|\s*\/\s*100|\s+points)?|\d+\s*\/\s*\d+|pass(?:ing)?\s+(?:grade|score|mark)|passing\s+score)\b|\b(?:score|grade|rate|mark)\s+(?:this|it|me|my\s+work|the\s+(?:submission|work|attempt|report))\s+(?:as\s+|at\s+|with\s+)?(?:a\s+|an\s+)?(?:100|10\s*\/\s*10|\d+\s*\/\s*\d+|full\s+marks|perfect|maximum|max|exemplary|excellent|the\s+highest)\b|\b(?:award|give)\s+(?:full|maximum|max|top|perfect)\s+(?:marks|points|scores?|credit)\b/giu,
    description: "a sentence asking for a particular score",
    kind: "instruction",
    reportable: true,
  },
  {
    pattern:
      /\b(?:mark|flag|set|record|treat|consider|grade)\s+(?:this|it|me|my\s+work|the\s+(?:submission|work|attempt|mission|student))(?:\s+(?:submission|work|attempt|mission|report))?\s+as\s+(?:passed|approved|complete|completed|exemplary|a\s+pass|successful|proficient)\b|(?:^|\n)\s*mark\s+as\s+(?:passed|approved)\b|(?<!\b(?:will|would|to|should|could|can|may|might|did|not|must|n't|then|they|mentor|reviewer)\s)\b(?:approve|pass|accept)\s+(?:this|my)\s+(?:submission|work|attempt|mission|report)\b|\bthis\s+(?:submission|work|attempt)\s+(?:must|should|has\s+to|deserves\s+to)\s+(?:be\s+)?(?:pass|passed|approved|accepted|given\s+full)/giu,
    description: "a sentence asking for the work to be marked as passed",
    kind: "instruction",
    reportable: true,
  },
  {
    pattern: /<\|(?:im_start|im_end|system|assistant|user|endoftext)\|>|\[\/?INST\]|<<\/?SYS>>|<\/?(?:system|assistant)>/giu,
    description: "markers that imitate the format of a conversation with an AI model",
    kind: "instruction",
    reportable: false,
  },
];

/** A role line ("System: …", "Assistant: …") only counts when what follows speaks to the reviewer. */
const ROLE_LINE = /^[ \t]*(?:#{1,6}[ \t]*)?[[(<]?[ \t]*(?:system|assistant|developer)[ \t]*[\])>]?[ \t]*:[ \t]*(.+)$/gimu;
const DIRECTIVE = /\b(?:you|your|must|always|never|ignore|grade|grading|score|pass|passed|approve|approved|reviewer|grader|instructions?|respond|output|rubric)\b/iu;

/** What comes just before a match that makes it reported speech rather than an instruction. */
const REPORTED_SPEECH =
  /(?:\bsuch\s+as|\blike|\be\.g\.,?|\bfor\s+example,?|\bi\.e\.,?|\bsaying|\bsays|\bsaid|\bphrases?|\bwords|\bstrings?|\bcalled|\bknown\s+as|\b(?:model|llm|ai|assistant|chatbot|bot|agent|grader|reviewer|it|them|system)\s+(?:to|into))\s*[:"“'‘(]*\s*$/iu;

// ── Made-up scores ─────────────────────────────────────────────────────────────────────────────

const SCORE_RULES: readonly Rule[] = [
  {
    pattern: /"criteria"\s*:\s*\[[\s\S]{0,400}?"(?:score|scores|level)"\s*:|^[ \t]*criteria[ \t]*:[ \t]*\n(?:[ \t]+[^\n]*\n){0,20}?[ \t]*-?[ \t]*score[ \t]*:[ \t]*\d/gimu,
    description: "a block that imitates a reviewer's scores for the rubric",
    kind: "fake-score",
    reportable: false,
  },
  {
    pattern:
      /\b(?:total|overall|final)\s+(?:score|grade|mark|result)\s*[:=]\s*[*_]*\s*\d{1,3}(?:[.,]\d+)?\s*(?:\/\s*100|%|\s*points)?|\b(?:total|overall|final|score|grade)\s*[:=]\s*[*_]*\s*100\s*\/\s*100\b/giu,
    description: "a made-up total score",
    kind: "fake-score",
    reportable: false,
  },
  {
    pattern:
      /\b(?:verdict|grade|review|decision|assessment|submission|mission|overall|final)(?:\s+(?:status|result|outcome|decision|verdict))?["']?\s*[:=]\s*["'*_\s]*(?:passed|approved|pass)\b/giu,
    description: "a made-up verdict saying the work passed",
    kind: "fake-score",
    reportable: false,
  },
  {
    // Capitals only: a line that is just "Passed" is an ordinary word, "PASSED" is a stamp.
    pattern: /^[ \t]*(?:[*_#\s\u2705\u2714]|\uFE0F)*(?:PASSED|APPROVED)[*_!.\s]*$/gmu,
    description: "a made-up verdict saying the work passed",
    kind: "fake-score",
    reportable: false,
  },
];

// ── Hidden text ────────────────────────────────────────────────────────────────────────────────

/** Invisible characters that carry or hide text (zero-width, word joiner, Unicode tags). */
const INVISIBLE = /[\u200B-\u200D\u2060-\u2064\uFEFF\u180E]|[\u{E0000}-\u{E007F}]/gu;
const BIDI_OVERRIDE = /[\u202D\u202E]/u;
const BIDI_CONTROL = /[\u202A-\u202C\u2066-\u2069]/u;
const RIGHT_TO_LEFT_LETTER = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}]/u;

/** Invisible characters that are not ordinary parts of emoji or of scripts that need joiners. */
function strayInvisibleCharacters(text: string): number {
  let count = 0;
  for (const match of text.matchAll(INVISIBLE)) {
    const at = match.index;
    const char = match[0];
    if (char === "\uFEFF" && at === 0) continue; // a byte-order mark opening a file
    const before = text.slice(Math.max(0, at - 2), at);
    const after = text.slice(at + char.length, at + char.length + 2);
    if ((char === "\u200D" || char === "\uFE0F") && (/\p{Extended_Pictographic}|\uFE0F/u.test(before) || /\p{Extended_Pictographic}/u.test(after))) continue;
    if ((char === "\u200C" || char === "\u200D") && /[^\p{Script=Latin}\P{L}]$/u.test(before) && /^[^\p{Script=Latin}\P{L}]/u.test(after)) continue;
    if (/^[\u{E0000}-\u{E007F}]$/u.test(char) && /\u{1F3F4}|[\u{E0000}-\u{E007F}]/u.test(text.slice(Math.max(0, at - 2), at))) continue; // flag emoji tag sequences
    count += 1;
  }
  return count;
}

const REVIEWER_WORDS = new RegExp(
  String.raw`\b(?:${REVIEWER}|grade|grading|graded|score|scored|scoring|marks|rubric|pass|passed|approve|approved|instructions?|prompt|full\s+credit|100)\b`,
  "iu",
);

const MARKDOWN_COMMENT = /^[ \t]*\[[^\]\n]*\]:[ \t]*#[ \t]*[("]([^\n]+)[)"][ \t]*$/gmu;
const STYLED_TAG = /<([a-z][a-z0-9]*)\b[^<>]*?\bstyle\s*=\s*(["'])([^"'<>]*)\2[^<>]*>/giu;
const HIDDEN_TAG = /<([a-z][a-z0-9]*)\b[^<>]*?\shidden(?:\s*=\s*["'][^"'<>]*["'])?[\s/]*>/giu;
/** Hidden text is a sentence or a paragraph; an element's content is looked for this far. */
const HIDDEN_ELEMENT_REACH = 4000;

/** HTML comments, found without a regular expression that could rescan the text for each opener. */
function htmlComments(text: string): { index: number; content: string }[] {
  const comments: { index: number; content: string }[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf("<!--", from);
    if (open === -1) break;
    const close = text.indexOf("-->", open + 4);
    if (close === -1) break;
    comments.push({ index: open, content: text.slice(open + 4, close) });
    from = close + 3;
  }
  return comments;
}

/** The content of the element opened by `match` (up to its closing tag, within reach). */
function elementContent(text: string, match: RegExpMatchArray): string | null {
  const start = match.index! + match[0].length;
  const close = text.slice(start, start + HIDDEN_ELEMENT_REACH).search(new RegExp(`</${match[1]}\\s*>`, "iu"));
  return close === -1 ? null : text.slice(start, start + close);
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
}

function words(text: string): number {
  return text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Hidden-by-style text: what the style does, and whether it is concealment rather than layout. */
function styleConceals(style: string): "invisible" | "collapsed" | null {
  const s = style.toLowerCase();
  const white = /(?:^|;)\s*color\s*:\s*(?:#fff(?:fff)?\b|white\b|rgba?\(\s*255\s*,\s*255\s*,\s*255\b|transparent\b)/u.test(s);
  const darkBackground = /background(?:-color)?\s*:\s*(?:#(?:0|1|2|3)[0-9a-f]{2,5}\b|black\b|navy\b|rgb\(\s*\d{1,2}\s*,)/u.test(s);
  if ((white && !darkBackground) || /font-size\s*:\s*0(?:\.0+)?\s*(?:px|pt|em|rem|%)?\s*(?:;|$)/u.test(s) || /opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)/u.test(s)) return "invisible";
  if (/display\s*:\s*none|visibility\s*:\s*hidden/u.test(s)) return "collapsed";
  return null;
}

function hiddenTextFindings(passage: Passage, samples: Samples): InjectionFinding[] {
  const findings: InjectionFinding[] = [];
  const { source, text } = passage;
  // Markup only hides text where it is rendered: the student's own prose outside code. In an
  // attached page or a quoted sample it is data, and counts only when it speaks to the reviewer.
  const rendered = (at: number) => passage.prose && samples.code[at] === 0 && samples.map[at] !== 1;

  const invisible = strayInvisibleCharacters(text);
  if (invisible > 0) {
    findings.push({
      source,
      kind: "hidden-text",
      description: invisible === 1 ? "an invisible character that can hide text from a reader" : `${invisible} invisible characters that can hide text from a reader`,
    });
  }
  if (BIDI_OVERRIDE.test(text) || (BIDI_CONTROL.test(text) && !RIGHT_TO_LEFT_LETTER.test(text))) {
    findings.push({ source, kind: "hidden-text", description: "characters that reverse the direction of text, so what is shown differs from what is read" });
  }
  for (const comment of htmlComments(text)) {
    const content = comment.content.trim();
    if (words(content) < 2) continue;
    if (rendered(comment.index) || REVIEWER_WORDS.test(content)) {
      findings.push({ source, kind: "hidden-text", description: "an HTML comment, which is not shown on the page", excerpt: content });
    }
  }
  for (const match of text.matchAll(MARKDOWN_COMMENT)) {
    if (rendered(match.index) || REVIEWER_WORDS.test(match[1]!)) {
      findings.push({ source, kind: "hidden-text", description: "a Markdown comment, which is not shown on the page", excerpt: match[1]!.trim() });
    }
  }
  for (const match of text.matchAll(STYLED_TAG)) {
    const conceals = styleConceals(match[3]!);
    if (!conceals) continue;
    const inner = elementContent(text, match);
    const content = inner === null ? "" : textOf(inner);
    if (words(content) < 3) continue;
    if (rendered(match.index) || conceals === "invisible" || REVIEWER_WORDS.test(content)) {
      findings.push({
        source,
        kind: "hidden-text",
        description: conceals === "invisible" ? "text styled to be invisible (for example white on white, or zero size)" : "text styled so it is not displayed",
        excerpt: content,
      });
    }
  }
  for (const match of text.matchAll(HIDDEN_TAG)) {
    const inner = elementContent(text, match);
    const content = inner === null ? "" : textOf(inner);
    if (words(content) >= 3 && (rendered(match.index) || REVIEWER_WORDS.test(content))) {
      findings.push({ source, kind: "hidden-text", description: "text marked as hidden, so it is not displayed", excerpt: content });
    }
  }
  for (const match of text.matchAll(/\S([ \t\u00A0\u2000-\u200A\u3000]{80,})(\S[^\n]*)/gu)) {
    if (words(match[2]!) >= 2) findings.push({ source, kind: "hidden-text", description: "text pushed out of view by a long run of spaces", excerpt: match[2]! });
  }
  for (const match of text.matchAll(/\S[^\S\n]*(?:\n[^\S\n]*){25,}(\S[^\n]*)/gu)) {
    if (words(match[1]!) >= 2) findings.push({ source, kind: "hidden-text", description: "text pushed out of view by many blank lines", excerpt: match[1]! });
  }
  return findings;
}

// ── Putting it together ────────────────────────────────────────────────────────────────────────

function ruleFindings(source: string, checked: string, rules: readonly Rule[], inBareSample: (at: number) => boolean): InjectionFinding[] {
  const findings: InjectionFinding[] = [];
  for (const rule of rules) {
    for (const match of checked.matchAll(rule.pattern)) {
      if (rule.reportable && REPORTED_SPEECH.test(checked.slice(Math.max(0, match.index - 60), match.index))) continue;
      const excerpt = sentenceAround(checked, match.index, match.index + match[0].length);
      findings.push({
        source,
        kind: rule.kind,
        description: inBareSample(match.index) ? `${rule.description}, inside a code block or quotation that the work does not present as a quoted sample` : rule.description,
        excerpt,
      });
      break;
    }
  }
  return findings;
}

function roleLineFindings(source: string, checked: string): InjectionFinding[] {
  for (const match of checked.matchAll(ROLE_LINE)) {
    if (DIRECTIVE.test(match[1]!)) {
      return [{ source, kind: "instruction", description: "a line written as if it were a message from the system or the AI assistant", excerpt: match[0].trim() }];
    }
  }
  return [];
}

function rubricScoreFindings(request: ReviewRequest, source: string, checked: string): InjectionFinding[] {
  const scored = request.mission.rubric.filter((criterion) => {
    const names = [criterion.key, criterion.title].map((name) => name.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&"));
    const pattern = new RegExp(String.raw`(?:^|["'|*\s])(?:${names.join("|")})["'*]?\s*[:=|]\s*[*_]*\s*\d{1,3}\s*(?:\/\s*\d{1,3})?\s*[*_]*\s*(?:[,}|\n]|$)`, "imu");
    return pattern.test(checked);
  });
  if (scored.length < 2) return [];
  return [
    { source, kind: "fake-score", description: `a block that gives scores for this mission's rubric criteria (${scored.map((criterion) => `“${criterion.title}”`).join(", ")})` },
  ];
}

/** Every suspected attempt to steer the reviewer, in the order of the work. */
export function findInjectionAttempts(request: ReviewRequest): InjectionFinding[] {
  const findings: InjectionFinding[] = [];
  for (const passage of passagesOf(request)) {
    const samples = samplesIn(passage.text, passage.context);
    const checked = withoutFramedSamples(passage.text, samples);
    const inBareSample = (at: number) => samples.map[at] === 2;
    findings.push(
      ...ruleFindings(passage.source, checked, INSTRUCTION_RULES, inBareSample),
      ...roleLineFindings(passage.source, checked),
      ...ruleFindings(passage.source, checked, SCORE_RULES, inBareSample),
      ...rubricScoreFindings(request, passage.source, checked),
      ...hiddenTextFindings(passage, samples),
    );
  }
  return findings;
}

/** One blocking flag that lists what was found and where (the pipeline keeps one flag per code). */
export const detectInjection: InjectionDetector = (request): ReviewFlag[] => {
  const findings = findInjectionAttempts(request);
  if (findings.length === 0) return [];
  // One sentence can trip several rules; say so once, with everything it does.
  const grouped: { source: string; excerpt: string; descriptions: string[] }[] = [];
  for (const finding of findings) {
    const excerpt = finding.excerpt ? shorten(visible(finding.excerpt), 80) : "";
    const same = grouped.find((group) => group.source === finding.source && group.excerpt === excerpt && excerpt !== "");
    if (same) same.descriptions.push(finding.description);
    else grouped.push({ source: finding.source, excerpt, descriptions: [finding.description] });
  }
  const shown = grouped.slice(0, 5).map((group) => `in the ${group.source}, ${group.descriptions.join(" and ")}${group.excerpt ? ` (“${group.excerpt}”)` : ""}`);
  const more = grouped.length > shown.length ? `; and ${grouped.length - shown.length} more` : "";
  return [reviewFlag("prompt_injection", `Text that could steer the reviewer was found: ${shown.join("; ")}${more}.`)];
};

/** The sentence (or line) around a match, for showing the student what was found. */
function sentenceAround(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  const from = Math.max(before.lastIndexOf("\n"), before.search(/[.!?]\s[^.!?]*$/u) >= 0 ? before.search(/[.!?]\s[^.!?]*$/u) + 2 : -1, 0);
  const rest = text.slice(end);
  const stop = rest.search(/[.!?](?:\s|$)|\n/u);
  return text.slice(from, stop >= 0 ? end + stop + 1 : text.length).trim();
}

/** Without characters a student cannot see (so the message shows what the screen shows). */
function visible(text: string): string {
  return text
    .replace(INVISIBLE, "")
    .replace(/[\u202A-\u202E\u2066-\u2069]/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
}

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}
