// @ts-check
/**
 * The security headers every response carries, set by server.mjs before Next handles the request
 * (pages, API, static files, feeds, cards, redirects and errors alike), and the cookie rules every
 * Set-Cookie is brought up to. Why each Content-Security-Policy allowance exists: docs/security.md.
 */
import { hashesForPage, newNonce } from './script-policy.mjs';

/**
 * The Content-Security-Policy of a page. No 'unsafe-inline': an inline script runs only when it carries this
 * response's nonce (pages rendered per request: Next adds it to its own scripts) or its hash is listed (pages
 * prerendered once and served to everyone; see script-policy.mjs). 'self' keeps Next's script files loading.
 * Violations are reported to /api/csp-report (logged, rate-limited and size-capped there).
 * @param {{ https: boolean, nonce?: string, hashes?: string[] }} options
 */
export function contentSecurityPolicy({ https, nonce, hashes = [] }) {
  const scriptSources = ["'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...hashes];
  const directives = [
    "default-src 'self'",
    `script-src ${scriptSources.join(' ')}`,
    // Inline event-handler attributes (onerror=…) are the usual injection vector; Next and React never emit them.
    "script-src-attr 'none'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "child-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    `report-uri ${CSP_REPORT_PATH}`,
    `report-to ${CSP_REPORT_GROUP}`,
  ];
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** Where browsers send reports of what the policy blocked (app/api/csp-report). */
export const CSP_REPORT_PATH = '/api/csp-report';
/** The Reporting API's name for that endpoint (`Reporting-Endpoints`). */
export const CSP_REPORT_GROUP = 'csp';

/**
 * The policy for anything that is not an HTML page (cards, images, feeds, JSON) when a browser opens it
 * directly: nothing may load or run, and the browser's own image or XML viewer may style itself.
 */
export const RESOURCE_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

/** Browser features the site never uses, switched off for it and anything it could be made to embed. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/** Two years; subdomains included; no `preload` (that is a decision for whoever owns the domain). */
export const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * The headers for one response.
 * @param {{ https: boolean, nonce?: string }} options
 * @returns {[string, string][]}
 */
export function securityHeaders({ https, nonce }) {
  /** @type {[string, string][]} */
  const headers = [
    ['Content-Security-Policy', contentSecurityPolicy({ https, nonce })],
    ['Reporting-Endpoints', `${CSP_REPORT_GROUP}="${CSP_REPORT_PATH}"`],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Permissions-Policy', PERMISSIONS_POLICY],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['X-DNS-Prefetch-Control', 'off'],
  ];
  if (https) headers.push(['Strict-Transport-Security', HSTS]);
  return headers;
}

/**
 * Whether the client reached the site over https: the public address is https (SITE_URL), or a
 * trusted proxy says so. server.mjs drops X-Forwarded-Proto before this runs when TRUST_PROXY is 0.
 * @param {import('node:http').IncomingMessage} req
 * @param {string | undefined} siteUrl
 */
export function isHttpsRequest(req, siteUrl) {
  if (siteUrl && /^https:/i.test(siteUrl.trim())) return true;
  const proto = req.headers['x-forwarded-proto'];
  const last = (Array.isArray(proto) ? proto.join(',') : (proto ?? '')).split(',').pop()?.trim().toLowerCase();
  return last === 'https';
}

/**
 * One Set-Cookie value brought up to the site's rules: HttpOnly (no script reads any of the site's
 * cookies), SameSite=Lax (None is lowered: nothing here is meant to be sent from other sites), and
 * Secure whenever the request came over https.
 * @param {string} cookie
 * @param {{ https: boolean }} options
 */
export function hardenCookie(cookie, { https }) {
  const parts = cookie.split(';').map((part) => part.trim());
  const has = (/** @type {string} */ name) => parts.some((part) => part.toLowerCase().split('=')[0] === name);
  const out = parts.filter((part) => !/^samesite\s*=\s*none$/i.test(part));
  if (!has('httponly')) out.push('HttpOnly');
  if (!out.some((part) => /^samesite\s*=/i.test(part))) out.push('SameSite=Lax');
  if (https && !has('secure')) out.push('Secure');
  return out.join('; ');
}

/**
 * Sets the security headers on `res` and makes every cookie it later sets follow hardenCookie. A response
 * that turns out not to be HTML gets RESOURCE_POLICY instead of the page policy. Next's own headers, set
 * afterwards, win where they overlap (the image optimiser's policy, from next.config.js).
 *
 * The page policy carries a nonce made for this response, handed to Next as the request's own
 * Content-Security-Policy header (which is where Next looks for it: whatever a client sent there is replaced).
 * A page sent whole in one `end()` (a cached page) also gets the hashes of its inline scripts. Call it after any
 * wrapper of `res.end` that must see the page's text after this one (compression, byte encoding).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ siteUrl: string | undefined }} options
 */
export function applySecurityHeaders(req, res, { siteUrl }) {
  const https = isHttpsRequest(req, siteUrl);
  const nonce = newNonce();
  req.headers['content-security-policy'] = `script-src 'nonce-${nonce}'`;
  delete req.headers['content-security-policy-report-only'];
  const pagePolicy = contentSecurityPolicy({ https, nonce });
  for (const [name, value] of securityHeaders({ https, nonce })) res.setHeader(name, value);
  const writeHead = res.writeHead;
  /** @type {any} */ (res).writeHead = function (/** @type {any[]} */ ...args) {
    // A 304 sends no body: the browser keeps the page it has and updates its stored headers from this answer.
    // The policy stored with that page names its scripts' hashes; this answer's own would not, so it sends none.
    if ((typeof args[0] === 'number' ? args[0] : res.statusCode) === 304) res.removeHeader('Content-Security-Policy');
    const type = String(res.getHeader('content-type') ?? '');
    if (type && !/^text\/html\b/i.test(type) && String(res.getHeader('content-security-policy')).startsWith("default-src 'self'")) {
      res.setHeader('Content-Security-Policy', RESOURCE_POLICY);
    }
    const cookies = res.getHeader('set-cookie');
    if (cookies !== undefined) {
      const list = Array.isArray(cookies) ? cookies : [String(cookies)];
      res.setHeader('set-cookie', list.map((cookie) => hardenCookie(cookie, { https })));
    }
    return writeHead.apply(res, /** @type {any} */ (args));
  };
  const end = res.end;
  /** @type {(this: import('node:http').ServerResponse, chunk?: unknown, ...rest: unknown[]) => import('node:http').ServerResponse} */
  function endWithHashes(chunk) {
    if (!res.headersSent && (typeof chunk === 'string' || Buffer.isBuffer(chunk)) && res.getHeader('content-security-policy') === pagePolicy) {
      const type = String(res.getHeader('content-type') ?? '');
      if (/^text\/html\b/i.test(type)) {
        const html = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
        const etag = res.getHeader('etag');
        const hashes = hashesForPage(html, typeof etag === 'string' ? etag : undefined);
        if (hashes.length > 0) res.setHeader('Content-Security-Policy', contentSecurityPolicy({ https, nonce, hashes }));
      }
    }
    return Reflect.apply(end, this, arguments);
  }
  res.end = /** @type {import('node:http').ServerResponse['end']} */ (endWithHashes);
}

/**
 * Answers 400 for a request whose path is not valid percent-encoding (Next would answer 500 for it on a
 * dynamic route). Returns true when it answered.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function refuseMalformedPath(req, res) {
  const pathname = (req.url ?? '/').split('?', 1)[0] ?? '/';
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    const body = pathname.startsWith('/api/')
      ? '{"error":{"code":"invalid_input","message":"The address is not valid percent-encoded text."}}'
      : 'Bad request: the address is not valid percent-encoded text.\n';
    res.statusCode = 400;
    res.setHeader('Content-Type', pathname.startsWith('/api/') ? 'application/json' : 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(body);
    return true;
  }
}
