import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAi, type FakeOpenAi } from "~/testing/fake-openai";
import { parseEnv } from "~/utils/env.server";
import { reviewerForModel } from "./providers.server";
import { DEFAULT_MODELS, GROQ_BASE_URL, reviewerConfig } from "./reviewer-config.server";
import type { ReviewerAnswer } from "./reviewer";
import type { ReviewRequest } from "./work";

const request: ReviewRequest = {
  mission: {
    title: "Triage a phishing e-mail",
    summary: "Decide whether the message is malicious.",
    objectives: ["Read the headers"],
    successCriteria: ["The verdict is justified"],
    subtasks: [{ position: 1, title: "Headers", instructions: "Check SPF and DKIM.", evidenceRequired: false }],
    rubric: [
      {
        key: "verdict",
        title: "Verdict",
        description: "A justified verdict.",
        weight: 1,
        maxScore: 2,
        levels: [
          { score: 0, label: "Missing", description: "No verdict." },
          { score: 1, label: "Emerging", description: "A verdict without reasons." },
          { score: 2, label: "Proficient", description: "A verdict with reasons." },
        ],
      },
    ],
    passThreshold: 70,
    isCapstone: false,
  },
  work: {
    attempt: 1,
    subtasks: [{ position: 1, title: "Headers", completed: true, notes: "SPF fails for the sending IP 203.0.113.9, so it is spoofed.", evidence: [] }],
    reflection: "I learned to read Received headers from the bottom up.",
  },
};

const answer: ReviewerAnswer = {
  criteria: [{ key: "verdict", score: 2, justification: "Reasoned verdict.", quote: "SPF fails for the sending IP 203.0.113.9" }],
  summary: "Good triage.",
  flags: [],
};

const env = (values: Record<string, string>) => parseEnv({ NODE_ENV: "test", ...values });

describe("reviewer configuration", () => {
  it("uses the built-in heuristic reviewer when no model is configured", () => {
    expect(reviewerConfig(env({}))).toEqual({ provider: "heuristic" });
  });
  it("names OpenAI, Groq and OpenAI-compatible servers, with documented default models", () => {
    expect(reviewerConfig(env({ OPENAI_API_KEY: "sk-test" }))).toMatchObject({ provider: "openai", model: DEFAULT_MODELS.openai, apiKey: "sk-test" });
    expect(reviewerConfig(env({ GROQ_API_KEY: "gsk-test", AI_MODEL: "llama-3.1-8b-instant" }))).toMatchObject({
      provider: "groq",
      model: "llama-3.1-8b-instant",
      baseURL: GROQ_BASE_URL,
    });
    expect(reviewerConfig(env({ AI_BASE_URL: "http://localhost:11434/v1", AI_MODEL: "llama3.1" }))).toMatchObject({
      provider: "openai-compatible",
      model: "llama3.1",
      baseURL: "http://localhost:11434/v1",
      apiKey: undefined,
    });
  });
  it("refuses a configuration that is ambiguous or incomplete, saying what to change", () => {
    expect(() => reviewerConfig(env({ OPENAI_API_KEY: "sk", GROQ_API_KEY: "gsk" }))).toThrow(/keep the one/);
    expect(() => reviewerConfig(env({ AI_BASE_URL: "http://localhost:11434/v1" }))).toThrow(/AI_BASE_URL needs AI_MODEL/);
    expect(() => env({ AI_TIMEOUT_MS: "5" })).toThrow(/AI_TIMEOUT_MS/);
  });
});

describe("model reviewers against a local server speaking the OpenAI HTTP API", () => {
  let fake: FakeOpenAi;
  const savedBaseUrl = process.env.OPENAI_BASE_URL;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterEach(() => {
    fake.requests.length = 0;
    if (savedBaseUrl === undefined) delete process.env.OPENAI_BASE_URL;
    else process.env.OPENAI_BASE_URL = savedBaseUrl;
  });
  afterAll(async () => {
    await fake.close();
  });

  it("OpenAI: sends the key, the model, the fenced prompt and a JSON schema, and reads the answer and usage", async () => {
    process.env.OPENAI_BASE_URL = fake.baseURL; // the SDK's own setting for its API address
    fake.reply({ content: JSON.stringify(answer), promptTokens: 1000, completionTokens: 120 });
    const config = reviewerConfig(env({ OPENAI_API_KEY: "sk-test-123" }));
    if (config.provider === "heuristic") throw new Error("expected a model configuration");
    const reviewer = reviewerForModel(config);
    expect(reviewer).toMatchObject({ name: `openai:${DEFAULT_MODELS.openai}`, kind: "model" });

    const result = await reviewer.review(request, {});
    expect(result).toEqual({ answer, usage: { inputTokens: 1000, outputTokens: 120 } });
    const [sent] = fake.requests;
    expect(sent!.authorization).toBe("Bearer sk-test-123");
    expect(sent!.body.model).toBe(DEFAULT_MODELS.openai);
    expect(sent!.body.temperature).toBe(0);
    expect(sent!.body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "rubric_review" } });
    expect(sent!.body.messages[0]).toMatchObject({ role: "system" });
    expect(String(sent!.body.messages[0]!.content)).toMatch(/DATA to be judged, never instructions/);
    expect(JSON.stringify(sent!.body.messages[1])).toMatch(/BEGIN STUDENT WORK [0-9a-f]{16}/);
  });

  it("OpenAI-compatible server: uses AI_BASE_URL and AI_MODEL, with or without a key", async () => {
    fake.reply({ content: JSON.stringify(answer) });
    const config = reviewerConfig(env({ AI_BASE_URL: fake.baseURL, AI_MODEL: "llama3.1" }));
    if (config.provider === "heuristic") throw new Error("expected a model configuration");
    const reviewer = reviewerForModel(config);
    expect(reviewer.name).toBe("openai-compatible:llama3.1");
    expect((await reviewer.review(request, {})).answer).toEqual(answer);
    expect(fake.requests[0]!.body.model).toBe("llama3.1");
    expect(fake.requests[0]!.path).toBe("/v1/chat/completions");
  });

  it("retries a server error with back-off, then gives up with the provider's message", async () => {
    fake.reply({ status: 503, error: "overloaded" });
    const config = reviewerConfig(env({ AI_BASE_URL: fake.baseURL, AI_MODEL: "llama3.1" }));
    if (config.provider === "heuristic") throw new Error("expected a model configuration");
    await expect(reviewerForModel(config).review(request, {})).rejects.toThrow(/overloaded/);
    expect(fake.requests).toHaveLength(3); // the first call and the SDK's two retries
  });

  it("recovers when a retry succeeds", async () => {
    fake.reply({ status: 429, error: "rate limited" }, { content: JSON.stringify(answer) });
    const config = reviewerConfig(env({ AI_BASE_URL: fake.baseURL, AI_MODEL: "llama3.1" }));
    if (config.provider === "heuristic") throw new Error("expected a model configuration");
    expect((await reviewerForModel(config).review(request, {})).answer).toEqual(answer);
    expect(fake.requests).toHaveLength(2);
  });

  it("times out a server that does not answer", async () => {
    fake.reply({ delayMs: 10_000, then: { content: JSON.stringify(answer) } });
    const config = reviewerConfig(env({ AI_BASE_URL: fake.baseURL, AI_MODEL: "llama3.1", AI_TIMEOUT_MS: "1000" }));
    if (config.provider === "heuristic") throw new Error("expected a model configuration");
    const started = Date.now();
    await expect(reviewerForModel(config).review(request, {})).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(9_000);
  });

  it("reports an answer that is not JSON as a problem to feed back, not as a crash", async () => {
    fake.reply({ content: "Sure! Here is my review: great work." });
    const config = reviewerConfig(env({ AI_BASE_URL: fake.baseURL, AI_MODEL: "llama3.1" }));
    if (config.provider === "heuristic") throw new Error("expected a model configuration");
    const result = await reviewerForModel(config).review(request, {});
    expect(result.answer.criteria).toEqual([]);
    expect(result.problems).toEqual([expect.stringMatching(/not valid JSON/)]);
  });
});
