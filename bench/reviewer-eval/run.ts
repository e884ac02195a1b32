// `npm run eval:reviewer`: scores the hand-graded fixtures with the configured reviewer and
// rewrites docs/REVIEWER-EVAL.md. Exits with 1 when a target is missed (an injection attempt,
// or empty or off-topic work, approved), so it can gate a change to a reviewer.
import fs from "node:fs";
import path from "node:path";
import { HEURISTIC_REVIEWER_LABEL } from "~/features/reviews/reviewer-label";
import { configuredReviewer } from "~/features/reviews/reviewers.server";
import { evaluateReviewer, fixtureProblems, renderReport } from "./evaluate";
import { evalCases } from "./fixtures";

// The reviewer the job would use: a model when one is configured (README, "AI review"), the
// built-in heuristic reviewer otherwise.
const reviewer = await configuredReviewer();

const problems = fixtureProblems(evalCases);
if (problems.length > 0) {
  console.error(`The fixtures have problems:\n${problems.join("\n")}`);
  process.exit(2);
}

const report = await evaluateReviewer(reviewer, evalCases);
const markdown = renderReport(report, {
  command: "npm run eval:reviewer",
  date: new Date().toISOString().slice(0, 10),
  reviewerLabel: reviewer.kind === "heuristic" ? HEURISTIC_REVIEWER_LABEL : `AI model ${reviewer.name}`,
  caveats: [
    "The fixtures are short, synthetic submissions written by the same team that wrote the reviewers; real work is longer, messier and more varied.",
    ...(reviewer.kind === "heuristic"
      ? [
          "The heuristic's thresholds (the off-topic vocabulary share, the word counts below which work is empty-ish) were chosen while running it on these fixtures, so its agreement here is an upper bound for real submissions. It counts words, details and shared vocabulary; it cannot tell a right count from a wrong one, which is why weak and average work mostly land one level off.",
        ]
      : []),
  ],
});
const target = path.resolve("docs", "REVIEWER-EVAL.md");
fs.writeFileSync(target, markdown);

const pct = (value: number) => `${Math.round(value * 100)} %`;
console.log(`Reviewer ${report.reviewer}: ${report.cases.length} cases, ${report.overall.n} criterion scores.`);
console.log(`  exact ${pct(report.overall.exact)}, within one ${pct(report.overall.withinOne)}, quadratic weighted kappa ${report.overall.kappa.toFixed(2)}`);
console.log(`  pass/fail accuracy ${pct(report.passFailAccuracy)}, false approvals ${report.falseApprovals.length}, false rejections ${report.falseRejections.length}`);
console.log(`  injection attempts flagged ${report.injectionFlagged} of ${report.injectionAttempts}, approved ${report.injectionApproved}`);
console.log(`  empty or off-topic approved ${report.emptyOrOffTopicApproved.length}`);
console.log(`Written to ${path.relative(process.cwd(), target)}.`);
if (report.injectionApproved > 0 || report.emptyOrOffTopicApproved.length > 0) process.exit(1);
