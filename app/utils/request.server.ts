import type { SessionMeta } from "~/features/accounts/session.server";

export function sessionMeta(request: Request, clientAddress: string | undefined): SessionMeta {
  return { userAgent: request.headers.get("User-Agent"), ipAddress: clientAddress ?? null };
}

export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("X-Forwarded-Proto") === "https";
}

// Never served: only a base to resolve against, to see whether a value leaves this site.
const PLACEHOLDER_ORIGIN = "http://placeholder.invalid";

/**
 * Where to send someone after log-in: the value only if it is a path on this site, else the
 * fallback. The value is resolved as a browser resolves a Location (tabs and line breaks dropped,
 * backslashes read as slashes), so `/\tevil.example`, `/\\evil.example` or `//evil.example` cannot
 * turn into another site; the answer is the resolved path, which carries no line breaks or
 * characters a header cannot hold.
 */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (resolved.origin !== PLACEHOLDER_ORIGIN || resolved.pathname.startsWith("//")) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
