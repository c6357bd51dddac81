// @ts-check
/**
 * The request target (the second word of the request line), brought to the one form Next is built for:
 * a path starting with `/`, optionally with a query. HTTP/1.1 allows three more forms (RFC 9112 §3.2):
 * - `*` (asterisk-form), only for a server-wide `OPTIONS`: Next cannot parse it and answered 500 with a stack
 *   trace in the log; it is answered here.
 * - `http://host/path` (absolute-form), meant for proxies: Next took the authority from it and redirected the
 *   reader to whatever host it named (`GET http://evil.example/about` answered 308 to evil.example). The
 *   authority must be the site's own (the Host header, or SITE_URL's host); the request then goes on with the
 *   path and query alone. Any other authority is refused: this server is not a proxy.
 * - `host:port` (authority-form), only for CONNECT, which Node never hands to the request handler.
 * Anything else is refused with 400 before it reaches Next.
 */

/** What a server-wide OPTIONS (and an OPTIONS of any page) may use here. */
export const ALLOWED_METHODS = 'GET, HEAD, POST, OPTIONS';

const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The origin-form target for `req.url`, or why it is refused.
 * @param {{ method?: string, url?: string, headers: Record<string, string | string[] | undefined> }} req
 * @param {{ siteUrl?: string }} options
 * @returns {{ kind: 'path', target: string } | { kind: 'options-server' } | { kind: 'refuse', message: string }}
 */
export function parseRequestTarget(req, { siteUrl }) {
  const target = req.url ?? '';
  if (target.startsWith('/')) return { kind: 'path', target };
  if (target === '*') {
    return req.method === 'OPTIONS' ? { kind: 'options-server' } : { kind: 'refuse', message: 'The request target * is only for OPTIONS.' };
  }
  if (!ABSOLUTE_FORM.test(target)) return { kind: 'refuse', message: 'The request target must be a path starting with /.' };
  let url;
  try {
    url = new URL(target);
  } catch {
    return { kind: 'refuse', message: 'The request target is not a valid address.' };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    return { kind: 'refuse', message: 'The request target is not an http address of this site.' };
  }
  if (!ownAuthorities(req.headers.host, siteUrl).has(url.host.toLowerCase())) {
    return { kind: 'refuse', message: 'This server answers only for its own address; it is not a proxy.' };
  }
  // The path as sent, not as the URL parser normalised it (dot segments, percent-encoding): Next judges it.
  const afterScheme = target.slice(target.indexOf('//') + 2);
  const start = afterScheme.search(/[/?#]/);
  const rest = start === -1 ? '' : afterScheme.slice(start).replace(/#.*$/s, '');
  return { kind: 'path', target: rest.startsWith('/') ? rest : `/${rest}` };
}

/**
 * The authorities (host[:port], lower case) that name this site: the Host header it was reached by, and SITE_URL's.
 * @param {string | string[] | undefined} hostHeader
 * @param {string | undefined} siteUrl
 */
function ownAuthorities(hostHeader, siteUrl) {
  const own = new Set();
  const host = Array.isArray(hostHeader) ? hostHeader[0] : hostHeader;
  if (host) own.add(host.trim().toLowerCase());
  if (siteUrl) {
    try {
      own.add(new URL(siteUrl).host.toLowerCase());
    } catch {
      // SITE_URL is validated at start (lib/env.ts); a bad one simply names nothing here
    }
  }
  return own;
}

/**
 * Answers a request whose target is not a path (see above), or rewrites an absolute-form target of this site
 * to its path. Returns true when it answered.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ siteUrl?: string }} options
 */
export function answerUnusualRequestTarget(req, res, options) {
  const parsed = parseRequestTarget(req, options);
  if (parsed.kind === 'path') {
    req.url = parsed.target;
    return false;
  }
  res.setHeader('Cache-Control', 'no-store');
  if (parsed.kind === 'options-server') {
    res.statusCode = 204;
    res.setHeader('Allow', ALLOWED_METHODS);
    res.end();
    return true;
  }
  res.statusCode = 400;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(`Bad request: ${parsed.message}\n`);
  return true;
}
