// @ts-check
/**
 * Which inline scripts a page may run, without 'unsafe-inline'. Next puts its bootstrap inline (the RSC payload
 * `self.__next_f.push(…)`, the Turbopack chunk list); a page rendered for this request carries this request's nonce
 * on each of them, and a page prerendered once and served to everyone (most of this site) cannot: its inline
 * scripts are allowed by their SHA-256 hashes instead, taken from the HTML as it is sent and memoised per page
 * version (Next's ETag), so a cached page costs one lookup.
 *
 * Only scripts of the shapes Next writes are hashed — a call of one of its three bootstrap functions whose argument
 * is pure JSON — so a script that an HTML-injection bug let into a prerendered page is not blessed by being there:
 * it has neither nonce nor hash, and does not run. One of Next's shapes carrying injected JSON can only add data to
 * the page's RSC stream, never run code.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A fresh nonce for one response (128 bits, as CSP asks for at least). */
export const newNonce = () => randomBytes(16).toString('base64');

// A script element as React and Next write it: `<script …>text</script>`. The text of a script is raw (no
// character references), so what lies between the tags is exactly what the browser hashes.
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
// Data blocks (JSON-LD, JSON) are never executed, so the policy need not name them.
const DATA_TYPE = /\btype\s*=\s*["']?(?!(?:text|application)\/(?:java|ecma)script|module\b)[^"'\s>]/i;

/** The bootstrap calls Next writes inline, each taking one JSON argument. */
const NEXT_BOOTSTRAP = [
  /^self\.__next_f\.push\(([\s\S]*)\)$/,
  /^\(self\.__next_f=self\.__next_f\|\|\[\]\)\.push\(([\s\S]*)\)$/,
  /^\(globalThis\["TURBOPACK"\] \|\| \(globalThis\["TURBOPACK"\] = \[\]\)\)\.push\(([\s\S]*)\);?$/,
];

/**
 * Whether an inline script is one of Next's bootstrap calls with a JSON argument.
 * @param {string} text
 */
export function isNextBootstrap(text) {
  for (const shape of NEXT_BOOTSTRAP) {
    const argument = shape.exec(text)?.[1];
    if (argument === undefined) continue;
    try {
      JSON.parse(argument);
      return true;
    } catch {
      return false;
    }
  }
  return false;
}

/**
 * The `'sha256-…'` sources for every inline script of Next's in `html` (isNextBootstrap), each once, in order.
 * @param {string} html
 * @returns {string[]}
 */
export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const [, attributes = '', text = ''] of html.matchAll(SCRIPT)) {
    if (text === '' || /\bsrc\s*=/i.test(attributes) || DATA_TYPE.test(attributes) || !isNextBootstrap(text)) continue;
    hashes.add(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

const MEMO_SIZE = 2_000;
/** ETag of a page version → its hashes; the most recently used MEMO_SIZE only. */
const memo = new Map();

/**
 * inlineScriptHashes for a page body, remembered by the page's ETag when it has one (Next gives every cached
 * page one, derived from its bytes) together with the body's length, so a changed page is hashed again.
 * @param {string} html
 * @param {string | undefined} etag
 */
export function hashesForPage(html, etag) {
  if (!etag) return inlineScriptHashes(html);
  const key = `${etag}\0${html.length}`;
  let hashes = memo.get(key);
  if (hashes) {
    memo.delete(key);
  } else {
    hashes = inlineScriptHashes(html);
    if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value);
  }
  memo.set(key, hashes);
  return hashes;
}
