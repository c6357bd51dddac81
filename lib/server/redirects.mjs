// @ts-check
/**
 * The redirect table: old addresses (a WordPress site's permalinks, /?p=ID, categories, tags, authors, feeds) and
 * the site address each now lives at, kept in `<CONTENT_DIR>/redirects.json` (written by `npm run import:wordpress`,
 * editable by hand). server.mjs answers a match with a 301 before Next sees the request — before Next's own
 * trailing-slash 308, so an old /2013/01/11/slug/ is one 301 hop. The table is read at start (instrumentation.ts)
 * and again by every publish (lib/publish/publisher.ts), so a new import goes live with `npm run publish`, no restart.
 * A table that cannot be read leaves the previous one in place.
 */
import fs from 'node:fs';

const SHARED = Symbol.for('eurasian-star.redirects');
/** The id-style WordPress queries on the home address that name one thing: /?p=1, /?page_id=2, /?cat=3, /?tag=x, /?author=4. */
const QUERY_KEYS = ['p', 'page_id', 'cat', 'tag', 'author'];

/**
 * The lookup key of an address: the path percent-decoded (WordPress writes Cyrillic slugs encoded, in either case),
 * NFC, lower-cased, without trailing slashes; on the home address, the first id-style query (`/?p=123`).
 * @param {string} pathname
 * @param {string} [search]
 * @returns {string | undefined}
 */
export function redirectKey(pathname, search = '') {
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    path = pathname;
  }
  path = path.normalize('NFC').toLowerCase().replace(/\/{2,}/g, '/').replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/index.php') {
    const params = new URLSearchParams(search);
    for (const name of QUERY_KEYS) {
      const value = params.get(name);
      if (value) return `/?${name}=${value.toLowerCase()}`;
    }
    return undefined;
  }
  return path;
}

/**
 * Parses the table's JSON: `{ "version": 1, "redirects": { "<old address>": "/<new path>" } }`; throws on anything else.
 * @param {string} text
 * @returns {Map<string, string>}
 */
export function parseRedirectTable(text) {
  const data = JSON.parse(text);
  if (!data || data.version !== 1 || typeof data.redirects !== 'object' || data.redirects === null) throw new Error('expected {"version": 1, "redirects": {…}}');
  /** @type {Map<string, string>} */
  const table = new Map();
  for (const [from, to] of Object.entries(data.redirects)) {
    if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//')) throw new Error(`"${from}": the target must be a path on this site`);
    const [pathname = '', search = ''] = from.split('?');
    const key = redirectKey(pathname, search ? `?${search}` : '');
    if (key) table.set(key, to);
  }
  return table;
}

/**
 * (Re)reads the table from `file`; a missing file is an empty table. Returns how many entries are in force.
 * @param {string} file
 * @returns {number}
 */
export function loadRedirects(file) {
  const holder = /** @type {{ [SHARED]?: Map<string, string> }} */ (/** @type {unknown} */ (globalThis));
  try {
    holder[SHARED] = fs.existsSync(file) ? parseRedirectTable(fs.readFileSync(file, 'utf8')) : new Map();
  } catch (error) {
    console.error(`redirects: ${file} cannot be used (${/** @type {Error} */ (error).message}); the previous table stays in force`);
  }
  return holder[SHARED]?.size ?? 0;
}

/**
 * The address to send a GET or HEAD request to, or undefined.
 * @param {{ method?: string; url?: string }} req
 * @returns {string | undefined}
 */
export function findRedirect(req) {
  const table = /** @type {{ [SHARED]?: Map<string, string> }} */ (/** @type {unknown} */ (globalThis))[SHARED];
  if (!table || table.size === 0 || (req.method !== 'GET' && req.method !== 'HEAD')) return undefined;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  const key = redirectKey(pathname, q < 0 ? '' : url.slice(q));
  const target = key === undefined ? undefined : table.get(key);
  // An entry that names the address itself (a category kept under its WordPress slug) answers only its variants.
  return target && target !== pathname ? target : undefined;
}

/**
 * Answers a request the table knows with a 301; true when it did.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function answerRedirect(req, res) {
  const target = findRedirect(req);
  if (!target) return false;
  res.statusCode = 301;
  res.setHeader('Location', encodeURI(target));
  res.setHeader('Cache-Control', 'public, max-age=86400');
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(req.method === 'HEAD' ? undefined : `Moved permanently to ${target}\n`);
  return true;
}
