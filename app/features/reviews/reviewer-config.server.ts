import crypto from "node:crypto";
import type { Env } from "~/utils/env.server";

// Which reviewer the configuration asks for, without loading the AI SDK: the web process needs
// this to queue a review, only the job needs the SDK.

/** The model each hosted provider uses when AI_MODEL is not set (README, "AI review"). */
export const DEFAULT_MODELS = { openai: "gpt-4.1-mini", groq: "llama-3.3-70b-versatile" } as const;
export const GROQ_BASE_URL = "https://api.groq.com/openai/v1";

export type ReviewerConfig =
  | { provider: "heuristic" }
  | { provider: "openai" | "groq" | "openai-compatible"; model: string; apiKey: string | undefined; baseURL: string | undefined; timeoutMs: number; concurrency: number };

/**
 * Which reviewer the configuration asks for, or every reason it is ambiguous. Checked at boot
 * (a wrong setting stops the start with this message) and read by the job.
 */
export function reviewerConfig(env: Pick<Env, "OPENAI_API_KEY" | "GROQ_API_KEY" | "AI_BASE_URL" | "AI_MODEL" | "AI_API_KEY" | "AI_TIMEOUT_MS" | "AI_CONCURRENCY">): ReviewerConfig {
  const common = { timeoutMs: env.AI_TIMEOUT_MS, concurrency: env.AI_CONCURRENCY };
  if (env.AI_BASE_URL) {
    if (!env.AI_MODEL) throw new Error("AI_BASE_URL needs AI_MODEL: the model name the server knows (e.g. llama3.1 for Ollama).");
    return { provider: "openai-compatible", model: env.AI_MODEL, apiKey: env.AI_API_KEY ?? env.OPENAI_API_KEY, baseURL: env.AI_BASE_URL, ...common };
  }
  if (env.OPENAI_API_KEY && env.GROQ_API_KEY) throw new Error("Both OPENAI_API_KEY and GROQ_API_KEY are set: keep the one whose provider should review work.");
  if (env.OPENAI_API_KEY) return { provider: "openai", model: env.AI_MODEL ?? DEFAULT_MODELS.openai, apiKey: env.OPENAI_API_KEY, baseURL: undefined, ...common };
  if (env.GROQ_API_KEY) return { provider: "groq", model: env.AI_MODEL ?? DEFAULT_MODELS.groq, apiKey: env.GROQ_API_KEY, baseURL: GROQ_BASE_URL, ...common };
  return { provider: "heuristic" };
}

/**
 * graphile-worker's queue for a review: with a model, one of `concurrency` named queues per
 * provider (each runs one job at a time, so at most `concurrency` calls to the provider at once,
 * whatever the number of workers); the built-in reviewer needs no limit.
 */
export function aiReviewQueueName(config: ReviewerConfig, submissionId: string): string | undefined {
  if (config.provider === "heuristic") return undefined;
  const slot = crypto.createHash("sha256").update(submissionId).digest().readUInt32BE(0) % config.concurrency;
  return `ai-review:${config.provider}:${slot}`;
}
