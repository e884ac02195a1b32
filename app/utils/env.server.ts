import { isIP } from "node:net";
import { z } from "zod";

/** The development webhook secret: documented, so local checkout emulation can sign real events. */
export const DEVELOPMENT_STRIPE_WEBHOOK_SECRET = "whsec_mxp_development_only";
/** The development price ids: the local checkout sells these, and Stripe test-mode prices can be given these ids' roles by setting the variables. */
export const DEVELOPMENT_STRIPE_PRICE_STARTER = "price_mxp_starter_development";
export const DEVELOPMENT_STRIPE_PRICE_PREMIUM = "price_mxp_premium_development";
const DEVELOPMENT_SESSION_SECRET = "mxp-development-session-secret-not-for-production";

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== "" ? value.trim() : undefined));

/** Express's `trust proxy`: off, how many proxies stand in front of the app, or their addresses. */
export type TrustProxy = false | number | string[];

/** The names Express's `trust proxy` takes for whole address ranges. */
const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

const trustProxy = z
  .string()
  .default("false")
  .transform((value, ctx): TrustProxy => {
    const text = value.trim();
    if (text === "" || text === "false") return false;
    if (/^\d+$/.test(text)) return Number(text) === 0 ? false : Number(text);
    if (text === "true") {
      ctx.addIssue({
        code: "custom",
        message:
          "true would take the left-most X-Forwarded-For address, which the client writes itself. Set the number of proxies in front of the app (TRUST_PROXY=1 for one) or their addresses (TRUST_PROXY=10.0.0.2, TRUST_PROXY=10.0.0.0/8,loopback).",
      });
      return z.NEVER;
    }
    const entries = text.split(",").map((entry) => entry.trim());
    const wrong = entries.filter((entry) => !isProxyAddress(entry));
    if (wrong.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `${wrong.map((entry) => `"${entry}"`).join(", ")} is not an address or subnet: write the number of proxies in front of the app, or their addresses (10.0.0.2, 10.0.0.0/8, loopback, linklocal, uniquelocal) separated by commas.`,
      });
      return z.NEVER;
    }
    return entries;
  });

/** A mail server's address: smtp:// (STARTTLS when the server offers it) or smtps:// (TLS from the start). */
const smtpUrl = optionalString.transform((value, ctx): string | undefined => {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // The value is never echoed: it usually holds the mail server's password.
  if (!url || (url.protocol !== "smtp:" && url.protocol !== "smtps:") || url.hostname === "") {
    ctx.addIssue({
      code: "custom",
      message:
        "SMTP_URL must be the mail server's address as an smtp:// or smtps:// URL, e.g. smtps://user:password@mail.example.org:465 or smtp://mail.example.org:587 (characters such as @ or / in the password written %40, %2F); unset it to keep e-mail in the development outbox",
    });
    return z.NEVER;
  }
  return value;
});

// "someone@example.org" or "Name <someone@example.org>": what a mail server takes as a sender.
const MAILBOX = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/;

const mailFrom = optionalString.refine((value) => value === undefined || MAILBOX.test(value), {
  message: 'MAIL_FROM must be an address, e.g. no-reply@mxp.example.org or "MXP <no-reply@mxp.example.org>"',
});

const booleanFlag = (fallback: "true" | "false") =>
  z
    .enum(["true", "false"])
    .default(fallback)
    .transform((value) => value === "true");

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: optionalString.pipe(z.url({ message: "DATABASE_URL must be a postgresql:// URL" }).optional()),
    DATA_DIR: z.string().default(".data"),
    SESSION_SECRET: optionalString,
    /**
     * Encrypts the TOTP secrets of two-step log-in. Unset: a key derived from SESSION_SECRET.
     * Set it on its own to be able to change SESSION_SECRET without turning two-step log-in off.
     */
    TOTP_ENCRYPTION_KEY: optionalString,
    OPENAI_API_KEY: optionalString,
    GROQ_API_KEY: optionalString,
    AI_BASE_URL: optionalString,
    AI_MODEL: optionalString,
    /** The key for an OpenAI-compatible server at AI_BASE_URL that needs one (OPENAI_API_KEY is used otherwise). */
    AI_API_KEY: optionalString,
    /** How long one call to the model may take before it counts as failed. */
    AI_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(60_000),
    /** /healthz reports the review pipeline as stuck when a review has waited longer than this. */
    REVIEW_STUCK_AFTER_SECONDS: z.coerce.number().int().min(10).default(900),
    /** How many reviews may call the model at once (per provider), across every worker. */
    AI_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
    STRIPE_SECRET_KEY: optionalString,
    STRIPE_WEBHOOK_SECRET: optionalString,
    /** Where the Stripe adapter sends its API calls; unset: Stripe's own API. Tests point it at a local fake. */
    /**
     * "true" offers the local test checkout without STRIPE_SECRET_KEY, where students give
     * themselves a paid plan: the default in development and tests, never assumed in production.
     */
    LOCAL_CHECKOUT: z.enum(["true", "false"]).optional(),
    STRIPE_API_URL: optionalString.pipe(z.url({ message: "STRIPE_API_URL must be an http(s) address, e.g. http://127.0.0.1:12111" }).optional()),
    /** The Stripe price of the Starter plan; a subscription on it grants STARTER. */
    STRIPE_PRICE_STARTER: optionalString.transform((value) => value ?? DEVELOPMENT_STRIPE_PRICE_STARTER),
    /** The Stripe price of the Premium plan; a subscription on it grants PREMIUM. */
    STRIPE_PRICE_PREMIUM: optionalString.transform((value) => value ?? DEVELOPMENT_STRIPE_PRICE_PREMIUM),
    UPLOADTHING_TOKEN: optionalString,
    /** The mail server e-mail is delivered through; unset, e-mail stays in the development outbox. */
    SMTP_URL: smtpUrl,
    /** The sender of every e-mail. Unset: MXP <no-reply@…> at APP_URL's host (see mailFrom in the mail adapter). */
    MAIL_FROM: mailFrom,
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(25 * 1024 * 1024),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /** How often a worker process reports it is alive; after three missed reports its jobs are released to the other workers. */
    WORKER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(60).default(10),
    /** "false" runs the web server without the in-process job worker (scale-out web nodes). */
    RUN_WORKER: booleanFlag("true"),
    /**
     * "false" is the service worker's kill switch: pages unregister it and delete its caches, and
     * offline reloads of mission pages stop working (docs/decisions/031).
     */
    SERVICE_WORKER: booleanFlag("true"),
    /** "false" skips the demo academy on an empty database. Never seeded in production anyway. */
    SEED_DEMO: booleanFlag("true"),
    /** Who may tell the app a client's address (X-Forwarded-For): see TrustProxy. */
    TRUST_PROXY: trustProxy,
    /**
     * "true" lets a production build send its session cookie without `Secure` to a plain-http
     * request, to try it locally without TLS; never behind a public address.
     */
    ALLOW_INSECURE_COOKIES: booleanFlag("false"),
    /** A secret that shows /healthz's details (database, workers, queue) to monitoring, as an admin's session does. */
    HEALTH_TOKEN: optionalString,
    /** The address students open; links in e-mails start with it. Never taken from a request's Host. */
    APP_URL: optionalString.pipe(z.url({ message: "APP_URL must be the site's address, e.g. https://mxp.example.org" }).optional()),
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.APP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message: "APP_URL is required in production: the address students open, e.g. https://mxp.example.org (links in e-mails start with it)",
      });
    }
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "SESSION_SECRET is required in production" });
    }
    if (env.SESSION_SECRET && env.SESSION_SECRET.length < 32) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "SESSION_SECRET must be at least 32 characters" });
    }
    if (env.TOTP_ENCRYPTION_KEY && env.TOTP_ENCRYPTION_KEY.length < 32) {
      ctx.addIssue({ code: "custom", path: ["TOTP_ENCRYPTION_KEY"], message: "TOTP_ENCRYPTION_KEY must be at least 32 characters (for example `openssl rand -hex 32`)" });
    }
    if (env.HEALTH_TOKEN && env.HEALTH_TOKEN.length < 32) {
      ctx.addIssue({ code: "custom", path: ["HEALTH_TOKEN"], message: "HEALTH_TOKEN must be at least 32 characters (for example `openssl rand -hex 32`)" });
    }
  });

export type Env = Omit<z.infer<typeof envSchema>, "LOCAL_CHECKOUT"> & {
  SESSION_SECRET: string;
  STRIPE_WEBHOOK_SECRET: string;
  LOCAL_CHECKOUT: boolean;
};

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  return {
    ...result.data,
    SESSION_SECRET: result.data.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
    STRIPE_WEBHOOK_SECRET: result.data.STRIPE_WEBHOOK_SECRET ?? DEVELOPMENT_STRIPE_WEBHOOK_SECRET,
    LOCAL_CHECKOUT: result.data.LOCAL_CHECKOUT === undefined ? result.data.NODE_ENV !== "production" : result.data.LOCAL_CHECKOUT === "true",
  };
}

const ENV_KEYS = Object.keys(envSchema.shape);
let cached: { signature: string; env: Env } | undefined;

/**
 * The validated configuration. Parsed again only when a variable changed (the boot sequence
 * sets DATABASE_URL for the embedded server; tests change variables), not on every request.
 */
export function getEnv(): Env {
  let signature = "";
  for (const key of ENV_KEYS) signature += `${process.env[key] ?? ""}\u0000`;
  if (cached?.signature !== signature) cached = { signature, env: parseEnv(process.env) };
  return cached.env;
}

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the server boot sequence sets it before the database is used");
  return url;
}

/** The site's address for links that leave the site (e-mails): APP_URL, else this machine's port. */
export function appUrl(): string {
  const env = getEnv();
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}
