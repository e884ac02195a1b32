import { redirect } from "@remix-run/node";
import { roleSatisfies, type Role } from "~/domain/roles";
import type { PublicUser } from "./service.server";
import { getDb } from "~/utils/db.server";
import { AppError, errorResponse } from "~/utils/errors";
import { oncePerRequest } from "~/utils/request-scope.server";
import { readCookie, resolveSession, SESSION_COOKIE } from "./session.server";

export interface Auth {
  user: PublicUser;
  sessionId: string;
  token: string;
  /** When the session dies unless it is used again (the offline worker keeps no copy beyond it). */
  liveUntil: Date;
  /** Bearer tokens are not sent by browsers on their own, so they need no CSRF check. */
  via: "cookie" | "bearer";
}

/** The session token of a request: a bearer token wins over the cookie. */
export function tokenFromHeaders(authorization: string | null | undefined, cookieHeader: string | null | undefined): { token: string; via: Auth["via"] } | null {
  if (authorization?.startsWith("Bearer ")) {
    const token = authorization.slice("Bearer ".length).trim();
    return token ? { token, via: "bearer" } : null;
  }
  const cookie = readCookie(cookieHeader ?? null, SESSION_COOKIE);
  return cookie ? { token: cookie, via: "cookie" } : null;
}

export function tokenFromRequest(request: Request): { token: string; via: Auth["via"] } | null {
  return tokenFromHeaders(request.headers.get("Authorization"), request.headers.get("Cookie"));
}

/** The session behind a request; looked up once per HTTP request however many loaders ask. */
export function getAuth(request: Request): Promise<Auth | null> {
  return authFromHeaders(request.headers.get("Authorization"), request.headers.get("Cookie"));
}

/** The session behind an Authorization and a Cookie header (transports without a Fetch Request). */
export function authFromHeaders(authorization: string | null | undefined, cookieHeader: string | null | undefined): Promise<Auth | null> {
  const credentials = tokenFromHeaders(authorization, cookieHeader);
  if (!credentials) return Promise.resolve(null);
  return oncePerRequest(`auth:${credentials.via}:${credentials.token}`, async () => {
    const resolved = await resolveSession(getDb(), credentials.token);
    if (!resolved) return null;
    return { user: resolved.user, sessionId: resolved.sessionId, liveUntil: resolved.liveUntil, token: credentials.token, via: credentials.via };
  });
}

export async function getOptionalUser(request: Request): Promise<PublicUser | null> {
  return (await getAuth(request))?.user ?? null;
}

export function assertRole(user: PublicUser, role: Role): void {
  if (!roleSatisfies(user.role, role)) {
    throw new AppError("FORBIDDEN", role === "ADMIN" ? "This page is for administrators." : "This page is for mentors.");
  }
}

/** Where a mentor's or an administrator's own work is, for the pages that only students have. */
const OWN_WORK: Record<Exclude<Role, "STUDENT">, string> = {
  MENTOR: "Yours is a mentor account: your work is in the review queue.",
  ADMIN: "Yours is an administrator account: the academy, the review pipeline and the mentors are in your menu.",
};

/**
 * For pages about a student's own record (skills, portfolio, the profiler): other roles have no
 * such record, so they are told so and where their own work is, instead of an empty student page.
 */
export async function requireStudent(request: Request, page: string): Promise<PublicUser> {
  const user = await requireUser(request);
  if (user.role !== "STUDENT") throw new AppError("FORBIDDEN", `${page} belongs to student accounts. ${OWN_WORK[user.role]}`);
  return user;
}

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  return redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
}

/** For loaders and actions of pages: anonymous visitors are sent to the log-in page and back. */
export async function requireUser(request: Request): Promise<PublicUser> {
  const user = await getOptionalUser(request);
  if (!user) throw loginRedirect(request);
  return user;
}

/**
 * For pages: a signed-in user without the role gets a 403 page, from a loader and from an action
 * alike (a thrown Response, which pageAction does not bring back to the form).
 */
export async function requireRole(request: Request, role: Role): Promise<PublicUser> {
  const user = await requireUser(request);
  try {
    assertRole(user, role);
  } catch (error) {
    throw errorResponse(error);
  }
  return user;
}

/** For REST routes: 401 JSON instead of a redirect. */
export async function requireApiUser(request: Request): Promise<Auth> {
  const auth = await getAuth(request);
  if (!auth) throw new AppError("UNAUTHENTICATED", "Log in first: send a session cookie or an Authorization: Bearer token.");
  return auth;
}

export async function requireApiRole(request: Request, role: Role): Promise<Auth> {
  const auth = await requireApiUser(request);
  assertRole(auth.user, role);
  return auth;
}
