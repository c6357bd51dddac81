// @ts-check
/**
 * The production server: Next's request handler behind Node's HTTP server, so that we control
 * what `next start` does not — which X-Forwarded-* headers are believed (the flood limits key on
 * the client's address), header and body timeouts, and a graceful stop on SIGTERM.
 */
import { createServer } from 'node:http';
import path from 'node:path';
import compression from 'compression';
import next from 'next';
import { listenAddress, readerPagesWithoutRuntime, redisSettings, trustedProxies as readTrustedProxies } from './lib/config/settings.mjs';
import { routeConsoleToLog, writeLog as serverLog } from './lib/server/log-line.mjs';
import { requestContext, trackRequest } from './lib/server/request-log.mjs';
import { sendWithoutClientRuntime } from './lib/server/client-runtime.mjs';
import { answerFromCache, cacheKey, captureForCache, PageCache, sharePageCache } from './lib/server/page-cache.mjs';
import { latePublicImages } from './lib/server/late-public-images.mjs';
import { answerRedirect } from './lib/server/redirects.mjs';
import { answerUnusualRequestTarget } from './lib/server/request-target.mjs';
import { applySecurityHeaders, isHttpsRequest, refuseMalformedPath } from './lib/server/security-headers.mjs';
import { encodeStringBodies } from './lib/server/string-body.mjs';

const SHUTDOWN_GRACE_MS = 10_000;

// stdout is JSON lines only (docs/operations.md): what Next.js prints becomes log lines too.
routeConsoleToLog();

// The same rules lib/env.ts applies (lib/config/settings.mjs): a bad value stops the server with its message.
/** @type {number} */ let port;
/** @type {string} */ let host;
/** @type {number} */ let trustedProxies;
/** @type {boolean} */ let sharedCache;
/** @type {boolean} */ let withoutRuntime;
try {
  ({ port, host } = listenAddress(process.env));
  trustedProxies = readTrustedProxies(process.env);
  sharedCache = redisSettings(process.env) !== null;
  withoutRuntime = readerPagesWithoutRuntime(process.env);
} catch (error) {
  serverLog('error', /** @type {Error} */ (error).message);
  process.exit(1);
}

/**
 * Rewrites X-Forwarded-For so its last entry is the address of the peer that connected to us.
 * With no trusted proxy, anything the client sent is dropped: it could say anything.
 * @param {import('node:http').IncomingMessage} req
 */
function normaliseForwardedHeaders(req) {
  const peer = req.socket.remoteAddress ?? '';
  const sent = req.headers['x-forwarded-for'];
  if (trustedProxies === 0) {
    delete req.headers['x-forwarded-proto'];
    delete req.headers['x-forwarded-host'];
    delete req.headers['x-forwarded-port'];
    req.headers['x-forwarded-for'] = peer;
  } else {
    req.headers['x-forwarded-for'] = sent ? `${Array.isArray(sent) ? sent.join(', ') : sent}, ${peer}` : peer;
  }
}

/**
 * Request headers that make Next answer before any route runs, and that no page of this site sends:
 * with `x-middleware-prefetch` (meant for prefetching pages behind a proxy.ts; this site's proxy.ts only answers 404
 * for made-up addresses and never needs it) every path, POST /api/comments included, answers an empty 200 — it would
 * read as accepted.
 */
const NEXT_SHORT_CIRCUIT_HEADERS = ['x-middleware-prefetch'];

/**
 * Compression (gzip or Brotli, by Accept-Encoding), here rather than inside Next (`compress: false` in
 * next.config.js), so the page policy sees a page's text before it is compressed (its inline scripts' hashes).
 */
const compress = compression();

/**
 * Cached pages answered without Next (lib/server/page-cache.mjs), on a single server. With several (REDIS_URL), an
 * approval or a publish on one must show on the next request to any other, which only the shared Next cache gives:
 * there the fast path is off, and nginx in front (deploy/nginx.conf) keeps pages instead.
 */
const pageCache = sharedCache ? undefined : new PageCache();
if (pageCache) sharePageCache(pageCache);
const app = next({ dev: false, hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

// Images published after start (Next lists public/ only once): lib/server/late-public-images.mjs.
const answerLateImage = latePublicImages(path.join(process.cwd(), 'public'));

let inFlight = 0;
// Node enforces requestTimeout and headersTimeout when it checks, every connectionsCheckingInterval
// (30 s by default): a stalled client would keep its connection up to 30 s longer. Check every second.
const server = createServer({ requestTimeout: 30_000, headersTimeout: 15_000, connectionsCheckingInterval: 1_000, maxHeaderSize: 16 * 1024 }, (req, res) => {
  inFlight += 1;
  res.on('close', () => {
    inFlight -= 1;
  });
  normaliseForwardedHeaders(req);
  for (const name of NEXT_SHORT_CIRCUIT_HEADERS) delete req.headers[name];
  const requestId = trackRequest(req, res);
  const https = isHttpsRequest(req, process.env.SITE_URL);
  // A reader's page request (no session or draft cookie, no RSC or prefetch header): shareable, and sent without Next's
  // client runtime (lib/server/client-runtime.mjs).
  const readerKey = cacheKey(req, https);
  const key = pageCache ? readerKey : undefined;
  const cached = key === undefined ? undefined : pageCache?.get(key);
  if (cached && pageCache) {
    answerFromCache(pageCache, cached, req, res, requestId);
    return;
  }
  res.setHeader('X-Request-Id', requestId);
  // Wrappers of res.end, innermost first: compression, then pages as bytes, then the page policy (which reads
  // the page's text as readers get it), then the fast path's copy of a shareable page, then, outermost, a reader
  // page's HTML without Next's client runtime.
  compress(req, res, () => undefined);
  // Cached pages leave Next as one string; sent as bytes they are served at the same rate whatever their size.
  encodeStringBodies(res);
  applySecurityHeaders(req, res, { siteUrl: process.env.SITE_URL });
  if (key !== undefined && pageCache) captureForCache(pageCache, key, res);
  if (readerKey !== undefined && withoutRuntime) sendWithoutClientRuntime(res);
  if (answerUnusualRequestTarget(req, res, { siteUrl: process.env.SITE_URL })) return;
  if (refuseMalformedPath(req, res)) return;
  // Old addresses (a WordPress site's, content/redirects.json): one 301, before Next's trailing-slash 308.
  if (answerRedirect(req, res)) return;
  if (answerLateImage(req, res)) return;
  requestContext.run({ requestId }, () => handle(req, res)).catch((/** @type {unknown} */ error) => {
    serverLog('error', 'unhandled request error', { requestId, error });
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader('content-type', 'application/json');
      res.end('{"error":{"code":"internal","message":"Something went wrong on our side. Please try again later."}}');
    }
  });
});
server.keepAliveTimeout = 5_000;

server.listen(port, host, () => {
  serverLog('info', 'ready', { trustedProxies }, { url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}` });
});

/** Stop accepting, let requests in flight finish (bounded), close the database, exit. */
async function shutdown(/** @type {string} */ signal) {
  serverLog('info', 'stopping: finishing the requests in flight', { signal, inFlight });
  server.close();
  server.closeIdleConnections();
  const deadline = Date.now() + SHUTDOWN_GRACE_MS;
  while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  server.closeAllConnections();
  /** @type {{ __eurasianStarDatabase?: Promise<{ close(): Promise<void> }> }} */
  const holder = /** @type {any} */ (globalThis);
  try {
    await (await holder.__eurasianStarDatabase)?.close();
  } catch (error) {
    serverLog('error', 'closing the database failed', { error });
  }
  process.exit(0);
}

process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
