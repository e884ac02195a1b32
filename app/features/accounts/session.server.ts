import crypto from "node:crypto";
import type { Db } from "~/utils/db.server";
import { sessionWithUser } from "./queries.server";
import { getEnv } from "~/utils/env.server";

export const SESSION_COOKIE = "mxp_session";
/** A session dies after this long without a request. */
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
/** ...and after this long whatever happens. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** Keyed with SESSION_SECRET: a copy of the sessions table alone cannot be turned into cookies. */
export function hashToken(token: string): string {
  return crypto.createHmac("sha256", getEnv().SESSION_SECRET).update(token).digest("hex");
}

export function newSessionToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export interface SessionMeta {
  userAgent?: string | null;
  ipAddress?: string | null;
}

/** Creates a session and returns its secret token (only its hash is stored). */
export async function createSession(db: Db, userId: string, meta: SessionMeta = {}, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  await db.session.create({
    data: {
      id: hashToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      ipAddress: meta.ipAddress?.slice(0, 100) ?? null,
    },
  });
  return { token, expiresAt };
}

export function sessionIsLive(session: { lastSeenAt: Date; expiresAt: Date }, now = new Date()): boolean {
  return sessionLiveUntil(session).getTime() > now.getTime();
}

/**
 * The user behind a token, or null when the session is unknown or expired (expired rows are
 * removed). Every authenticated request runs this, so it is one statement (session joined to
 * its user), and a write only when lastSeenAt is older than the touch interval.
 */
export async function resolveSession(db: Db, token: string, now = new Date()) {
  if (!token || token.length > 200) return null;
  const id = hashToken(token);
  const [row] = await sessionWithUser(db, id);
  if (!row) return null;
  if (!sessionIsLive(row, now)) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  let lastSeenAt = row.lastSeenAt;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.session.updateMany({ where: { id }, data: { lastSeenAt: now } });
    lastSeenAt = now;
  }
  const { sessionId, lastSeenAt: _lastSeenAt, expiresAt, ...user } = row;
  return { sessionId, user, liveUntil: sessionLiveUntil({ lastSeenAt, expiresAt }) };
}

/** When a session dies unless it is used again: its absolute end, or a week after it was last seen. */
export function sessionLiveUntil(session: { lastSeenAt: Date; expiresAt: Date }): Date {
  return new Date(Math.min(session.expiresAt.getTime(), session.lastSeenAt.getTime() + SESSION_IDLE_MS));
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.session.deleteMany({ where: { id: hashToken(token) } });
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index === -1) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/**
 * Whether the session cookie is `Secure`. A production server is always reached over HTTPS,
 * whatever a proxy in front of it says about the request, so its cookie never travels in the
 * clear; ALLOW_INSECURE_COOKIES lets a production build be tried locally over plain http.
 * Elsewhere (development, the end-to-end tests over http) it follows the request.
 */
export function sessionCookieIsSecure(requestIsHttps: boolean): boolean {
  const env = getEnv();
  return requestIsHttps || (env.NODE_ENV === "production" && !env.ALLOW_INSECURE_COOKIES);
}

/** A Set-Cookie value for one of the app's HttpOnly, same-site cookies: set until `expiresAt`, or cleared (null). */
function cookieHeaderValue(name: string, path: string, value: string | null, expiresAt: Date | null, requestIsHttps: boolean): string {
  return [
    `${name}=${value === null ? "" : encodeURIComponent(value)}`,
    `Path=${path}`,
    "HttpOnly",
    "SameSite=Lax",
    expiresAt ? `Expires=${expiresAt.toUTCString()}` : "Max-Age=0",
    sessionCookieIsSecure(requestIsHttps) ? "Secure" : "",
  ]
    .filter(Boolean)
    .join("; ");
}

export function sessionCookie(token: string, expiresAt: Date, requestIsHttps: boolean): string {
  return cookieHeaderValue(SESSION_COOKIE, "/", token, expiresAt, requestIsHttps);
}

export function clearSessionCookie(requestIsHttps: boolean): string {
  return cookieHeaderValue(SESSION_COOKIE, "/", null, null, requestIsHttps);
}

/** Holds the second step of a log-in (two-step log-in) in the browser that gave the password. */
export const LOGIN_CHALLENGE_COOKIE = "mxp_login_step";

export function loginChallengeCookie(token: string, expiresAt: Date, requestIsHttps: boolean): string {
  return cookieHeaderValue(LOGIN_CHALLENGE_COOKIE, "/login", token, expiresAt, requestIsHttps);
}

export function clearLoginChallengeCookie(requestIsHttps: boolean): string {
  return cookieHeaderValue(LOGIN_CHALLENGE_COOKIE, "/login", null, null, requestIsHttps);
}
