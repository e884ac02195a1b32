import { Logger as GraphileLogger } from "graphile-worker";
import os from "node:os";
import pino from "pino";
import { isAppError } from "~/utils/errors";

/**
 * Structured JSON-lines logging on stdout, one object per line (pino): what operators grep and
 * ship. The level is written as its name and the time as ISO 8601, so lines read the same as
 * before pino and `"level":"error"` still finds the failures.
 */
export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "silent";
export type Logger = pino.Logger;

const LEVELS = new Set<string>(["trace", "debug", "info", "warn", "error", "fatal", "silent"]);

/** Header names that carry credentials (Node lowercases incoming ones; people write them capitalised). */
const SECRET_HEADERS = ["cookie", "Cookie", "set-cookie", "Set-Cookie", "authorization", "Authorization", "x-uploadthing-api-key", "stripe-signature"];
/** Fields that hold credentials in bodies, inputs, users and error details. */
const SECRET_FIELDS = ["password", "passwordHash", "newPassword", "currentPassword", "token", "accessToken", "refreshToken", "sessionToken", "apiKey", "secret"];
/** Configuration that holds secrets (an environment object logged by mistake). */
const SECRET_SETTINGS = ["SESSION_SECRET", "DATABASE_URL", "SMTP_URL", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "UPLOADTHING_TOKEN", "OPENAI_API_KEY", "GROQ_API_KEY"];

const ALL_SECRETS = [...SECRET_HEADERS, ...SECRET_FIELDS, ...SECRET_SETTINGS];
/** Where headers sit in what gets logged: a request or response, alone or kept by an error (an SDK's failed call). */
const HEADER_HOLDERS = [
  "",
  "req.",
  "res.",
  "request.",
  "response.",
  "error.request.",
  "error.response.",
  "error.cause.request.",
  "error.cause.response.",
  "err.request.",
  "err.response.",
];
/** Where credentials sit: bodies, inputs, users, settings, and an AppError's details (also as a cause). */
const FIELD_HOLDERS = ["req.body.", "request.body.", "body.", "input.", "user.", "env.", "config.", "details.", "error.details.", "error.cause.details.", "err.details."];
/** One level down under any name: the keys most likely to be logged by mistake. */
const ANYWHERE_ONE_LEVEL_DOWN = ["password", "passwordHash", "token", "cookie", "authorization", "SESSION_SECRET"];

const pathTo = (prefix: string, key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `${prefix}${key}` : `${prefix.replace(/\.$/, "")}["${key}"]`);

/**
 * What pino blanks out of every line. Each literal path costs nothing on a line that lacks its
 * first key, but a path that starts with a wildcard costs every line about a microsecond (pino
 * runs it over every field): the request log line is on the hot path, so wildcards are few and
 * the known shapes are spelled out.
 */
export const REDACT_PATHS = [
  ...ALL_SECRETS.map((key) => pathTo("", key)),
  ...HEADER_HOLDERS.flatMap((holder) => SECRET_HEADERS.map((key) => pathTo(`${holder}headers.`, key))),
  ...FIELD_HOLDERS.flatMap((holder) => [...SECRET_FIELDS, ...SECRET_SETTINGS].map((key) => pathTo(holder, key))),
  ...ANYWHERE_ONE_LEVEL_DOWN.map((key) => pathTo("*.", key)),
];

/**
 * A whole error: type, message, stack, its own fields (an AppError's code, details and status,
 * a database error's code and detail) and its `cause` chain, each cause serialised the same way
 * (errWithCause follows only causes that are errors; a thrown string or object stays visible).
 */
export function serialiseError(value: unknown, seen = new Set<unknown>()): unknown {
  if (!(value instanceof Error) || seen.has(value)) return value instanceof Error ? "[Circular]" : value;
  seen.add(value);
  const serialised: Record<string, unknown> = pino.stdSerializers.errWithCause(value);
  const cause = (value as { cause?: unknown }).cause;
  if (cause !== undefined) serialised.cause = serialiseError(cause, seen);
  if (isAppError(value)) serialised.status = value.status;
  return serialised;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Fields on every line. */
  base?: Record<string, unknown>;
  /** Where lines go (tests); stdout otherwise. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const fromEnv = process.env.LOG_LEVEL?.trim().toLowerCase();
  const level = options.level ?? (fromEnv && LEVELS.has(fromEnv) ? (fromEnv as LogLevel) : "info");
  const pinoOptions: pino.LoggerOptions = {
    level,
    base: { pid: process.pid, hostname: os.hostname(), ...options.base },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      // Callers log failures as `{ error }`, and sometimes a second one under another name
      // (`enqueueError`): any error at the top level is serialised whole.
      log(object) {
        let copy: Record<string, unknown> | undefined;
        for (const [key, value] of Object.entries(object)) {
          if (value instanceof Error && key !== "err" && key !== "error") (copy ??= { ...object })[key] = serialiseError(value);
        }
        return copy ?? object;
      },
    },
    serializers: { err: (value) => serialiseError(value), error: (value) => serialiseError(value) },
    redact: { paths: REDACT_PATHS, censor: "[Redacted]" },
  };
  return options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions);
}

export const logger = createLogger();

/**
 * graphile-worker logs through ours, so job lines share the JSON shape and the level filter. Its
 * own line for each job that succeeded (with the whole job row) is debug: the task list logs each
 * completed job once, at info, with what an operator reads (jobs/task-list.ts).
 */
export function graphileLogger(log: Logger): GraphileLogger {
  return new GraphileLogger((scope) => (level, message, meta) => {
    const fields = { component: "worker", ...scope, ...(meta ?? {}) } as Record<string, unknown>;
    if (level === "error") log.error(fields, message);
    else if (level === "warning") log.warn(fields, message);
    else if (level === "info" && !(fields.success === true && "job" in fields)) log.info(fields, message);
    else log.debug(fields, message);
  });
}
