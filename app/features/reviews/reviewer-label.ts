/**
 * What the student, the API and e-mails call an automated review by the built-in reviewer. It is
 * here, not beside the reviewer's zod schemas, so that pages naming a reviewer do not download zod.
 */
export const HEURISTIC_REVIEWER_LABEL = "automated heuristic review: no AI model configured";

/** How the page, the API and e-mails name who scored the work (PRODUCT.md: a model, the heuristic, or a mentor). */
export function reviewerLabel(name: string): { kind: "model" | "heuristic"; name: string; label: string } {
  if (name === "heuristic") return { kind: "heuristic", name, label: HEURISTIC_REVIEWER_LABEL };
  return { kind: "model", name, label: `AI review by ${name.slice(name.indexOf(":") + 1)}` };
}
