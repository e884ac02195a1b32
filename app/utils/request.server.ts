import type { SessionMeta } from "~/features/accounts/session.server";

export function sessionMeta(request: Request, clientAddress: string | undefined): SessionMeta {
  return { userAgent: request.headers.get("User-Agent"), ipAddress: clientAddress ?? null };
}

export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("X-Forwarded-Proto") === "https";
}

/** Only same-site paths are followed after log-in, never `//evil.example` or absolute URLs. */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
