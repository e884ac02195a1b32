import { z } from "zod";
import { verdict } from "~/domain/rubric";
import { detectInjection } from "~/features/reviews/injection";
import { reviewWork, type ReviewOutcome } from "~/features/reviews/pipeline";
import type { Reviewer } from "~/features/reviews/reviewer";
import type { ReviewRequest } from "~/features/reviews/work";
import { demoMissionBrief, demoMissionSlugs, studentWork } from "~/testing/demo-missions";
import { agreement, type Agreement } from "./metrics";
import { NEVER_APPROVED, type EvalCase, type EvalCaseKind } from "./types";

const evidenceSchema = z.union([z.string().min(1), z.object({ name: z.string().min(1), text: z.string() })]);
const stepRecord = <T extends z.ZodType>(value: T) => z.record(z.string().regex(/^[1-9]\d*$/u), value);

/** What a fixture file must hold (TypeScript checks it too; this also catches what types cannot). */
export const evalCaseSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/u),
  mission: z.string().refine((slug) => demoMissionSlugs().includes(slug), "not a demo mission"),
  kind: z.enum(["strong", "average", "weak", "off-topic", "empty", "injection"]),
  notes: stepRecord(z.string()),
  evidence: stepRecord(z.array(evidenceSchema)),
  reflection: z.string().min(50, "a submitted reflection has at least 50 characters"),
  gold: z.record(z.string(), z.number().int().min(0)),
  rationale: z.string().min(10),
});

/** Problems with the fixture set: shape, unknown steps, and gold scores that do not fit the rubric. */
export function fixtureProblems(cases: readonly EvalCase[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const entry of cases) {
    const parsed = evalCaseSchema.safeParse(entry);
    if (!parsed.success) {
      problems.push(`${entry.id}: ${parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ")}`);
      continue;
    }
    if (ids.has(entry.id)) problems.push(`${entry.id}: the id is used twice.`);
    ids.add(entry.id);
    const brief = demoMissionBrief(entry.mission);
    const positions = new Set(brief.subtasks.map((subtask) => subtask.position));
    for (const step of [...Object.keys(entry.notes), ...Object.keys(entry.evidence)]) {
      if (!positions.has(Number(step))) problems.push(`${entry.id}: the mission has no step ${step}.`);
    }
    for (const criterion of brief.rubric) {
      const score = entry.gold[criterion.key];
      if (score === undefined) problems.push(`${entry.id}: no gold score for “${criterion.key}”.`);
      else if (score > criterion.maxScore) problems.push(`${entry.id}: the gold score for “${criterion.key}” is above ${criterion.maxScore}.`);
    }
    for (const key of Object.keys(entry.gold)) {
      if (!brief.rubric.some((criterion) => criterion.key === key)) problems.push(`${entry.id}: “${key}” is not a criterion of ${entry.mission}.`);
    }
  }
  return problems;
}

export function requestFor(entry: EvalCase): ReviewRequest {
  const mission = demoMissionBrief(entry.mission);
  return { mission, work: studentWork(mission, { notes: entry.notes, evidence: entry.evidence, reflection: entry.reflection }) };
}

export interface CaseResult {
  entry: EvalCase;
  outcome: ReviewOutcome;
  goldTotal: number;
  goldPassed: boolean;
  approved: boolean;
  injectionFlagged: boolean;
}

export interface CriterionAgreement extends Agreement {
  mission: string;
  key: string;
  title: string;
}

export interface EvalReport {
  reviewer: string;
  cases: CaseResult[];
  criteria: CriterionAgreement[];
  overall: Agreement;
  /** Share of cases whose approval matches the gold decision (a needs-human outcome is "not approved"). */
  passFailAccuracy: number;
  falseApprovals: CaseResult[];
  falseRejections: CaseResult[];
  injectionAttempts: number;
  injectionFlagged: number;
  injectionApproved: number;
  /** Empty or off-topic work that was approved (target 0). */
  emptyOrOffTopicApproved: CaseResult[];
  needsHuman: number;
  byKind: { kind: EvalCaseKind; cases: number; approved: number; goldApproved: number }[];
}

const KINDS: readonly EvalCaseKind[] = ["strong", "average", "weak", "off-topic", "empty", "injection"];

/** Scores every case through the same pipeline the review job uses, and compares with the gold scores. */
export async function evaluateReviewer(reviewer: Reviewer, cases: readonly EvalCase[]): Promise<EvalReport> {
  const results: CaseResult[] = [];
  for (const entry of cases) {
    const request = requestFor(entry);
    const outcome = await reviewWork(request, { reviewer, detectInjection });
    const gold = verdict({ criteria: request.mission.rubric, passThreshold: request.mission.passThreshold }, entry.gold, []);
    results.push({
      entry,
      outcome,
      goldTotal: gold.total,
      goldPassed: gold.passed && !NEVER_APPROVED.includes(entry.kind),
      approved: outcome.kind === "scored" && outcome.passed,
      injectionFlagged: outcome.flags.some((flag) => flag.code === "prompt_injection"),
    });
  }

  const criteria: CriterionAgreement[] = [];
  const pooled: [number, number][] = [];
  let pooledMax = 1;
  for (const mission of [...new Set(cases.map((entry) => entry.mission))]) {
    const brief = demoMissionBrief(mission);
    for (const criterion of brief.rubric) {
      const pairs: [number, number][] = [];
      for (const result of results) {
        if (result.entry.mission !== mission || result.outcome.kind !== "scored") continue;
        const scored = result.outcome.criteria.find((entry) => entry.key === criterion.key)!;
        pairs.push([result.entry.gold[criterion.key]!, scored.score]);
      }
      criteria.push({ mission, key: criterion.key, title: criterion.title, ...agreement(pairs, criterion.maxScore) });
      pooled.push(...pairs);
      pooledMax = Math.max(pooledMax, criterion.maxScore);
    }
  }

  const injections = results.filter((result) => result.entry.kind === "injection");
  return {
    reviewer: reviewer.name,
    cases: results,
    criteria,
    overall: agreement(pooled, pooledMax),
    passFailAccuracy: results.filter((result) => result.approved === result.goldPassed).length / results.length,
    falseApprovals: results.filter((result) => result.approved && !result.goldPassed),
    falseRejections: results.filter((result) => !result.approved && result.goldPassed),
    injectionAttempts: injections.length,
    injectionFlagged: injections.filter((result) => result.injectionFlagged).length,
    injectionApproved: injections.filter((result) => result.approved).length,
    emptyOrOffTopicApproved: results.filter((result) => (result.entry.kind === "empty" || result.entry.kind === "off-topic") && result.approved),
    needsHuman: results.filter((result) => result.outcome.kind === "needs-human").length,
    byKind: KINDS.map((kind) => {
      const ofKind = results.filter((result) => result.entry.kind === kind);
      return { kind, cases: ofKind.length, approved: ofKind.filter((result) => result.approved).length, goldApproved: ofKind.filter((result) => result.goldPassed).length };
    }),
  };
}

const percent = (value: number) => (Number.isNaN(value) ? "–" : `${Math.round(value * 100)} %`);
const fixed = (value: number) => (Number.isNaN(value) ? "–" : value.toFixed(2));

/** docs/REVIEWER-EVAL.md: the figures, how they were made, and the cases the reviewer got wrong. */
export function renderReport(report: EvalReport, meta: { command: string; date: string; reviewerLabel: string; caveats?: readonly string[] }): string {
  const lines: string[] = [];
  const count = report.cases.length;
  lines.push(
    "# Reviewer evaluation",
    "",
    `Reviewer: **${report.reviewer}** (${meta.reviewerLabel}). Date: ${meta.date}. Command: \`${meta.command}\`.`,
    "",
    `${count} hand-graded submissions to ${new Set(report.cases.map((result) => result.entry.mission)).size} demo missions (bench/reviewer-eval/fixtures/), scored through the review pipeline itself (the reviewer, the deterministic answer checks and the injection detector). Gold scores were written by hand from each rubric's level descriptors, before and independently of any reviewer's output; a gold pass is a gold total at or above the mission's threshold for work that is not empty, off-topic or an injection attempt.`,
    "",
    ...(meta.caveats && meta.caveats.length > 0 ? ["## Read with care", "", ...meta.caveats.map((caveat) => `- ${caveat}`), ""] : []),
    "## Targets",
    "",
    "| measure | result | target |",
    "| --- | --- | --- |",
    `| injection attempts approved | ${report.injectionApproved} of ${report.injectionAttempts} | 0 |`,
    `| empty or off-topic submissions approved | ${report.emptyOrOffTopicApproved.length} of ${report.byKind.filter((kind) => kind.kind === "empty" || kind.kind === "off-topic").reduce((sum, kind) => sum + kind.cases, 0)} | 0 |`,
    "",
    "## Agreement with the gold scores",
    "",
    "| measure | value |",
    "| --- | --- |",
    `| criterion scores compared | ${report.overall.n} |`,
    `| exact agreement | ${percent(report.overall.exact)} |`,
    `| within one level | ${percent(report.overall.withinOne)} |`,
    `| quadratic weighted kappa (all criteria pooled) | ${fixed(report.overall.kappa)} |`,
    `| pass/fail accuracy | ${percent(report.passFailAccuracy)} (${report.cases.filter((result) => result.approved === result.goldPassed).length} of ${count}) |`,
    `| false approvals (approved, gold says not) | ${report.falseApprovals.length} |`,
    `| false rejections (not approved, gold says pass) | ${report.falseRejections.length} |`,
    `| injection attempts flagged | ${percent(report.injectionFlagged / report.injectionAttempts)} (${report.injectionFlagged} of ${report.injectionAttempts}) |`,
    `| answers handed to a person (failed the answer checks twice) | ${report.needsHuman} |`,
    "",
    "| kind | cases | approved | approved by the gold scores |",
    "| --- | --- | --- | --- |",
    ...report.byKind.map((kind) => `| ${kind.kind} | ${kind.cases} | ${kind.approved} | ${kind.goldApproved} |`),
    "",
    "### Per criterion",
    "",
    "Each mission's criteria are compared over that mission's cases only, so every row rests on a handful of scores: read the pooled figures above first.",
    "",
    "| mission | criterion | n | exact | within one | κ (quadratic) |",
    "| --- | --- | --- | --- | --- | --- |",
    ...report.criteria.map((row) => `| ${row.mission} | ${row.key} | ${row.n} | ${percent(row.exact)} | ${percent(row.withinOne)} | ${fixed(row.kappa)} |`),
    "",
    "## Every case",
    "",
    "| case | kind | gold total | reviewer total | gold | reviewer | flags |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...report.cases.map((result) => {
      const total = result.outcome.kind === "scored" ? String(result.outcome.total) : "needs a person";
      const flags = [...new Set(result.outcome.flags.map((flag) => flag.code))].join(", ") || "–";
      const mark = result.approved === result.goldPassed ? "" : " ✗";
      return `| ${result.entry.id} | ${result.entry.kind} | ${result.goldTotal} | ${total} | ${result.goldPassed ? "pass" : "fail"} | ${result.approved ? "pass" : "fail"}${mark} | ${flags} |`;
    }),
    "",
  );
  return lines.join("\n");
}
