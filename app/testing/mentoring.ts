import type { PublicUser } from "~/features/accounts/service.server";
import { runAiReview } from "~/features/reviews/service.server";
import { createUser } from "./factories";
import { FIRST_RUN, goodAnswer, noInjection, scripted, submittedAttempt } from "./reviews";
import type { CreateMissionOptions } from "./missions";

/** A submitted attempt whose AI review is stored: passed (approved) or not (changes requested), by a Premium student unless told otherwise. */
export async function reviewedAttempt(options: CreateMissionOptions & { passed?: boolean; tier?: "FREE" | "STARTER" | "PREMIUM" } = {}) {
  const student = await createUser({ tier: options.tier ?? "PREMIUM" });
  const attempt = await submittedAttempt({ ...options, student });
  const answer = options.passed === false ? goodAnswer({ evidence: 1, analysis: 1, communication: 1 }) : goodAnswer();
  await runAiReview(attempt.db, attempt.submission.id, FIRST_RUN, { reviewer: scripted(answer), detectInjection: noInjection });
  return { ...attempt, student: student as PublicUser & typeof student };
}

/** Full marks for the test mission's rubric (app/testing/missions.ts). */
export const FULL_MARKS = { evidence: 3, analysis: 3, communication: 3 };
export const LOW_MARKS = { evidence: 1, analysis: 0, communication: 1 };
