import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the OpenAI HTTP API's chat completions (`POST …/chat/completions`), which
 * OpenAI, Groq and OpenAI-compatible servers (Ollama, vLLM) all speak, so the real AI SDK
 * provider can be pointed at it in tests: no network, and every request it received is kept.
 */
export interface FakeOpenAiRequest {
  path: string;
  authorization: string | undefined;
  body: {
    model: string;
    messages: { role: string; content: unknown }[];
    response_format?: { type: string; json_schema?: { name?: string; schema?: unknown; strict?: boolean } };
    temperature?: number;
  };
}

export type FakeOpenAiReply =
  | { content: string; promptTokens?: number; completionTokens?: number }
  | { status: number; error: string }
  /** Holds the request open for this long before answering with `then`. */
  | { delayMs: number; then: FakeOpenAiReply };

export interface FakeOpenAi {
  /** The base URL to give the SDK (ends in /v1). */
  baseURL: string;
  requests: FakeOpenAiRequest[];
  /** Replies in turn; the last one repeats. */
  reply(...replies: FakeOpenAiReply[]): void;
  close(): Promise<void>;
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: FakeOpenAiRequest[] = [];
  let replies: FakeOpenAiReply[] = [{ status: 500, error: "no reply configured" }];
  let served = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
        res
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ error: { message: `Unknown route ${req.method} ${req.url}`, type: "invalid_request_error" } }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as FakeOpenAiRequest["body"];
      requests.push({ path: req.url, authorization: req.headers.authorization, body });
      const reply = replies[Math.min(served, replies.length - 1)]!;
      served += 1;
      answer(res, body.model, reply);
    });
  });
  const sockets = new Set<import("node:net").Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    reply(...next) {
      replies = next;
      served = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function answer(res: http.ServerResponse, model: string, reply: FakeOpenAiReply): void {
  if ("delayMs" in reply) {
    const timer = setTimeout(() => answer(res, model, reply.then), reply.delayMs);
    res.on("close", () => clearTimeout(timer));
    return;
  }
  if ("status" in reply) {
    res.writeHead(reply.status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: reply.error, type: "server_error", code: null } }));
    return;
  }
  const promptTokens = reply.promptTokens ?? 900;
  const completionTokens = reply.completionTokens ?? 250;
  res.writeHead(200, { "content-type": "application/json" }).end(
    JSON.stringify({
      id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: "assistant", content: reply.content, refusal: null }, logprobs: null, finish_reason: "stop" }],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    }),
  );
}
