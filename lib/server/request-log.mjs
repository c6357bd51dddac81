// @ts-check
/**
 * One JSON line per request that matters, written by server.mjs when the response is done:
 * every request except a successful one for a static file (build assets, files under public/).
 * Fields: time, level, msg "request", requestId, method, path (no query string, secret segments
 * replaced by their name), status, durationMs, and `aborted` when the client went away first.
 * Never an address, cookie, header value, query string or body. See docs/operations.md.
 */
import { randomUUID } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';
import { logLine, writeLineSoon } from './log-line.mjs';

/** Paths whose segments are secrets, and what each is logged as. */
const SECRET_SEGMENTS = [
  [/^\/review\/[^/]+/, '/review/[token]'],
];

/** Build assets and files under public/: logged only when they fail. */
const STATIC_PATH = /^\/(_next\/static\/|images\/|favicon\.ico$|icon\.svg$|robots\.txt$)/;

const MAX_PATH_LENGTH = 256;

/** An incoming X-Request-Id is kept when it is short and plain; otherwise the site makes one. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The request's id: a sane incoming X-Request-Id (a proxy's), or a fresh UUID.
 * @param {string | string[] | undefined} incoming
 */
export function requestIdFrom(incoming) {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * The path as logged: no query string or fragment, secret segments named instead of shown, bounded length.
 * @param {string | undefined} url
 */
export function loggedPath(url) {
  let path = (url ?? '/').split(/[?#]/, 1)[0] || '/';
  for (const [pattern, replacement] of SECRET_SEGMENTS) path = path.replace(/** @type {RegExp} */ (pattern), /** @type {string} */ (replacement));
  return path.length > MAX_PATH_LENGTH ? `${path.slice(0, MAX_PATH_LENGTH)}…` : path;
}

/**
 * Whether a finished request gets a line.
 * @param {string} path
 * @param {number} status
 */
export function shouldLog(path, status) {
  return status >= 400 || !STATIC_PATH.test(path);
}

/** @param {number} status */
const levelFor = (status) => (status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info');

/**
 * The request context lib/log.ts reads (through globalThis) so that the app's own log lines carry the request id.
 * @type {AsyncLocalStorage<{ requestId: string }>}
 */
export const requestContext = /** @type {any} */ (globalThis).__eurasianStarRequestContext ??= new AsyncLocalStorage();

/**
 * Starts the clock for one request: gives it an id, and logs its line when the response is done. Returns the id, which
 * the caller echoes in X-Request-Id (server.mjs: with the other headers of a fast answer, or with setHeader);
 * run the handler inside requestContext.run({ requestId }, …).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {(line: string) => void} [write]
 */
export function trackRequest(req, res, write = writeLineSoon) {
  const started = process.hrtime.bigint();
  const requestId = requestIdFrom(req.headers['x-request-id']);
  req.headers['x-request-id'] = requestId;
  const method = req.method ?? 'GET';
  const path = loggedPath(req.url);
  let done = false;
  const finish = (/** @type {boolean} */ aborted) => {
    if (done) return;
    done = true;
    const status = res.statusCode;
    if (!aborted && !shouldLog(path, status)) return;
    const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
    /** @type {Record<string, unknown>} */
    const fields = { requestId, method, path, status, durationMs };
    if (aborted) fields.aborted = true;
    write(logLine(aborted ? 'warn' : levelFor(status), 'request', fields));
  };
  res.on('finish', () => finish(false));
  res.on('close', () => finish(!res.writableFinished));
  return requestId;
}
