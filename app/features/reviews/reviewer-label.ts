import { HEURISTIC_REVIEWER_LABEL } from "./reviewer";

/** How the page, the API and e-mails name who scored the work (PRODUCT.md: a model, the heuristic, or a mentor). */
export function reviewerLabel(name: string): { kind: "model" | "heuristic"; name: string; label: string } {
  if (name === "heuristic") return { kind: "heuristic", name, label: HEURISTIC_REVIEWER_LABEL };
  return { kind: "model", name, label: `AI review by ${name.slice(name.indexOf(":") + 1)}` };
}
