/**
 * What AI reviews cost, from the tokens each used (pure). Prices are the providers' list prices
 * per million tokens; a model not in the table has no known price and is shown as such rather
 * than as free. The built-in heuristic reviewer and self-hosted OpenAI-compatible servers cost
 * nothing per token.
 */

/** US dollars per million input and output tokens, by `provider:model` as reviews store it. */
export const MODEL_PRICES: Readonly<Record<string, { input: number; output: number }>> = {
  "openai:gpt-4.1": { input: 2, output: 8 },
  "openai:gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "openai:gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "openai:gpt-4o": { input: 2.5, output: 10 },
  "openai:gpt-4o-mini": { input: 0.15, output: 0.6 },
  "groq:llama-3.3-70b-versatile": { input: 0.59, output: 0.79 },
  "groq:llama-3.1-8b-instant": { input: 0.05, output: 0.08 },
};

/** The provider part of a reviewer's name: "openai", "groq", "openai-compatible", "heuristic". */
export function providerOf(reviewer: string): string {
  const colon = reviewer.indexOf(":");
  return colon === -1 ? reviewer : reviewer.slice(0, colon);
}

/** The cost in US dollars of reviews that used these tokens, or null when the reviewer's price is not known. */
export function reviewCost(reviewer: string, inputTokens: number, outputTokens: number): number | null {
  if (reviewer === "heuristic" || providerOf(reviewer) === "openai-compatible") return 0;
  const price = MODEL_PRICES[reviewer];
  if (!price) return null;
  return (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
}

/** "$0.0042", "$12.30", "price unknown". */
export function formatCost(dollars: number | null): string {
  if (dollars === null) return "price unknown";
  if (dollars === 0) return "$0";
  return dollars < 0.01 ? `$${dollars.toFixed(4)}` : `$${dollars.toFixed(2)}`;
}
