import { describe, expect, it } from "vitest";
import { aiReviewQueueName, type ReviewerConfig } from "./reviewer-config.server";

const model = (concurrency: number): ReviewerConfig => ({ provider: "openai", model: "m", apiKey: "k", baseURL: undefined, timeoutMs: 60_000, concurrency });

describe("aiReviewQueueName", () => {
  it("puts no limit on the built-in reviewer", () => {
    expect(aiReviewQueueName({ provider: "heuristic" }, "s1")).toBeUndefined();
  });
  it("spreads a provider's reviews over exactly `concurrency` named queues, the same one for the same attempt", () => {
    const ids = Array.from({ length: 200 }, (_, index) => `submission-${index}`);
    const queues = new Set(ids.map((id) => aiReviewQueueName(model(3), id)));
    expect([...queues].sort()).toEqual(["ai-review:openai:0", "ai-review:openai:1", "ai-review:openai:2"]);
    expect(aiReviewQueueName(model(3), "submission-7")).toBe(aiReviewQueueName(model(3), "submission-7"));
    expect(new Set(ids.map((id) => aiReviewQueueName(model(1), id)))).toEqual(new Set(["ai-review:openai:0"]));
  });
});
