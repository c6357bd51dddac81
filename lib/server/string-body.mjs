// @ts-check
/**
 * Next.js answers a prerendered page from its cache with `res.end(html)`, the page as one JavaScript
 * string. Pages with non-Latin-1 text (an em dash is enough) are two-byte strings, and on this server
 * every such page whose response (headers and body) passed 65,535 characters was served at about half
 * the rate of one just under it: on the 10,000-article archive a 65.9 KB article answered 557–610
 * requests/s and a 64.1 KB one 939–1,085 (wrk, 16 connections, loopback), with the extra time inside
 * Node's socket writev. Handing Node the page already encoded as UTF-8 bytes removes the step: the
 * 65.9 KB article then answers 1,013–1,081 requests/s (docs/benchmarks.md). A plain Node server
 * sending the same strings shows no such step, so the cause lies in how the string reaches the socket
 * inside Next's pipeline; the fix does not depend on it.
 *
 * The bytes sent are exactly those Node would have sent: the string encoded as `encoding` (UTF-8 unless
 * told otherwise), with the Content-Length Next has already set from Buffer.byteLength.
 */

/** @typedef {import('node:http').ServerResponse} ServerResponse */

/**
 * Makes `res.end(string[, encoding][, callback])` send the string as a Buffer. Anything else passes through.
 * @param {ServerResponse} res
 */
export function encodeStringBodies(res) {
  const end = res.end;
  /** @type {(this: ServerResponse, chunk?: unknown, encoding?: unknown, callback?: unknown) => ServerResponse} */
  function endWithBuffer(chunk, encoding, callback) {
    // An unknown encoding is left to Node, which refuses it as it always has.
    if (typeof chunk !== 'string' || (typeof encoding === 'string' && !Buffer.isEncoding(encoding))) return Reflect.apply(end, this, arguments);
    if (typeof encoding === 'function') return Reflect.apply(end, this, [Buffer.from(chunk, 'utf8'), encoding]);
    const bytes = Buffer.from(chunk, typeof encoding === 'string' ? /** @type {BufferEncoding} */ (encoding) : 'utf8');
    return callback === undefined ? Reflect.apply(end, this, [bytes]) : Reflect.apply(end, this, [bytes, callback]);
  }
  res.end = /** @type {ServerResponse['end']} */ (endWithBuffer);
}
