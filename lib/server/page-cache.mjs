// @ts-check
/**
 * The fast path: a small in-process cache of shareable responses in front of Next, with the rules nginx follows in
 * deploy/nginx.conf. Next answers a cached page only after its whole per-request pipeline (about 1 ms of CPU and a
 * few hundred requests/s for a 60 KB article here); a page that has not changed since it was rendered needs none of
 * it. What is kept:
 * - only answers to GET/HEAD requests that carry no session or draft-mode cookie, no RSC or router-prefetch header
 *   and no `_rsc` query, for a page path (not /api/, /_next/, cards or previews);
 * - only 200 answers Next marks shareable (`Cache-Control` with `s-maxage`), without Set-Cookie, sent whole in one
 *   `end()`: the page's bytes, its headers, and its gzip and Brotli forms, each compressed once, when first asked for;
 * - until any revalidation in this process (an approval, a publish: invalidate()), for at most `ttlMs`, within
 *   `maxBytes` in all (least recently used go first).
 * After invalidate() nothing is stored for `quietMs`: Next applies a revalidation just after the answer that made it,
 * and a page it served in between must not be kept. Every answer from here says so in `X-Page-Cache: hit`.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Cookies that make a request personal (as deploy/nginx.conf): an editor's session, draft mode. */
const PRIVATE_COOKIE = /(^|;\s*)((__Secure-)?next-auth\.session-token|__prerender_bypass)=/;
/** Request headers with which Next answers something else than the page (RSC payloads, prefetches). */
const ROUTER_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-action'];
/** Paths that are never pages to share: APIs, Next's own files (it serves them itself), cards, the editors' pages. */
const NOT_PAGES = /^\/(api|_next|og|hero|editor|review)(\/|$)/;
/** Headers of the stored answer that belong to one response or one encoding, not to the page. */
const PER_RESPONSE = new Set(['x-request-id', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'x-page-cache']);
const SHARED = Symbol.for('eurasian-star.page-cache');

/**
 * When to forget every page again after a revalidation, in ms. Next applies the revalidation that a route handler
 * asks for only after its answer is sent (waitUntil), and on a busy machine that has taken seconds: a page Next served
 * from its old copy in between, and the fast path kept once its quiet moment was over, would have stayed a minute.
 */
export const INVALIDATE_AGAIN_MS = [1_000, 5_000];

/** Forgets every page the fast path keeps in this process (a page changed: an approval, a publish), now and again shortly. */
export function invalidatePageCache() {
  const cache = /** @type {{ [SHARED]?: PageCache }} */ (/** @type {unknown} */ (globalThis))[SHARED];
  if (!cache) return;
  cache.invalidate();
  for (const ms of INVALIDATE_AGAIN_MS) setTimeout(() => cache.invalidate(), ms).unref();
}

/**
 * Makes `cache` the one invalidatePageCache() reaches (server.mjs and the app run in one process).
 * @param {PageCache} cache
 */
export function sharePageCache(cache) {
  /** @type {{ [SHARED]?: PageCache }} */ (/** @type {unknown} */ (globalThis))[SHARED] = cache;
}

/**
 * @typedef {{ body: Buffer; etag: string | undefined; headers: [string, string][]; storedAt: number; bytes: number; gzip?: Buffer; br?: Buffer; wire: Map<string, string[]> }} Entry
 */

/**
 * The cache key of a request the fast path may answer, or undefined when it must go to Next.
 * @param {{ method?: string; url?: string; headers: Record<string, string | string[] | undefined> }} req
 * @param {boolean} https
 */
export function cacheKey(req, https) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  const url = req.url ?? '/';
  if (!url.startsWith('/') || NOT_PAGES.test(url) || /[?&]_rsc=/.test(url)) return undefined;
  for (const name of ROUTER_HEADERS) if (req.headers[name] !== undefined) return undefined;
  const cookie = req.headers.cookie;
  if (cookie && PRIVATE_COOKIE.test(Array.isArray(cookie) ? cookie.join('; ') : cookie)) return undefined;
  return `${https ? 's' : 'h'}${url}`;
}

/**
 * The encoding to answer with: Brotli or gzip when the client takes it (q > 0), else none.
 * @param {string | string[] | undefined} acceptEncoding
 * @returns {'br' | 'gzip' | undefined}
 */
export function chooseEncoding(acceptEncoding) {
  const value = (Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '')).toLowerCase();
  const accepts = (/** @type {string} */ coding) => {
    const match = new RegExp(`(?:^|,)\\s*${coding}\\s*(?:;\\s*q\\s*=\\s*([0-9.]+))?\\s*(?:,|$)`).exec(value);
    return match !== null && (match[1] === undefined || Number(match[1]) > 0);
  };
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return undefined;
}

/** Whether a stored ETag matches an If-None-Match header (`*`, or one of its list, weak or strong). */
function matchesEtag(/** @type {string | undefined} */ etag, /** @type {string | string[] | undefined} */ ifNoneMatch) {
  if (!etag || !ifNoneMatch) return false;
  const list = (Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch).split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  return list.includes('*') || list.includes(etag.replace(/^W\//, ''));
}

export class PageCache {
  /** @param {{ maxBytes?: number; maxEntryBytes?: number; ttlMs?: number; quietMs?: number; now?: () => number }} [options] */
  constructor({ maxBytes = 64 * 1024 * 1024, maxEntryBytes = 2 * 1024 * 1024, ttlMs = 60_000, quietMs = 2_000, now = Date.now } = {}) {
    this.maxBytes = maxBytes;
    this.maxEntryBytes = maxEntryBytes;
    this.ttlMs = ttlMs;
    this.quietMs = quietMs;
    this.now = now;
    /** @type {Map<string, Entry>} */
    this.entries = new Map();
    this.bytes = 0;
    this.quietUntil = 0;
  }

  /** Forgets every page (a revalidation happened), and stores nothing for a moment. */
  invalidate() {
    this.entries.clear();
    this.bytes = 0;
    this.quietUntil = this.now() + this.quietMs;
  }

  /**
   * The stored answer for `key`, if fresh.
   * @param {string} key
   */
  get(key) {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt > this.ttlMs) {
      this.delete(key);
      return undefined;
    }
    // Most recently used last: a Map keeps insertion order, so the first key is the one to evict.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * Keeps a 200 answer if it may be shared; returns whether it was kept.
   * @param {string} key
   * @param {{ statusCode: number; headers: Record<string, number | string | string[] | undefined>; body: Buffer }} answer
   */
  store(key, { statusCode, headers, body }) {
    if (statusCode !== 200 || this.now() < this.quietUntil) return false;
    if (!/\bs-maxage=/i.test(String(headers['cache-control'] ?? '')) || headers['set-cookie'] !== undefined) return false;
    if (body.length > this.maxEntryBytes) return false;
    /** @type {[string, string][]} */
    const kept = [];
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || PER_RESPONSE.has(name)) continue;
      // The policy as stored names the page's script hashes; the nonce was that one response's.
      if (name === 'content-security-policy') kept.push([name, String(value).replace(/ 'nonce-[^']*'/g, '')]);
      else if (name === 'vary') kept.push([name, /accept-encoding/i.test(String(value)) ? String(value) : `${value}, Accept-Encoding`]);
      else for (const one of Array.isArray(value) ? value : [value]) kept.push([name, String(one)]);
    }
    if (headers.vary === undefined) kept.push(['vary', 'Accept-Encoding']);
    const etag = headers.etag === undefined ? undefined : String(headers.etag);
    this.delete(key);
    /** @type {Entry} */
    const entry = { body, etag, headers: kept, storedAt: this.now(), bytes: body.length, wire: new Map() };
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    this.trim();
    return true;
  }

  /** Evicts the least recently used entries until the cache is within maxBytes (the newest is kept). */
  trim() {
    while (this.bytes > this.maxBytes && this.entries.size > 1) this.delete(/** @type {string} */ (this.entries.keys().next().value));
  }

  /** @param {string} key */
  delete(key) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  /**
   * The entry's body in `encoding`, compressed the first time it is asked for (counted in the cache's size).
   * @param {Entry} entry
   * @param {'br' | 'gzip' | undefined} encoding
   */
  encoded(entry, encoding) {
    if (encoding === undefined) return entry.body;
    let bytes = entry[encoding];
    if (!bytes) {
      bytes =
        encoding === 'br'
          ? brotliCompressSync(entry.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: entry.body.length } })
          : gzipSync(entry.body, { level: 9 });
      entry[encoding] = bytes;
      entry.bytes += bytes.length;
      this.bytes += bytes.length;
      this.trim();
    }
    return bytes;
  }
}

/**
 * Keeps what Next sends for `key` in `cache` when it may be shared. Call it after every other wrapper of `res.end`:
 * it must see the page as Next hands it over, and the headers as the other wrappers left them.
 * @param {PageCache} cache
 * @param {string} key
 * @param {import('node:http').ServerResponse} res
 */
export function captureForCache(cache, key, res) {
  const end = res.end;
  let wrote = false;
  const write = res.write;
  res.write = /** @type {any} */ (function (/** @type {any[]} */ ...args) {
    wrote = true;
    return Reflect.apply(write, res, args);
  });
  /** @type {(this: import('node:http').ServerResponse, chunk?: unknown, ...rest: unknown[]) => import('node:http').ServerResponse} */
  function endAndKeep(chunk) {
    const result = Reflect.apply(end, this, arguments);
    // Only a page sent whole: a streamed one (written in parts) is rendered per request anyway.
    if (!wrote && (typeof chunk === 'string' || Buffer.isBuffer(chunk)) && chunk.length > 0) {
      cache.store(key, { statusCode: res.statusCode, headers: res.getHeaders(), body: typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk });
    }
    return result;
  }
  res.end = /** @type {import('node:http').ServerResponse['end']} */ (endAndKeep);
}

/**
 * Answers `req` from `entry`: 304 when the client has this version, else the page in the encoding it takes, with the
 * headers Next and server.mjs gave it (security headers included: the key tells http from https), and this request's
 * id. The headers of each kind of answer are put together once per entry and handed to writeHead as one flat list:
 * with no header set before, Node writes them without looking at each.
 * @param {PageCache} cache
 * @param {Entry} entry
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} requestId
 */
export function answerFromCache(cache, entry, req, res, requestId) {
  const notModified = matchesEtag(entry.etag, req.headers['if-none-match']);
  const encoding = notModified ? undefined : chooseEncoding(req.headers['accept-encoding']);
  const body = notModified ? undefined : cache.encoded(entry, encoding);
  const wireKey = notModified ? '304' : (encoding ?? 'identity');
  let wire = entry.wire.get(wireKey);
  if (!wire) {
    /** @type {[string, string][]} */
    let headers = [...entry.headers, ['X-Page-Cache', 'hit']];
    // A 304 keeps the policy the browser stored with its copy (see security-headers.mjs): none is sent.
    if (notModified) headers = headers.filter(([name]) => name.toLowerCase() !== 'content-security-policy');
    else {
      if (encoding) headers.push(['Content-Encoding', encoding]);
      headers.push(['Content-Length', String(/** @type {Buffer} */ (body).length)]);
    }
    wire = headers.flat();
    entry.wire.set(wireKey, wire);
  }
  res.writeHead(notModified ? 304 : 200, [...wire, 'X-Request-Id', requestId]);
  res.end(notModified || req.method === 'HEAD' ? undefined : body);
}
