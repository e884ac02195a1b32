import type { RubricCriterion } from "~/domain/rubric";
import { HEURISTIC_REVIEWER_LABEL } from "./reviewer-label";
import type { Reviewer, ReviewerAnswer } from "./reviewer";
import { workPassages, type MissionBrief, type ReviewRequest } from "./work";

/**
 * The built-in reviewer when no AI model is configured: it scores every criterion from facts a
 * program can observe — evidence attached where a step asks for it, how long and how specific the
 * notes are, and how much of the mission's and the criterion's own vocabulary the work uses — and
 * says so. It does not read for meaning, so it is deliberately cautious: work that is almost
 * empty or about something else never reaches a pass, and every score above 0 quotes the work.
 * Deterministic: the same work always gets the same answer.
 */
export const heuristicReviewer: Reviewer = {
  name: "heuristic",
  kind: "heuristic",
  async review(request) {
    return { answer: heuristicAnswer(request), usage: { inputTokens: null, outputTokens: null } };
  },
};

/** Below this many words the work is treated as empty-ish: at most a third of any criterion. */
const EMPTYISH_WORDS = 60;
/** Below this many words (a submitted reflection alone has about ten) nothing can be credited. */
const NOTHING_WORDS = 30;
/**
 * Work whose own terms are mostly not the mission's is about something else. On-topic work, even
 * thin, shares about half its terms with the mission's brief and rubric; another subject, even
 * another security mission, shares about a fifth.
 */
const ON_TOPIC_SHARE = 0.35;

export function heuristicAnswer(request: ReviewRequest): ReviewerAnswer {
  const facts = observe(request);
  const criteria = request.mission.rubric.map((criterion) => scoreCriterion(criterion, facts));
  const flags: ReviewerAnswer["flags"] = [];
  if (facts.offTopic) {
    flags.push({
      code: "off_topic",
      message: `The work shares little vocabulary with this mission: ${facts.missionTermsUsed.length} of its key terms appear${facts.missionTermsUsed.length > 0 ? ` (${facts.missionTermsUsed.slice(0, 5).join(", ")})` : ""}. Check that this is the work for “${request.mission.title}”.`,
    });
  }
  if (facts.stepsMissingEvidence.length > 0) {
    flags.push({
      code: "missing_evidence",
      message: `No evidence is attached to ${stepList(facts.stepsMissingEvidence)}, which ${facts.stepsMissingEvidence.length === 1 ? "asks" : "ask"} for it.`,
    });
  }
  if (facts.words < EMPTYISH_WORDS) {
    flags.push({
      code: "note",
      message: `The notes, evidence text and reflection hold ${facts.words} words in all: too little to show the work, so no criterion can score above its lowest levels.`,
    });
  }
  return { criteria, summary: summaryOf(request.mission, criteria, facts), flags };
}

// ── What can be observed ───────────────────────────────────────────────────────────────────────

interface Sentence {
  text: string;
  terms: ReadonlySet<string>;
  details: number;
}

interface Facts {
  words: number;
  sentences: Sentence[];
  workTerms: ReadonlySet<string>;
  reflectionTerms: ReadonlySet<string>;
  missionTerms: ReadonlySet<string>;
  missionTermsUsed: string[];
  /** Share (0–1) of the work's own terms that belong to the mission's vocabulary. */
  onTopicShare: number;
  offTopic: boolean;
  details: Record<DetailKind, number>;
  detailCount: number;
  stepsRequiringEvidence: number[];
  stepsMissingEvidence: number[];
  /** The reflection's share of the success criteria's and rubric's terms (capped). */
  reflectionCoverage: number;
}

function observe(request: ReviewRequest): Facts {
  const { mission, work } = request;
  const passages = workPassages(work);
  const allText = passages.map((passage) => passage.text).join("\n");
  const words = countWords(allText);
  const sentences = passages.flatMap((passage) => sentencesOf(passage.text));
  const workTerms = termsOf(allText);
  const missionTerms = termsOf(missionText(mission));
  const missionTermsUsed = [...workTerms].filter((term) => missionTerms.has(term)).sort();
  const onTopicShare = workTerms.size === 0 ? 0 : missionTermsUsed.length / workTerms.size;
  const details = detailsOf(allText);
  const reflectionTerms = termsOf(work.reflection);
  const expected = termsOf([...mission.successCriteria, ...mission.rubric.flatMap((criterion) => [criterion.title, criterion.description])].join("\n"));
  const reflectionHits = [...reflectionTerms].filter((term) => expected.has(term)).length;
  const stepsRequiringEvidence = mission.subtasks.filter((subtask) => subtask.evidenceRequired).map((subtask) => subtask.position);
  const stepsMissingEvidence = stepsRequiringEvidence.filter((position) => (work.subtasks.find((subtask) => subtask.position === position)?.evidence.length ?? 0) === 0);
  return {
    words,
    sentences,
    workTerms,
    reflectionTerms,
    missionTerms,
    missionTermsUsed,
    onTopicShare,
    // Only judged when there is enough text to judge: a few words are empty-ish, not off-topic.
    offTopic: workTerms.size >= 12 && (onTopicShare < ON_TOPIC_SHARE || missionTermsUsed.length < 6),
    details,
    detailCount: Object.values(details).reduce((sum, count) => sum + count, 0),
    stepsRequiringEvidence,
    stepsMissingEvidence,
    reflectionCoverage: Math.min(1, reflectionHits / Math.min(8, Math.max(1, expected.size))),
  };
}

function missionText(mission: MissionBrief): string {
  return [
    mission.title,
    mission.summary,
    ...mission.objectives,
    ...mission.successCriteria,
    ...mission.subtasks.flatMap((subtask) => [subtask.title, subtask.instructions]),
    ...mission.rubric.flatMap(criterionText),
  ].join("\n");
}

function criterionText(criterion: RubricCriterion): string[] {
  return [criterion.title, criterion.description, ...criterion.levels.map((level) => level.description)];
}

// ── Scoring one criterion ──────────────────────────────────────────────────────────────────────

function scoreCriterion(criterion: RubricCriterion, facts: Facts): ReviewerAnswer["criteria"][number] {
  const named = termWords(criterionText(criterion).join("\n"));
  const criterionTerms = [...named.keys()].sort();
  const used = criterionTerms.filter((term) => facts.workTerms.has(term));
  const coverage = Math.min(1, used.length / Math.max(3, Math.round(criterionTerms.length * 0.4)));
  const depth = Math.min(1, facts.words / 450);
  const specificity = Math.min(1, facts.detailCount / 18);
  const evidence = facts.stepsRequiringEvidence.length === 0 ? 1 : 1 - facts.stepsMissingEvidence.length / facts.stepsRequiringEvidence.length;
  const share = 0.3 * coverage + 0.2 * depth + 0.2 * specificity + 0.15 * evidence + 0.15 * facts.reflectionCoverage;

  let score = Math.round(share * criterion.maxScore);
  const caps: string[] = [];
  const lowCap = Math.floor(criterion.maxScore / 3);
  if (facts.words < NOTHING_WORDS) {
    score = 0;
    caps.push(`the work holds only ${facts.words} words`);
  } else if (facts.words < EMPTYISH_WORDS && score > lowCap) {
    score = lowCap;
    caps.push(`the work holds only ${facts.words} words`);
  }
  if (facts.offTopic && score > 0) {
    score = 0;
    caps.push("the work is mostly about something other than this mission");
  }
  if (facts.stepsMissingEvidence.length > 0 && score > criterion.maxScore - 1) {
    score = criterion.maxScore - 1;
    caps.push(`${stepList(facts.stepsMissingEvidence)} ${facts.stepsMissingEvidence.length === 1 ? "has" : "have"} no evidence`);
  }

  const quote = score > 0 ? bestQuote(facts.sentences, new Set(criterionTerms), facts.missionTerms) : "";
  if (quote === "") score = 0;
  const parts = [
    `${used.length} of ${criterionTerms.length} terms from this criterion appear in the work${
      used.length > 0
        ? ` (${used
            .slice(0, 4)
            .map((term) => named.get(term))
            .join(", ")})`
        : ""
    }`,
    `${facts.detailCount} concrete ${facts.detailCount === 1 ? "detail" : "details"}${facts.detailCount > 0 ? ` (${detailSummary(facts.details)})` : ""}`,
    `${facts.words} words`,
    facts.stepsRequiringEvidence.length > 0
      ? `evidence on ${facts.stepsRequiringEvidence.length - facts.stepsMissingEvidence.length} of ${facts.stepsRequiringEvidence.length} steps that ask for it`
      : "no step asks for evidence",
  ];
  const capped = caps.length > 0 ? ` Capped because ${caps.join(" and ")}.` : "";
  return { key: criterion.key, score, justification: `Scored from observable facts: ${parts.join("; ")}.${capped}`, quote };
}

/** The sentence of the work that says most about the criterion (verbatim, at most about 240 characters). */
function bestQuote(sentences: readonly Sentence[], criterionTerms: ReadonlySet<string>, missionTerms: ReadonlySet<string>): string {
  let best: { text: string; value: number } | null = null;
  for (const sentence of sentences) {
    let value = Math.min(sentence.details, 4);
    for (const term of sentence.terms) value += criterionTerms.has(term) ? 3 : missionTerms.has(term) ? 1 : 0;
    if (best === null || value > best.value) best = { text: sentence.text, value };
  }
  return best?.text ?? "";
}

// ── Text ───────────────────────────────────────────────────────────────────────────────────────

const MAX_QUOTE = 240;

/** Sentences and lines of a passage, each a verbatim slice of it. */
function sentencesOf(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const line of text.split("\n")) {
    for (const piece of line.split(/(?<=[.!?])\s+(?=[A-Z0-9“"(])/u)) {
      let sentence = piece.trim();
      if (countWords(sentence) < 3) continue;
      if (sentence.length > MAX_QUOTE) {
        const cut = sentence.lastIndexOf(" ", MAX_QUOTE);
        sentence = sentence.slice(0, cut > 0 ? cut : MAX_QUOTE).trim();
      }
      sentences.push({ text: sentence, terms: termsOf(sentence), details: detailTotal(detailsOf(sentence)) });
    }
  }
  return sentences;
}

function countWords(text: string): number {
  return text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/**
 * Words that say nothing about a topic: English function words and the vocabulary every rubric
 * shares ("clear", "every", "missing"), so overlap measures the mission's subject, not its style.
 */
const STOPWORDS = new Set(
  `about above after again against also among another anything because been before being below between both cannot could does doing down during each either else enough even ever every
  from further have having here however into itself just least less like made make makes many might more most much must near need needs never next none only other others
  over same several should since some such than that their them then there these they this those through under until upon very want well were what when where whether which while
  with within without would your yours
  able account actually add added adds almost answer answers approach attempt attempted basic based best better brief briefly called careful clear clearly complete completed correct
  correctly covered covers describe described describes detail detailed details done easy example examples exactly explain explained explains fact facts fully given gives good
  great help include included includes including little lists look looks missing mostly needed note notes partly point points precise precisely properly provide provided reason
  really right says seems shown shows simple step steps still sure thing things though thorough tied understand used uses using various whole wrong work works written yes
  first second third last later often time times open opens opened write writes level levels happen happens install`
    .split(/\s+/u)
    .filter(Boolean),
);

function stem(word: string): string {
  if (word.length > 5 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith("ing")) return trimE(word.slice(0, -3));
  if (word.length > 4 && word.endsWith("ed")) return trimE(word.slice(0, -2));
  if (word.length > 4 && word.endsWith("es") && /(?:ss|x|ch|sh)es$/u.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return trimE(word.slice(0, -1));
  return trimE(word);
}

/** "change", "changed" and "changes" meet at "chang". */
function trimE(word: string): string {
  return word.length > 4 && word.endsWith("e") ? word.slice(0, -1) : word;
}

/** The distinct content terms of a text, lower-cased and crudely stemmed. */
function termsOf(text: string): Set<string> {
  return new Set(termWords(text).keys());
}

/** Each term of a text with the first word it came from (what a student should read, not a stem). */
function termWords(text: string): Map<string, string> {
  const terms = new Map<string, string>();
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 4 || /^\d+$/u.test(raw) || STOPWORDS.has(raw)) continue;
    const term = stem(raw);
    if (term.length >= 4 && !STOPWORDS.has(term) && !terms.has(term)) terms.set(term, raw);
  }
  return terms;
}

type DetailKind = "ip" | "port" | "hash" | "path" | "command" | "code" | "timestamp" | "identifier" | "number";

const DETAIL_LABELS: Record<DetailKind, string> = {
  ip: "IP addresses",
  port: "ports",
  hash: "hashes",
  path: "file paths or URLs",
  command: "commands or tools",
  code: "code blocks",
  timestamp: "timestamps",
  identifier: "CVE, ATT&CK or event IDs",
  number: "numbers",
};

const TOOLS =
  /\b(?:grep|awk|sed|sort|uniq|cut|head|tail|wc|jq|curl|wget|nmap|masscan|tshark|wireshark|tcpdump|zeek|suricata|snort|sigma|splunk|kql|elastic|kibana|sysmon|powershell|cyberchef|base64|iconv|burp|sqlmap|ffuf|gobuster|nikto|hydra|john|hashcat|linpeas|sudo|ssh|scp|netcat|nc|python3?|pytest|git|terraform|checkov|tfsec|trivy|prowler|scoutsuite|aws|gcloud|az|kubectl|docker|iam|s3api|cloudtrail|athena|yara|volatility|strings|sha256sum|md5sum|file|openssl|dig|whois|theharvester|shodan|amass|subfinder|httpx)\b/giu;

function detailsOf(text: string): Record<DetailKind, number> {
  const distinct = (pattern: RegExp) => new Set(Array.from(text.matchAll(pattern), (match) => match[0].toLowerCase())).size;
  return {
    ip: distinct(/\b(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?\b/gu),
    port: distinct(/\b(?:port\s+\d{1,5}|\d{1,5}\/(?:tcp|udp))\b/giu),
    hash: distinct(/\b[a-f0-9]{32,64}\b/giu),
    path: distinct(/(?:^|[\s(`'"])(?:~|\.{1,2})?(?:\/[\w.@%+-]+){2,}\/?|\b[A-Z]:\\[\w\\. -]+|\bhttps?:\/\/\S+|\b[\w-]+(?:\[\.\]|\.)(?:com|net|org|local|io)\b/gmu),
    command: distinct(TOOLS) + distinct(/`[^`\n]{3,}`/gu),
    code: Array.from(text.matchAll(/(?:^|\n)[ \t]*(?:```|~~~)/gu)).length >> 1,
    timestamp: distinct(/\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{4}-\d{2}-\d{2}\b/gu),
    identifier: distinct(
      /\bCVE-\d{4}-\d{4,}\b|\bT\d{4}(?:\.\d{3})?\b|\b(?:event\s*(?:id|code)\s*[:=]?\s*|CKV_\w+_)\d+\b|\barn:aws[\w-]*:[\w-]*:[\w-]*:[\w-]*:[^\s"',)]+|\b[a-z][a-z0-9-]{1,20}:[A-Z][A-Za-z]{2,}\b/gu,
    ),
    number: Math.min(10, distinct(/(?<![\w.:/-])\d[\d,]*(?:\.\d+)?%?(?![\w.:/-]\d)/gu)),
  };
}

function detailTotal(details: Record<DetailKind, number>): number {
  return Object.values(details).reduce((sum, count) => sum + count, 0);
}

function detailSummary(details: Record<DetailKind, number>): string {
  return (Object.keys(DETAIL_LABELS) as DetailKind[])
    .filter((kind) => details[kind] > 0)
    .map((kind) => `${details[kind]} ${DETAIL_LABELS[kind]}`)
    .join(", ");
}

function stepList(positions: readonly number[]): string {
  if (positions.length === 1) return `step ${positions[0]}`;
  return `steps ${positions.slice(0, -1).join(", ")} and ${positions[positions.length - 1]}`;
}

// ── Summary ────────────────────────────────────────────────────────────────────────────────────

function summaryOf(mission: MissionBrief, criteria: ReviewerAnswer["criteria"], facts: Facts): string {
  const label = HEURISTIC_REVIEWER_LABEL.charAt(0).toUpperCase() + HEURISTIC_REVIEWER_LABEL.slice(1);
  const intro = `${label}. The scores come from observable facts — evidence on the steps that ask for it, how detailed and specific the notes are, and how closely the work uses the mission's own terms — not from reading the work for meaning; a mentor or an AI model can judge it properly.`;
  const improve: string[] = [];
  if (facts.offTopic) improve.push(`make sure the work is about “${mission.title}” and answers its objectives`);
  if (facts.stepsMissingEvidence.length > 0) improve.push(`attach evidence to ${stepList(facts.stepsMissingEvidence)}`);
  if (facts.words < 200) improve.push("write fuller notes on each step");
  if (facts.detailCount < 10) improve.push("add concrete details: the commands you ran, addresses, ports, timestamps, file paths and the numbers you found");
  const ranked = mission.rubric
    .map((criterion, index) => ({ criterion, index, share: (criteria.find((entry) => entry.key === criterion.key)?.score ?? 0) / criterion.maxScore }))
    .filter((entry) => entry.share < 1)
    .sort((a, b) => a.share - b.share || b.criterion.weight - a.criterion.weight || a.index - b.index);
  const weakest = ranked[0]?.criterion;
  if (weakest) {
    const named = termWords(criterionText(weakest).join("\n"));
    const missing = [...named.keys()].filter((term) => !facts.workTerms.has(term)).sort();
    improve.push(
      `for “${weakest.title}”, address what its levels describe${
        missing.length > 0
          ? ` (the work never mentions ${missing
              .slice(0, 3)
              .map((term) => `“${named.get(term)}”`)
              .join(", ")})`
          : ""
      }`,
    );
  }
  if (facts.reflectionCoverage < 0.5) improve.push("relate the reflection to the mission's success criteria");
  return improve.length > 0 ? `${intro} To improve: ${improve.join("; ")}.` : `${intro} Every criterion reached its top level on these measures.`;
}
