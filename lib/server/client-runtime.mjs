// @ts-check
/**
 * Reader pages without Next's client runtime. Every reader page already works without JavaScript (no-js.spec.ts,
 * comments-nojs.spec.ts): it is prerendered HTML with plain links and plain forms. What Next adds in the browser —
 * React DOM, its router and the inline RSC payload that repeats the page for hydration, 139–142 KB of JavaScript
 * and two thirds of the HTML — bought readers nothing and cost every page its blocking time and a slower first
 * paint (docs/benchmarks.md, "Next's client runtime: what it costs"). So the server takes it out of reader pages on
 * their way out, and the two things JavaScript adds — as-you-type search and the enhanced comment form — are one
 * small file of the site's own, public/reader.js, loaded with `defer` where a page asks for it.
 *
 * Which answers: those the fast path may share (page-cache.mjs cacheKey: GET or HEAD of a page path with no session
 * or draft-mode cookie, no RSC or prefetch header), when they are HTML. Editors' pages, previews in draft mode and
 * Next's own RSC requests keep the runtime untouched.
 */

/** The site's own script for reader pages (public/reader.js): kept when the runtime is taken out. */
export const READER_SCRIPT_PATH = '/reader.js';

const SCRIPT_ELEMENT = /<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi;
const SCRIPT_TYPE = /\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const SCRIPT_SRC = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const LINK_ELEMENT = /<link\b[^>]*>/gi;

/** Whether a `<script>` with these attributes is one a browser runs (not a data block such as JSON-LD). */
function runs(/** @type {string} */ attributes) {
  const match = SCRIPT_TYPE.exec(attributes);
  const type = (match?.[1] ?? match?.[2] ?? match?.[3] ?? '').trim().toLowerCase();
  return type === '' || type === 'module' || type === 'text/javascript' || type === 'application/javascript';
}

/** Whether a script's `src` is the site's own reader script (any version query). */
function isReaderScript(/** @type {string} */ attributes) {
  const match = SCRIPT_SRC.exec(attributes);
  const src = match?.[1] ?? match?.[2] ?? match?.[3] ?? '';
  return src === READER_SCRIPT_PATH || src.startsWith(`${READER_SCRIPT_PATH}?`);
}

/**
 * The page without the scripts a browser would run, except the site's own reader script: every other `<script>`
 * element (Next's chunks, its inline bootstrap and RSC payload) and every `<link rel="preload" as="script">` or
 * `<link rel="modulepreload">`. Data blocks (JSON-LD), stylesheets, fonts, images and the markup stay as they were.
 * A script element ends at the first `</script`, for this pattern as for an HTML parser (Next escapes `</` inside
 * the payload it inlines). `keepReaderScript: false` takes the reader script out too (the bench's no-scripts copy).
 * @param {string} html
 * @param {{ keepReaderScript?: boolean }} [options]
 * @returns {{ html: string; removed: number }}
 */
export function withoutClientRuntime(html, { keepReaderScript = true } = {}) {
  let removed = 0;
  let out = html.replace(SCRIPT_ELEMENT, (element, /** @type {string} */ attributes) => {
    if (!runs(attributes) || (keepReaderScript && isReaderScript(attributes))) return element;
    removed += 1;
    return '';
  });
  out = out.replace(LINK_ELEMENT, (element) => {
    const rel = /\brel\s*=\s*["']?([^"'\s>]+)/i.exec(element)?.[1]?.toLowerCase();
    const as = /\bas\s*=\s*["']?([^"'\s>]+)/i.exec(element)?.[1]?.toLowerCase();
    if (rel === 'modulepreload' || (rel === 'preload' && as === 'script')) {
      removed += 1;
      return '';
    }
    return element;
  });
  return { html: out, removed };
}

/**
 * Whether `res` is an HTML page in plain text. Not when it is already encoded: a not-found answer that proxy.ts
 * rewrites is fetched by Next from this same server (which took the runtime out there) and piped back compressed.
 */
const isHtml = (/** @type {import('node:http').ServerResponse} */ res) =>
  /^text\/html\b/i.test(String(res.getHeader('content-type') ?? '')) && /^(identity)?$/i.test(String(res.getHeader('content-encoding') ?? '').trim());

/**
 * Makes `res` send its HTML page without the client runtime (withoutClientRuntime). Next sends a prerendered page
 * in one `end()` and a page rendered for this request in parts (`flushHeaders`, `write`s, `end`); an HTML answer is
 * gathered until its end either way (reader pages are tens of KB) and handed on whole, so the wrappers inside this
 * one (the fast path's copy, the page policy's script hashes, compression) see the page as readers get it. Anything
 * else passes through untouched. Call it after every other wrapper of `res.end`: it must be the outermost.
 * @param {import('node:http').ServerResponse} res
 */
export function sendWithoutClientRuntime(res) {
  const { write, end, flushHeaders } = res;
  /** @type {Buffer[] | undefined} */
  let parts;
  let passing = false;
  let ended = false;
  /** Decided at the first write or end: gather an HTML answer whose headers are not out yet; pass anything else. */
  const gathering = () => {
    if (parts) return true;
    if (passing) return false;
    if (res.headersSent || !isHtml(res)) {
      passing = true;
      return false;
    }
    parts = [];
    return true;
  };
  const toBuffer = (/** @type {unknown} */ chunk, /** @type {unknown} */ encoding) =>
    Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(String(chunk), typeof encoding === 'string' ? /** @type {BufferEncoding} */ (encoding) : 'utf8');

  res.flushHeaders = function () {
    // Next flushes the headers before its first chunk; an HTML page's go out with the page, once it is complete.
    if (isHtml(res) && !passing) return;
    flushHeaders.call(res);
  };
  res.write = /** @type {any} */ (
    function (/** @type {unknown} */ chunk, /** @type {unknown} */ encoding, /** @type {unknown} */ callback) {
      // Once the page is handed on, what the layers inside write is theirs to send.
      if (ended || !gathering()) return Reflect.apply(write, res, arguments);
      if (chunk !== undefined && chunk !== null) /** @type {Buffer[]} */ (parts).push(toBuffer(chunk, encoding));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') process.nextTick(done);
      return true;
    }
  );
  res.end = /** @type {any} */ (
    function (/** @type {unknown} */ chunk, /** @type {unknown} */ encoding, /** @type {unknown} */ callback) {
      if (typeof chunk === 'function') return Reflect.apply(res.end, res, [undefined, undefined, chunk]);
      if (typeof encoding === 'function') return Reflect.apply(res.end, res, [chunk, undefined, encoding]);
      const hasBody = chunk !== undefined && chunk !== null && !(typeof chunk === 'string' && chunk === '');
      // A HEAD answer or an empty end after no writes: nothing to rewrite. After the page is handed on, the layers
      // inside may write and end again: theirs to send.
      if (ended || (!parts && !hasBody)) return Reflect.apply(end, res, arguments);
      if (!gathering()) return Reflect.apply(end, res, arguments);
      ended = true;
      const all = /** @type {Buffer[]} */ (parts);
      if (hasBody) all.push(toBuffer(chunk, encoding));
      const { html } = withoutClientRuntime(Buffer.concat(all).toString('utf8'));
      const body = Buffer.from(html, 'utf8');
      // Next may have set the length of the page as it was. (Compression, inside, takes it off when it compresses.)
      res.setHeader('content-length', body.length);
      return Reflect.apply(end, res, [body, typeof callback === 'function' ? callback : undefined]);
    }
  );
}
