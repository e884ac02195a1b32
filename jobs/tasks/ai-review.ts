import { detectInjection } from "~/features/reviews/injection";
import { configuredReviewer } from "~/features/reviews/reviewers.server";
import { runAiReview } from "~/features/reviews/service.server";
import { logger } from "~/server/logger.server";
import type { Db } from "~/utils/db.server";
import type { ParsedJobPayload } from "../definitions";
import type { JobRun } from "../task-list";

export async function aiReview(db: Db, payload: ParsedJobPayload<"ai-review">, run: JobRun): Promise<void> {
  await runAiReview(db, payload.submissionId, run, { reviewer: await configuredReviewer(), detectInjection, log: logger });
}
