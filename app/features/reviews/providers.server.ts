import crypto from "node:crypto";
import { createOpenAI } from "@ai-sdk/openai";
import { generateText, NoObjectGeneratedError, Output, type LanguageModel } from "ai";
import type { Env } from "~/utils/env.server";
import { reviewInstructions, reviewPrompt } from "./prompt";
import { reviewerAnswerSchema, type Reviewer } from "./reviewer";

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

/** The language model a model configuration names, through the AI SDK's OpenAI provider (chat completions, which all three speak). */
export function languageModelFor(config: Exclude<ReviewerConfig, { provider: "heuristic" }>): LanguageModel {
  const provider = createOpenAI({ apiKey: config.apiKey ?? "not-needed", baseURL: config.baseURL, name: config.provider });
  return provider.chat(config.model);
}

/** The reviewer a model configuration names: provider:model, with the configured timeout. */
export function reviewerForModel(config: Exclude<ReviewerConfig, { provider: "heuristic" }>): Reviewer {
  return modelReviewer({ name: `${config.provider}:${config.model}`, model: languageModelFor(config), timeoutMs: config.timeoutMs });
}

/**
 * A reviewer backed by a language model through the AI SDK: the instructions in the system
 * message, the brief and the fenced work in the prompt, structured output checked by the
 * review's zod schema. The SDK retries transient HTTP failures with back-off; `timeoutMs` bounds
 * each call. An answer that does not match the schema comes back as an empty answer, so the
 * pipeline's checks name what is missing and ask again.
 */
export function modelReviewer(options: { name: string; model: LanguageModel; timeoutMs: number; maxRetries?: number }): Reviewer {
  return {
    name: options.name,
    kind: "model",
    async review(request, { feedback, signal }) {
      const boundary = crypto.randomBytes(8).toString("hex");
      try {
        const result = await generateText({
          model: options.model,
          system: reviewInstructions(),
          prompt: reviewPrompt(request, { boundary, feedback }),
          output: Output.object({ schema: reviewerAnswerSchema, name: "rubric_review" }),
          temperature: 0,
          maxRetries: options.maxRetries ?? 2,
          timeout: options.timeoutMs,
          abortSignal: signal,
        });
        return { answer: result.output, usage: { inputTokens: result.usage.inputTokens ?? null, outputTokens: result.usage.outputTokens ?? null } };
      } catch (error) {
        if (NoObjectGeneratedError.isInstance(error)) {
          return {
            answer: { criteria: [], summary: "", flags: [] },
            usage: { inputTokens: error.usage?.inputTokens ?? null, outputTokens: error.usage?.outputTokens ?? null },
            problems: ["Your answer was not valid JSON of the required shape (criteria, summary, flags); answer with that JSON object only."],
          };
        }
        throw error;
      }
    },
  };
}
