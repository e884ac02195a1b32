import { z } from "zod";
import type { ReviewFlag } from "~/domain/rubric";
import type { ReviewRequest } from "./work";

/**
 * What every reviewer returns (the model's structured output, and the heuristic reviewer's
 * answer in the same shape): one entry per criterion with a score, a justification and a
 * verbatim quote from the student's work that backs it; a summary; flags.
 */
export const reviewerAnswerSchema = z.object({
  criteria: z.array(
    z.object({
      key: z.string().describe("The criterion key, exactly as given in the rubric"),
      score: z.number().int().describe("A whole number from 0 to the criterion's maximum score"),
      justification: z.string().describe("One to three sentences on why this level was reached"),
      quote: z.string().describe("A short passage copied verbatim from the student's work that backs the score; empty only when the work has nothing relevant"),
    }),
  ),
  summary: z.string().describe("Two to four sentences for the student: what was good and what to improve"),
  flags: z.array(
    z.object({
      code: z.enum(["prompt_injection", "missing_evidence", "off_topic", "note"]),
      message: z.string(),
    }),
  ),
});
export type ReviewerAnswer = z.infer<typeof reviewerAnswerSchema>;

export interface ReviewerUsage {
  inputTokens: number | null;
  outputTokens: number | null;
}

export interface ReviewerResult {
  answer: ReviewerAnswer;
  usage: ReviewerUsage;
  /** Problems the reviewer found with its own answer (e.g. output that did not parse). */
  problems?: string[];
}

/**
 * One small interface for whoever scores work: a model through the AI SDK, or the built-in
 * heuristic reviewer when no model is configured. `feedback` carries the problems found in the
 * previous answer when the pipeline asks again.
 */
export interface Reviewer {
  /** "heuristic", or provider:model (e.g. "openai:gpt-4.1-mini"). */
  name: string;
  kind: "model" | "heuristic";
  review(request: ReviewRequest, options: { feedback?: readonly string[]; signal?: AbortSignal }): Promise<ReviewerResult>;
}

/** The deterministic injection detector's contract (flags are `prompt_injection`, blocking). */
export type InjectionDetector = (request: ReviewRequest) => ReviewFlag[];
