import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type express from "express";
import { formatMiB } from "~/domain/file-types";
import { AppError } from "~/utils/errors";

/**
 * The largest request body a JSON request or a web form may have, on every route that does not
 * set its own limit (the evidence upload does). The autosave's notes, the largest JSON anyone
 * sends, stay well below it.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A route's body limit and the refusal a larger body gets. */
export interface BodyLimit {
  maxBytes: number;
  tooLarge: () => AppError;
}

export const DEFAULT_BODY_LIMIT: BodyLimit = {
  maxBytes: MAX_BODY_BYTES,
  tooLarge: () => new AppError("PAYLOAD_TOO_LARGE", `The request is too large: send at most ${formatMiB(MAX_BODY_BYTES)}.`, { maxBytes: MAX_BODY_BYTES }),
};

const REFUSED = Symbol("request body refused");

/**
 * Whether this answer is a body-limit refusal. The handler the request had reached by then
 * learns it when its read of the body fails: it has nothing left to answer and nothing to log.
 */
export function bodyWasRefused(res: express.Response): boolean {
  return (res.locals as Record<symbol, unknown>)[REFUSED] === true;
}

/**
 * Refuses every request body over its route's limit with a 413 before it is buffered: a body
 * that announces a larger Content-Length is refused before a byte of it is read, and one sent
 * without a length (chunked) is counted as it arrives and refused at the byte that passes the
 * limit, whoever is reading it (REST, tRPC, a page's form, an upload).
 *
 * The rest of a refused body is never read, so the answer says `Connection: close` and the
 * connection ends after it: a keep-alive client opens a new one for its next request instead of
 * meeting a connection that was reset under it.
 */
export function limitRequestBodies(options: {
  limitOf: (req: express.Request) => BodyLimit;
  /** Writes an error answer (the app's one error rendering: JSON, or text for pages). */
  answer: (req: express.Request, res: express.Response, error: AppError) => void;
}): express.RequestHandler {
  return (req, res, next) => {
    const limit = options.limitOf(req);
    const refuse = () => {
      (res.locals as Record<symbol, unknown>)[REFUSED] = true;
      // An answer already under way cannot become a 413: the connection is all that can end.
      if (res.headersSent) {
        req.socket.destroy();
        return;
      }
      res.setHeader("Connection", "close");
      lingerBeforeClosing(req.socket);
      options.answer(req, res, limit.tooLarge());
    };
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit.maxBytes) return refuse();
    // A Content-Length the parser holds the body to; only a body without one needs counting.
    if (req.headers["transfer-encoding"] !== undefined) countBody(req, limit.maxBytes, refuse);
    next();
  };
}

/** How long a refused body's connection keeps discarding what the client still sends. */
const LINGER_MS = 2_000;

/**
 * Node closes a `Connection: close` answer's socket as soon as the answer is written. With the
 * rest of a refused body still arriving, that close resets the connection, and a client still
 * sending may lose the 413 to the reset. Instead the socket half-closes and keeps discarding what
 * arrives until the client closes its side (it stops sending once it reads the answer), for
 * LINGER_MS at most: what web servers call a lingering close.
 */
function lingerBeforeClosing(socket: Socket): void {
  socket.destroySoon = function destroyAfterLingering(this: Socket) {
    this.end();
    const timer = setTimeout(() => this.destroy(), LINGER_MS).unref();
    this.once("end", () => this.destroy());
    this.once("close", () => clearTimeout(timer));
  };
}

/**
 * Counts the body's bytes where Node hands them to the request stream, ahead of every reader.
 * Past the limit nothing more reaches the readers, not even the end of the body (a truncated
 * form must not be taken for a whole one): they wait until the connection closes after the 413,
 * and their read fails then.
 */
function countBody(req: IncomingMessage, maxBytes: number, onTooLarge: () => void): void {
  const push = req.push.bind(req);
  let received = 0;
  let refused = false;
  req.push = (chunk: Buffer | null, encoding?: BufferEncoding) => {
    if (refused) return true;
    if (chunk !== null) {
      received += chunk.length;
      if (received > maxBytes) {
        refused = true;
        onTooLarge();
        return true;
      }
    }
    return push(chunk, encoding);
  };
}
