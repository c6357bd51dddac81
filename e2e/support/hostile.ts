/**
 * Helpers for the hardening specs: raw HTTP requests (exact bytes, headers and content types, no
 * client-side fixing), the checks every answer must pass (status class, the one error shape, no
 * leaked internals), and a read-only look at the site's SQLite file.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import Database from 'better-sqlite3';
import { errorCatalogue } from '../../lib/errors';
import { BASE_URL } from './page-helpers';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string | string[]>;
  /** Sent with a Content-Length, or chunked when `chunked` is set. */
  body?: Buffer;
  chunked?: boolean;
  base?: string;
}

// A fresh connection per request: a server that closes a connection after refusing a body must not
// turn the next request on it into a client-side ECONNRESET.
const agent = new http.Agent({ keepAlive: false });

/** Undoes the compression the server chose (fuzzed requests may send Accept-Encoding). */
function decode(body: Buffer, encoding: string | undefined): Buffer {
  if (!encoding || encoding === 'identity' || body.length === 0) return body;
  if (encoding === 'gzip') return zlib.gunzipSync(body);
  if (encoding === 'br') return zlib.brotliDecompressSync(body);
  if (encoding === 'deflate') return zlib.inflateSync(body);
  throw new Error(`unexpected Content-Encoding: ${encoding}`);
}

/** One HTTP request exactly as described: no default content type, no redirects followed. */
export function rawRequest({ method, path: target, headers = {}, body, chunked = false, base = BASE_URL }: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const all: Record<string, string | string[]> = { ...headers };
    if (body && !chunked) all['content-length'] = String(body.length);
    if (chunked) all['transfer-encoding'] = 'chunked';
    let answered = false;
    const req = http.request(new URL(target, base), { method, headers: all, agent }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: decode(Buffer.concat(chunks), res.headers['content-encoding']).toString('utf8') });
        } catch (error) {
          reject(error as Error);
        }
      });
      res.on('error', reject);
    });
    // A server that refuses a body answers and closes before the client has sent it all: once the answer has
    // come, the client's own write failing (EPIPE, ECONNRESET) is expected, and the answer is what counts.
    // The answer may still be in the socket's buffer when the write fails, so give it a moment to be read.
    req.on('error', (error) => {
      if (!answered) setTimeout(() => answered || reject(error), 500);
    });
    if (body && chunked) {
      for (let i = 0; i < body.length; i += 1000) req.write(body.subarray(i, i + 1000));
      req.end();
    } else req.end(body);
  });
}

export interface ErrorShape {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

// The checks below run thousands of times per fuzz test, so they use node:assert: every Playwright
// expect() is a reported step, and tens of thousands of them slow the runner down quadratically.

/** Asserts the one documented error shape (lib/errors.ts), with the status its code stands for. */
export function expectErrorShape(response: RawResponse, what: string): ErrorShape {
  assert.match(response.headers['content-type'] ?? '', /^application\/json/, `${what}: errors are JSON`);
  let body: { error?: ErrorShape };
  try {
    body = JSON.parse(response.text) as { error?: ErrorShape };
  } catch {
    assert.fail(`${what}: ${response.status} body is not JSON: ${response.text.slice(0, 300)}`);
  }
  assert.deepEqual(Object.keys(body), ['error'], `${what}: the body is {error: …}: ${response.text.slice(0, 300)}`);
  const error = body.error!;
  assert.ok(
    Object.keys(error).every((k) => ['code', 'message', 'fields'].includes(k)),
    `${what}: error keys ${Object.keys(error).join(',')}`,
  );
  assert.ok(Object.hasOwn(errorCatalogue, error.code), `${what}: "${error.code}" is a documented code`);
  assert.equal(response.status, errorCatalogue[error.code as keyof typeof errorCatalogue].status, `${what}: ${error.code} has its documented status`);
  assert.ok(typeof error.message === 'string' && error.message.length > 0, `${what}: a message a person can read`);
  if (error.fields !== undefined) {
    assert.ok(typeof error.fields === 'object' && error.fields !== null && !Array.isArray(error.fields), `${what}: fields is an object`);
    for (const value of Object.values(error.fields)) assert.equal(typeof value, 'string', `${what}: every field message is a string`);
  }
  if (response.status === 429 || response.status === 503) {
    assert.match(response.headers['retry-after'] ?? '', /^[1-9]\d*$/, `${what}: ${response.status} says when to retry`);
  }
  return error;
}

/** What must never reach a client: stack frames, file paths, SQL and driver errors. */
const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\bat (?:async )?[\w$.<>[\] ]*\(?(?:file:\/\/|\/|node:)[^)\s]*:\d+:\d+/],
  ['a file path of the server', new RegExp(`${process.cwd().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|/node_modules/|\\.next/server|webpack-internal`)],
  ['SQL', /\b(?:SELECT\s+[\w*"`, ]+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b/i],
  ['a database error', /SQLITE_|SqliteError|better-sqlite3|kysely/i],
  ['an exception name', /\b(?:TypeError|RangeError|ReferenceError|SyntaxError|AggregateError):/],
];

/** Asserts a response body gives nothing of the server away. */
export function expectNoLeak(text: string, what: string): void {
  for (const [name, pattern] of LEAKS) {
    const match = pattern.exec(text);
    assert.equal(match, null, `${what}: the answer contains ${name}: ${match?.[0]}`);
  }
}

/** The site's SQLite file (playwright.config.ts puts DATA_DIR in the environment of the test process too). */
export const databaseFile = (dataDir = process.env.DATA_DIR!) => path.join(dataDir, 'eurasian-star.db');

/** Opens the site's database read-only: these specs look, they never write. */
export function openReadOnly(file = databaseFile()): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}

export interface StoredComment {
  rowid: number;
  id: string;
  article: string;
  parent_id: string | null;
  status: string;
  body: string;
  is_editor: number;
  updated_at: string;
}

/** Every stored comment, by id. */
export function commentsById(db: Database.Database): Map<string, StoredComment> {
  const rows = db.prepare('SELECT rowid, id, article, parent_id, status, body, is_editor, updated_at FROM comments').all() as StoredComment[];
  return new Map(rows.map((row) => [row.id, row]));
}

/** A tally of answers by status, printed at the end of a fuzz run. */
export class Tally {
  readonly counts = new Map<string, number>();
  add(key: string | number): void {
    this.counts.set(String(key), (this.counts.get(String(key)) ?? 0) + 1);
  }
  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0);
  }
  toString(): string {
    return [...this.counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}×${v}`)
      .join(' ');
  }
}

/** The fuzz seed: FUZZ_SEED from the environment to replay a failure, else a fixed one. */
export function fuzzSeed(fallback: number): number {
  const value = process.env.FUZZ_SEED;
  if (value === undefined || value === '') return fallback;
  const seed = Number(value);
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got "${value}"`);
  return seed;
}
