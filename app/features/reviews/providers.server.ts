import crypto from "node:crypto";
import { createOpenAI } from "@ai-sdk/openai";
import { generateText, NoObjectGeneratedError, Output, type LanguageModel } from "ai";
import type { ReviewerConfig } from "./reviewer-config.server";
import { reviewInstructions, reviewPrompt } from "./prompt";
import { reviewerAnswerSchema, type Reviewer } from "./reviewer";

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
