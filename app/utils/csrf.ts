const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface CsrfRequest {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  referer: string | undefined;
  secFetchSite: string | undefined;
  hasCookieSession: boolean;
  /** A non-empty `Authorization: Bearer` token, which then authenticates the request. */
  hasBearerToken: boolean;
}

/**
 * Whether a state-changing request may have been forged by another site. Cookies are
 * SameSite=Lax already; this adds an Origin check for every non-GET request that rides on the
 * session cookie. A request with a bearer token is authenticated by that token, never by the
 * cookie, and no other site can make a browser send an Authorization header (that needs CORS,
 * which this app does not grant): it passes, also from a client that keeps cookies. Anonymous
 * requests (log-in, sign-up, signed webhooks) carry no ambient authority, but log-in and sign-up
 * are still checked when a browser tells us where it comes from, so no site can log a visitor
 * into another account.
 */
export function isCrossSiteRequest(request: CsrfRequest): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  if (request.hasBearerToken) return false;
  if (request.secFetchSite) {
    if (request.secFetchSite === "same-origin" || request.secFetchSite === "none") return false;
    if (request.secFetchSite === "cross-site" || request.secFetchSite === "same-site") return true;
  }
  const source = request.origin ?? request.referer;
  if (!source) return request.hasCookieSession; // old browsers without Origin: only refuse when a session is at stake
  if (source === "null") return true;
  try {
    return new URL(source).host !== request.host;
  } catch {
    return true;
  }
}
