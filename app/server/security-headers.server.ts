import crypto from "node:crypto";
import type { ServerResponse } from "node:http";
import type express from "express";
import helmet from "helmet";

/**
 * Powerful browser features no page of ours uses: neither a script that got in nor a frame a
 * page embeds can reach them. Every name is one Chromium recognises (an unknown one costs a
 * console error on every page).
 */
export const PERMISSIONS_POLICY = [
  "accelerometer",
  "browsing-topics",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

export interface SecurityHeaderOptions {
  /** HSTS is sent only by the production server, which runs behind HTTPS. */
  production: boolean;
  /** Origins the browser may send requests to besides ours (UploadThing's ingest host). */
  connectSources?: string[];
}

/** The nonce of this answer's inline scripts (root.tsx puts it on each one). */
export function cspNonce(res: ServerResponse): string {
  return (res as express.Response).locals.cspNonce as string;
}

/**
 * The headers every answer carries (helmet), with a Content-Security-Policy whose script-src
 * allows our own files and the inline scripts that carry this answer's nonce, and nothing else.
 *
 * style-src allows 'unsafe-inline': React renders `style` props as attributes in the server's
 * HTML (progress bars' widths), and the API reference page injects its stylesheet at run time;
 * neither can carry a nonce, and inline styles cannot run script.
 */
export function securityHeaders(options: SecurityHeaderOptions): express.RequestHandler[] {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${cspNonce(res)}'`],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", ...(options.connectSources ?? [])],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: options.production ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: false } : false,
    // The cross-site request check (app/utils/csrf.ts) falls back to Referer when a browser
    // sends no Origin: it must keep carrying our origin on same-origin requests.
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    xFrameOptions: { action: "deny" },
  });
  return [
    (_req, res, next) => {
      res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
      next();
    },
    headers,
    (_req, res, next) => {
      res.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
      next();
    },
  ];
}

/**
 * Remix's Express adapter appends each header of a route's answer to those already set, so an
 * answer that sets its own Content-Security-Policy, X-Content-Type-Options or Cache-Control
 * would carry two. Here a route's header replaces the default of the same name (Set-Cookie alone
 * is added to). The page policy is for HTML: any other answer (an evidence download, JSON) keeps
 * only the policy its route set: a PDF is shown by the browser's viewer, which `object-src
 * 'none'` would block (ADR 006).
 */
export function routeHeadersReplaceDefaults(): express.RequestHandler {
  return (_req, res, next) => {
    const pagePolicy = res.getHeader("Content-Security-Policy");
    const append = res.append.bind(res);
    res.append = function (this: express.Response, field: string, value?: string | string[]) {
      const name = field.toLowerCase();
      if (name !== "set-cookie") this.removeHeader(field);
      if (name === "content-type" && !/^text\/html\b/i.test(String(value)) && this.getHeader("Content-Security-Policy") === pagePolicy) {
        this.removeHeader("Content-Security-Policy");
      }
      return append(field, value);
    };
    next();
  };
}
