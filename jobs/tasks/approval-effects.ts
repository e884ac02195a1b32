import type { Db } from "~/utils/db.server";
import { publishPortfolioItem } from "~/features/portfolio/publish.server";
import { recomputeSkillSignals } from "~/features/skills/fold.server";
import type { ParsedJobPayload } from "../definitions";

export function publishPortfolio(db: Db, payload: ParsedJobPayload<"publish-portfolio">) {
  return publishPortfolioItem(db, payload.submissionId);
}

export function updateSkillSignals(db: Db, payload: ParsedJobPayload<"update-skill-signals">) {
  return recomputeSkillSignals(db, payload.userId);
}
