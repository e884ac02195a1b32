import { Writable } from "node:stream";
import { AppError } from "~/utils/errors";
import { createLogger, graphileLogger } from "./logger.server";

/** A logger writing into an array, one parsed object per line. */
function capture(level: "debug" | "info" | "silent" = "debug") {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { log: createLogger({ level, destination }), lines, raw };
}

const SECRETS = [
  "hunter2-password",
  "argon2id$hash",
  "mxp_session=cookie-value",
  "Bearer bearer-token",
  "token-in-body",
  "session-secret-value-at-least-32-chars",
  "sk_live_uploadthing",
];

describe("logger", () => {
  it("writes one JSON object per line with the level's name, an ISO time and the message", () => {
    const { log, lines } = capture("info");
    log.debug({ hidden: true }, "below the level");
    log.info({ method: "GET", path: "/dashboard", status: 200 }, "request");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", msg: "request", method: "GET", path: "/dashboard", status: 200, pid: process.pid });
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
  });

  it("writes nothing at level silent, and a child carries its bindings", () => {
    const silent = capture("silent");
    silent.log.error({ error: new Error("boom") }, "failed");
    expect(silent.raw).toEqual([]);

    const { log, lines } = capture("info");
    log.child({ component: "worker" }).warn({ jobId: 7 }, "slow job");
    expect(lines[0]).toMatchObject({ level: "warn", component: "worker", jobId: 7, msg: "slow job" });
  });

  it("takes its level from LOG_LEVEL when none is given, and ignores a value it does not know", () => {
    const previous = process.env.LOG_LEVEL;
    try {
      process.env.LOG_LEVEL = "warn";
      expect(createLogger().level).toBe("warn");
      process.env.LOG_LEVEL = "silent";
      expect(createLogger().level).toBe("silent");
      process.env.LOG_LEVEL = "loud";
      expect(createLogger().level).toBe("info");
    } finally {
      process.env.LOG_LEVEL = previous;
    }
  });

  it("redacts cookies, authorization headers, tokens, passwords and session secrets wherever they appear", () => {
    const { log, raw, lines } = capture();
    log.info(
      {
        req: {
          method: "POST",
          url: "/login",
          headers: { cookie: "mxp_session=cookie-value", authorization: "Bearer bearer-token", "user-agent": "test" },
          body: { email: "sam@example.test", password: "hunter2-password" },
        },
        res: { headers: { "set-cookie": ["mxp_session=cookie-value; HttpOnly"] } },
        token: "token-in-body",
        password: "hunter2-password",
        user: { email: "sam@example.test", passwordHash: "argon2id$hash" },
        env: { SESSION_SECRET: "session-secret-value-at-least-32-chars", PORT: 3000 },
        headers: { Authorization: "Bearer bearer-token", Cookie: "mxp_session=cookie-value" },
      },
      "request with secrets",
    );
    log.warn({ token: "token-in-body" }, "a token at the top level");
    // An SDK error keeping its request (with the API key header) as the cause of ours.
    const sdkError = Object.assign(new Error("upload refused"), { request: { headers: { "x-uploadthing-api-key": "sk_live_uploadthing" } } });
    log.error({ error: new AppError("VALIDATION_FAILED", "Bad form", { password: "hunter2-password" }, { cause: sdkError }) }, "failed");

    for (const line of raw) for (const secret of SECRETS) expect(line).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      req: {
        method: "POST",
        url: "/login",
        headers: { cookie: "[Redacted]", authorization: "[Redacted]", "user-agent": "test" },
        body: { email: "sam@example.test", password: "[Redacted]" },
      },
      res: { headers: { "set-cookie": "[Redacted]" } },
      token: "[Redacted]",
      password: "[Redacted]",
      user: { email: "sam@example.test", passwordHash: "[Redacted]" },
      env: { SESSION_SECRET: "[Redacted]", PORT: 3000 },
      headers: { Authorization: "[Redacted]", Cookie: "[Redacted]" },
    });
    expect(lines[1]).toMatchObject({ token: "[Redacted]" });
    expect(lines[2]).toMatchObject({ error: { details: { password: "[Redacted]" }, cause: { request: { headers: { "x-uploadthing-api-key": "[Redacted]" } } } } });
  });

  it("serialises a logged error whole: message, stack, its fields and its cause chain", () => {
    const { log, lines } = capture();
    const root = Object.assign(new Error("connection terminated unexpectedly"), { code: "57P01" });
    const middle = new Error("could not save the draft", { cause: root });
    const error = new AppError("UNAVAILABLE", "Saving is unavailable right now.", { retry: true }, { cause: middle, retryAfter: 5 });
    log.error({ error, path: "/api/v1/mission-progress/1" }, "autosave failed");
    log.error({ err: new Error("outer", { cause: "a thrown string" }) }, "err key");
    log.error({ error: new Error("plain"), enqueueError: new Error("queue down", { cause: root }) }, "two errors");

    const first = lines[0] as { error: Record<string, unknown>; path: string; msg: string };
    expect(first.msg).toBe("autosave failed");
    expect(first.error).toMatchObject({ type: "AppError", message: "Saving is unavailable right now.", code: "UNAVAILABLE", details: { retry: true }, retryAfter: 5, status: 503 });
    expect(first.error.stack).toEqual(expect.stringContaining("Saving is unavailable right now."));
    const cause = first.error.cause as Record<string, unknown>;
    expect(cause).toMatchObject({ type: "Error", message: "could not save the draft" });
    expect(cause.stack).toEqual(expect.stringContaining("could not save the draft"));
    const rootCause = cause.cause as Record<string, unknown>;
    expect(rootCause).toMatchObject({ type: "Error", message: "connection terminated unexpectedly", code: "57P01" });
    expect(rootCause.stack).toEqual(expect.stringContaining("connection terminated unexpectedly"));

    expect(lines[1]).toMatchObject({ err: { message: "outer", cause: "a thrown string" } });
    expect(lines[2]).toMatchObject({
      error: { message: "plain" },
      enqueueError: { type: "Error", message: "queue down", cause: { message: "connection terminated unexpectedly" } },
    });
    expect((lines[2]!.enqueueError as { stack: string }).stack).toContain("queue down");
  });

  it("does not loop on an error that is its own cause", () => {
    const { log, lines } = capture();
    const error = new Error("loop");
    (error as { cause?: unknown }).cause = error;
    log.error({ error }, "circular");
    expect(lines[0]).toMatchObject({ error: { message: "loop" } });
  });

  it("carries graphile-worker's lines with their level and scope", () => {
    const { log, lines } = capture();
    const worker = graphileLogger(log).scope({ label: "job", taskIdentifier: "notify" });
    worker.error("job failed", { error: new Error("smtp down") });
    worker.warn("retrying");
    worker.info("done");
    expect(lines.map((line) => line.level)).toEqual(["error", "warn", "info"]);
    expect(lines[0]).toMatchObject({ component: "worker", label: "job", taskIdentifier: "notify", msg: "job failed", error: { message: "smtp down" } });
  });

  it("keeps graphile-worker's own line for each succeeded job at debug: the task list logs each completion once", () => {
    for (const level of ["info", "debug"] as const) {
      const { log, lines } = capture(level);
      const worker = graphileLogger(log).scope({ label: "worker" });
      worker.info("Completed task 7 (notify, 3.10ms) with success", { job: { id: "7", task_identifier: "notify" }, duration: 3.1, success: true });
      worker.info("Worker connected and looking for jobs...");
      const shown = lines.map((line) => [line.level, line.msg]);
      if (level === "info") expect(shown).toEqual([["info", "Worker connected and looking for jobs..."]]);
      else
        expect(shown).toEqual([
          ["debug", "Completed task 7 (notify, 3.10ms) with success"],
          ["info", "Worker connected and looking for jobs..."],
        ]);
    }
  });
});
